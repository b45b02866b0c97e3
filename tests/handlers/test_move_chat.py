"""A chat that goes on under another id (a Telegram group become a supergroup), on SQLite and
PostgreSQL: ``Dispatcher.move_chat`` re-points the conversation, the staff member, the resident and
the messages still waiting; twice is harmless; the service message does it without a reply; and
the outbox drain follows a move in its own transaction (the row it holds goes to the new id)."""

from __future__ import annotations

from typing import Any

from handlers.dispatcher import Dispatcher
from handlers.messages import Incoming
from handlers.outbox import ChatMovedError, OutboxMessage, drain, new_row
from storage import models as m
from storage.uow import UnitOfWorkFactory

TG = "telegram"
OLD, NEW = "-4001", "-1004001"
MEDIATOR = "room-mage-1"


async def _bind_group(uow_factory: UnitOfWorkFactory, clock: Any) -> dict[str, int]:
    """The mediator and a resident in the group OLD, its conversation, and four outbox rows."""
    now = clock()
    async with uow_factory() as uow:
        member = await uow.roster.staff(MEDIATOR)
        assert member is not None
        member.channel, member.chat_id = TG, OLD
        uow.residents.add(m.Resident(channel=TG, chat_id=OLD, created_at=now))
        await uow.conversations.open(TG, OLD, now)
        rows = {
            "pending": new_row(TG, OLD, "待签收", now),
            "held": new_row(TG, OLD, "等待", now, held=True),
            "sent": new_row(TG, OLD, "已发送", now),
            "other": new_row(TG, "-999", "别的群", now),
        }
        rows["sent"].state = "sent"
        for row in rows.values():
            uow.outbox.add(row)
        await uow.flush()
        conv = (await uow.conversations.open(TG, OLD, now)).conversation
        conv.state, conv.data = "idle", {"note": "kept"}
        ids = {name: row.id for name, row in rows.items()}
        await uow.commit()
    return ids


async def _state(uow_factory: UnitOfWorkFactory, ids: dict[str, int]) -> dict[str, Any]:
    async with uow_factory() as uow:
        member = await uow.roster.staff(MEDIATOR)
        assert member is not None
        outbox = {name: (await uow.session.get(m.Outbox, row_id)) for name, row_id in ids.items()}
        convs = {chat: await uow.session.get(m.Conversation, (TG, chat)) for chat in (OLD, NEW)}
        return {
            "staff": member.chat_id,
            "resident_old": await uow.residents.by_chat(TG, OLD) is not None,
            "resident_new": await uow.residents.by_chat(TG, NEW) is not None,
            "outbox": {name: (row.chat_id, row.state) for name, row in outbox.items() if row is not None},
            "conversations": {chat: (c.state, c.data) if c is not None else None for chat, c in convs.items()},
        }


async def test_move_chat_repoints_everything_bound_to_the_old_chat(dispatcher: Dispatcher,
                                                                   uow_factory: UnitOfWorkFactory, clock) -> None:
    ids = await _bind_group(uow_factory, clock)
    assert await dispatcher.move_chat(TG, OLD, NEW) is True
    moved = await _state(uow_factory, ids)
    assert moved == {
        "staff": NEW,
        "resident_old": False,
        "resident_new": True,
        "outbox": {"pending": (NEW, "pending"), "held": (NEW, "held"), "sent": (OLD, "sent"),
                   "other": ("-999", "pending")},
        "conversations": {OLD: None, NEW: ("idle", {"note": "kept"})},
    }
    assert await dispatcher.move_chat(TG, OLD, NEW) is False  # twice: harmless
    assert await _state(uow_factory, ids) == moved


async def test_the_new_chats_own_conversation_and_binding_are_kept(dispatcher: Dispatcher,
                                                                   uow_factory: UnitOfWorkFactory, clock) -> None:
    ids = await _bind_group(uow_factory, clock)
    async with uow_factory() as uow:
        conv = (await uow.conversations.open(TG, NEW, clock())).conversation
        conv.state = "start"  # someone wrote in the supergroup before the move was known
        uow.residents.add(m.Resident(channel=TG, chat_id=NEW, created_at=clock()))
        await uow.commit()
    assert await dispatcher.move_chat(TG, OLD, NEW) is True
    state = await _state(uow_factory, ids)
    assert state["conversations"] == {OLD: None, NEW: ("start", {})}
    assert state["staff"] == NEW
    assert state["resident_old"] and state["resident_new"]  # the new chat's resident wins; the old is left


async def test_the_upgrade_notice_moves_the_chat_without_a_reply(dispatcher: Dispatcher,
                                                                 uow_factory: UnitOfWorkFactory, clock) -> None:
    ids = await _bind_group(uow_factory, clock)
    notice = Incoming(channel=TG, chat_id=OLD, user_id="7", update_id="u-1", is_group=True, moved_to=NEW)
    assert await dispatcher.handle(notice) == []
    assert (await _state(uow_factory, ids))["staff"] == NEW
    again = Incoming(channel=TG, chat_id=OLD, user_id="7", update_id="u-2", is_group=True, moved_to=NEW)
    assert await dispatcher.handle(again) == []  # the supergroup's own notice: nothing left to move


async def test_the_drain_follows_a_moved_chat_in_its_own_transaction(uow_factory: UnitOfWorkFactory, clock) -> None:
    ids = await _bind_group(uow_factory, clock)
    tried: list[str] = []

    async def send(msg: OutboxMessage) -> str:
        tried.append(msg.chat_id)
        if msg.chat_id == OLD:
            raise ChatMovedError(NEW)
        return f"native-{len(tried)}"

    assert await drain(uow_factory, send, clock) == 2  # the pending row and the other chat's
    assert tried == [OLD, NEW, "-999"]
    state = await _state(uow_factory, ids)
    assert state["outbox"]["pending"] == (NEW, "sent") and state["staff"] == NEW
    assert state["outbox"]["held"] == (NEW, "held")


async def test_a_second_move_in_a_row_fails_the_row(uow_factory: UnitOfWorkFactory, clock) -> None:
    ids = await _bind_group(uow_factory, clock)

    tried: list[str] = []

    async def send(msg: OutboxMessage) -> str:
        tried.append(msg.chat_id)
        if msg.chat_id != "-999":  # every new id has moved on again already
            raise ChatMovedError(str(int(msg.chat_id) - 1))
        return "native"

    await drain(uow_factory, send, clock)
    assert tried == [OLD, str(int(OLD) - 1), "-999"]  # followed once, not chased
    row = (await _state(uow_factory, ids))["outbox"]["pending"]
    assert row == (str(int(OLD) - 1), "failed")
