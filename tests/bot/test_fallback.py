"""Buttons on a channel without buttons: numbered lines, and "1" or the label presses."""

from __future__ import annotations

from typing import Any

from bot.ratelimit import Bucket, RateLimiter
from bot.runtime import Runtime
from handlers.fallback import chunks, numbered, pressed
from handlers.messages import Button, Capabilities, Incoming, Outgoing
from handlers.testing import VirtualClock
from storage.uow import UnitOfWorkFactory

CONFIRM = (Button("确认提交", "rp:ok"), Button("修改", "rp:edit"))


def test_buttons_become_numbered_lines_in_the_texts_language() -> None:
    out = numbered(Outgoing(chat_id="1", text="请确认：", buttons=(CONFIRM,)))
    assert out.buttons == ()
    assert "回复 1: 确认提交" in out.text and "回复 2: 修改" in out.text
    english = numbered(Outgoing(chat_id="1", text="Please confirm:", buttons=((Button("Submit", "rp:ok"),),)))
    assert "reply 1: Submit" in english.text


def test_a_number_or_the_label_presses_other_text_does_not() -> None:
    assert pressed("2", CONFIRM) == CONFIRM[1]
    assert pressed(" 确认提交 ", CONFIRM) == CONFIRM[0]
    assert pressed("3", CONFIRM) is None and pressed("我还想补充", CONFIRM) is None


def test_a_long_text_goes_in_pieces_with_the_buttons_last() -> None:
    parts = chunks(Outgoing(chat_id="1", text="x" * 25, buttons=(CONFIRM,)), 10)
    assert [len(p.text) for p in parts] == [10, 10, 5]
    assert parts[-1].buttons and not parts[0].buttons


class Menu:
    def __init__(self) -> None:
        self.seen: list[Incoming] = []

    async def handle(self, incoming: Incoming) -> list[Outgoing]:
        self.seen.append(incoming)
        return [Outgoing(chat_id=incoming.chat_id, text="请确认：", buttons=(CONFIRM,))]

    async def run_due(self, limit: int = 100) -> int:
        return 0


class Sms:
    name = "sms"
    capabilities = Capabilities(max_text=160, buttons=False)

    def __init__(self, on_incoming: Any) -> None:
        self.on_incoming = on_incoming
        self.sent: list[Outgoing] = []

    async def start(self) -> None: ...

    async def stop(self) -> None: ...

    async def send(self, outgoing: Outgoing) -> str | None:
        self.sent.append(outgoing)
        return None


async def test_a_buttonless_channel_is_offered_numbers_and_a_typed_number_presses(
        uow_factory: UnitOfWorkFactory, clock: VirtualClock) -> None:
    core, made = Menu(), []
    runtime = Runtime(core, uow_factory, clock, lambda on: made.append(Sms(on)) or made[-1],
                      limiter=RateLimiter(Bucket(1e9, 1e9), Bucket(1e9, 1e9), Bucket(1e9, 1e9)))
    sms = made[0]
    await runtime.on_incoming(Incoming(channel="sms", chat_id="5", user_id="5", update_id="a", text="你好"))
    assert not sms.sent[-1].buttons and "回复 1: 确认提交" in sms.sent[-1].text
    await runtime.on_incoming(Incoming(channel="sms", chat_id="5", user_id="5", update_id="b", text="1"))
    assert core.seen[-1].payload == "rp:ok" and core.seen[-1].text is None
