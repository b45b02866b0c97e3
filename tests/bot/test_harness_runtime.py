"""The ``chat`` fixture drives the same runtime as ``linli run``: a reply the channel cannot send
is deferred to the outbox and delivered later, never lost."""

from __future__ import annotations

from datetime import timedelta

from bot.testing import RuntimeTransport
from handlers.messages import Outgoing
from handlers.outbox import TemporarySendError
from handlers.testing import ChatHarness


async def test_a_reply_the_channel_refuses_is_deferred_and_delivered(chat: ChatHarness) -> None:
    transport = chat.transport
    assert isinstance(transport, RuntimeTransport)
    refused: list[Outgoing] = []

    def down(outgoing: Outgoing) -> Exception | None:
        refused.append(outgoing)
        return TemporarySendError(0.0, "channel down")

    transport.channel.fail = down
    assert await chat.say("amy", "你好") == []  # nothing reached amy yet
    assert refused and transport.runtime.replies_deferred == 1
    transport.channel.fail = None
    chat.clock.advance(timedelta(minutes=1))  # the outbox's backoff after the failed drain too
    await chat.deliver()
    assert chat.texts("amy") and chat.texts("amy")[-1] == refused[-1].text
