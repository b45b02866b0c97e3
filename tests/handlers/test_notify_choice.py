"""/notify: a staff member reachable on several channels chooses where notices go; by default they
follow the chat written from last. Notices (a new case's assignment) follow the choice."""

from __future__ import annotations

import uuid

from flow_helpers import register, report

from handlers.messages import Incoming, Outgoing
from handlers.testing import ChatHarness
from storage.uow import UnitOfWorkFactory

MAGE = "room-mage-1"


async def _on_telegram(chat: ChatHarness, text: str, chat_id: str = "900", locale: str | None = None) -> list[Outgoing]:
    return await chat.dispatcher.handle(Incoming(channel="telegram", chat_id=chat_id, user_id=chat_id,
                                                 update_id=uuid.uuid4().hex, text=text, locale=locale))


async def _where(uow_factory: UnitOfWorkFactory, staff_id: str = MAGE) -> tuple[str | None, str | None, str | None]:
    async with uow_factory() as uow:
        member = await uow.roster.staff(staff_id)
        assert member is not None
        return member.channel, member.chat_id, member.notice_channel


async def _assignments_on_telegram(uow_factory: UnitOfWorkFactory, chat_id: str = "900") -> list[str]:
    async with uow_factory() as uow:
        return [r.text for r in await uow.outbox.to_chat("telegram", chat_id) if r.text.startswith("新案件")]


async def test_notify_here_keeps_notices_on_the_chosen_channel(chat: ChatHarness,
                                                               uow_factory: UnitOfWorkFactory) -> None:
    await chat.say(f"staff:{MAGE}", "/help")  # bound on the console
    await _on_telegram(chat, f"/start {await chat.dispatcher.invite(MAGE)}")
    assert await _where(uow_factory) == ("telegram", "900", None)

    shown = (await chat.say(f"staff:{MAGE}", "/notify"))[0].text  # written from the console: notices follow
    assert "控制台" in shown and "Telegram" in shown and "最近" in shown
    assert await _where(uow_factory) == ("console", f"staff:{MAGE}", None)

    chosen = (await _on_telegram(chat, "/notify here"))[0].text
    assert "Telegram" in chosen
    await chat.say(f"staff:{MAGE}", "/help")  # writing from the console no longer moves them
    assert await _where(uow_factory) == ("telegram", "900", "telegram")
    shown = (await chat.say(f"staff:{MAGE}", "/notify"))[0].text
    assert "固定" in shown and "Telegram" in shown

    await register(chat, "alice")
    await report(chat, "alice", "老板拖欠工资")
    assert len(await _assignments_on_telegram(uow_factory)) == 1  # the notice went to Telegram
    assert not any(t.startswith("新案件") for t in chat.texts(f"staff:{MAGE}"))  # not to the console

    assert "最近" in (await chat.say(f"staff:{MAGE}", "/notify last"))[0].text
    assert await _where(uow_factory) == ("console", f"staff:{MAGE}", None)
    await chat.say(f"staff:{MAGE}", "/help")
    assert await _where(uow_factory) == ("console", f"staff:{MAGE}", None)


async def test_a_new_binding_elsewhere_does_not_move_a_choice(chat: ChatHarness,
                                                             uow_factory: UnitOfWorkFactory) -> None:
    await chat.say(f"staff:{MAGE}", "/notify here")
    assert await _where(uow_factory) == ("console", f"staff:{MAGE}", "console")
    await _on_telegram(chat, f"/start {await chat.dispatcher.invite(MAGE)}")
    assert await _where(uow_factory) == ("console", f"staff:{MAGE}", "console")
    await _on_telegram(chat, "/help")
    assert await _where(uow_factory) == ("console", f"staff:{MAGE}", "console")


async def test_notify_in_english_and_bad_arguments(chat: ChatHarness, uow_factory: UnitOfWorkFactory) -> None:
    member = "room-mage-2"
    async with uow_factory() as uow:
        staff = await uow.roster.staff(member)
        assert staff is not None
        staff.locale = "en"
        await uow.commit()
    await _on_telegram(chat, f"/start {await chat.dispatcher.invite(member)}", chat_id="901", locale="en")
    shown = (await _on_telegram(chat, "/notify", chat_id="901"))[0].text
    assert "Your notices go to Telegram" in shown and "the console" in shown
    assert "Usage: /notify" in (await _on_telegram(chat, "/notify somewhere", chat_id="901"))[0].text
    assert "keeps them here" in (await _on_telegram(chat, "/help", chat_id="901"))[0].text


async def test_a_chosen_chat_taken_by_someone_else_clears_the_choice(chat: ChatHarness,
                                                                    uow_factory: UnitOfWorkFactory) -> None:
    """Whoever enrols from a chat takes it over; the member who had chosen that chat for their
    notices loses the choice, and their notices go to the chat they still have, never to the
    newcomer's."""
    other = "room-mage-2"
    await chat.say(f"staff:{MAGE}", "/help")  # bound on the console
    await _on_telegram(chat, f"/start {await chat.dispatcher.invite(MAGE)}")
    await _on_telegram(chat, "/notify here")
    assert await _where(uow_factory) == ("telegram", "900", "telegram")

    await _on_telegram(chat, f"/start {await chat.dispatcher.invite(other)}")  # the same chat, now theirs
    assert await _where(uow_factory, other) == ("telegram", "900", None)
    assert await _where(uow_factory) == ("console", f"staff:{MAGE}", None)
    async with uow_factory() as uow:
        assert [b.channel for b in await uow.roster.bindings(MAGE)] == ["console"]

    await register(chat, "alice")
    await report(chat, "alice", "老板拖欠工资")
    assert any(t.startswith("新案件") for t in chat.texts(f"staff:{MAGE}"))  # on the chat MAGE kept
    assert await _assignments_on_telegram(uow_factory) == []  # not to the chat another took over
