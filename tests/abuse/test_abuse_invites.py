"""Invite codes: the one way to become staff. A code works once, expires, and is refused when
unknown or when its staff member has been deactivated; a refused code binds nothing."""

from __future__ import annotations

from datetime import timedelta

from abuse_helpers import assert_valid_message

from handlers.dispatcher import INVITE_TTL, Dispatcher
from handlers.messages import Incoming
from handlers.testing import VirtualClock
from storage.uow import UnitOfWorkFactory

STAFF = "huixin-gw1"


def _start(chat_id: str, code: str, update: str) -> Incoming:
    return Incoming(channel="telegram", chat_id=chat_id, user_id=chat_id, update_id=update, text=f"/start {code}")


async def _bound(uow_factory: UnitOfWorkFactory, chat_id: str) -> str | None:
    async with uow_factory() as uow:
        member = await uow.roster.staff_by_chat("telegram", chat_id)
        return member.id if member else None


async def _refused(dispatcher: Dispatcher, uow_factory: UnitOfWorkFactory, chat_id: str, code: str,
                   update: str) -> None:
    replies = await dispatcher.handle(_start(chat_id, code, update))
    assert_valid_message(replies[0])
    assert "邀请码无效" in replies[0].text, replies[0].text
    assert await _bound(uow_factory, chat_id) is None


async def test_a_code_works_once(dispatcher: Dispatcher, uow_factory: UnitOfWorkFactory) -> None:
    code = await dispatcher.invite(STAFF)
    assert "绑定成功" in (await dispatcher.handle(_start("tg-1", code, "u1")))[0].text
    assert await _bound(uow_factory, "tg-1") == STAFF
    await _refused(dispatcher, uow_factory, "tg-2", code, "u2")  # someone else, same code
    await _refused(dispatcher, uow_factory, "tg-2", code.lower(), "u3")
    assert await _bound(uow_factory, "tg-1") == STAFF  # the first binding stands


async def test_a_code_expires(dispatcher: Dispatcher, clock: VirtualClock, uow_factory: UnitOfWorkFactory) -> None:
    code = await dispatcher.invite(STAFF)
    clock.advance(INVITE_TTL - timedelta(seconds=1))
    still = await dispatcher.invite(STAFF, ttl=timedelta(hours=1))
    clock.advance(timedelta(seconds=1))  # exactly at the TTL: expired
    await _refused(dispatcher, uow_factory, "tg-1", code, "u1")
    assert "绑定成功" in (await dispatcher.handle(_start("tg-1", still, "u2")))[0].text


async def test_unknown_codes_are_refused(dispatcher: Dispatcher, uow_factory: UnitOfWorkFactory) -> None:
    await _refused(dispatcher, uow_factory, "tg-1", "NOSUCHCODE", "u1")
    await _refused(dispatcher, uow_factory, "tg-1", "ABCDEFGHJK", "u2")
    await _refused(dispatcher, uow_factory, "tg-1", "２３４５６７８９", "u3")  # full-width digits
    # Not code-shaped at all: treated as a resident's /start, which binds nothing either.
    for i, junk in enumerate(("x", "' OR 1=1 --", "\x00" * 10, "码" * 500)):
        replies = await dispatcher.handle(_start("tg-1", junk, f"j{i}"))
        assert_valid_message(replies[0])
        assert await _bound(uow_factory, "tg-1") is None


async def test_a_code_for_a_deactivated_member_is_refused(dispatcher: Dispatcher,
                                                          uow_factory: UnitOfWorkFactory) -> None:
    code = await dispatcher.invite(STAFF)
    async with uow_factory() as uow:
        (await uow.roster.staff(STAFF)).active = False
        await uow.commit()
    await _refused(dispatcher, uow_factory, "tg-1", code, "u1")
    async with uow_factory() as uow:
        assert (await uow.invites.get(code)).used_at is None  # not spent by the refusal
