"""Enrolling many staff at once (a sandbox's whole roster) leaves the database exactly as enrolling
them one by one does: bindings, where notices go, language, and the notices held for them."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import db_templates
import pytest
from sqlalchemy import select

from handlers.dispatcher import enrol, enrol_many
from handlers.outbox import HELD, new_row
from storage import models as m
from storage.db import make_engine, make_session_factory
from storage.models import Base
from storage.roster import import_roster, sample_roster_path
from storage.uow import UnitOfWorkFactory

NOW = datetime(2026, 12, 6, 17, 0, tzinfo=UTC)
CHANNEL = "console"


async def build_roster(url: str) -> None:
    engine = make_engine(url)
    async with engine.begin() as conn:
        await conn.run_sync(Base.metadata.create_all)
    await import_roster(make_session_factory(engine), sample_roster_path())
    await engine.dispose()


async def _scene(uows: UnitOfWorkFactory) -> list[str]:
    """Staff in each situation enrolling meets; returns the active staff ids, roster order.

    a: two notices held for them; b: bound here already; c: bound on Telegram and chose it for
    notices; d (not enrolled again): holds the chat meant for e; f: bound here to another chat."""
    async with uows() as uow:
        staff = [s for s in await uow.roster.all_staff() if s.active]
        a, b, c, d, e, f = staff[:6]
        for text in ("held 1", "held 2"):
            uow.outbox.add(new_row(HELD, f"staff:{a.id}", text, NOW - timedelta(hours=2), held=True))
        uow.outbox.add(new_row(HELD, f"staff:{c.id}", "held 3", NOW - timedelta(hours=2), held=True))
        await uow.roster.bind_staff(b, CHANNEL, f"staff:{b.id}", NOW - timedelta(days=1))
        await uow.roster.bind_staff(c, "telegram", "4242", NOW - timedelta(days=1))
        assert await uow.roster.choose_notice_channel(c, "telegram")
        await uow.roster.bind_staff(d, CHANNEL, f"staff:{e.id}", NOW - timedelta(days=1))
        await uow.roster.bind_staff(f, CHANNEL, "old-chat", NOW - timedelta(days=1))
        await uow.commit()
    return [s.id for s in staff]


async def _snapshot(uows: UnitOfWorkFactory) -> dict[str, Any]:
    async with uows() as uow:
        s = uow.session
        bindings = sorted((b.staff_id, b.channel, b.chat_id, b.bound_at)
                          for b in await s.scalars(select(m.StaffBinding)))
        staff = sorted((x.id, x.channel, x.chat_id, x.notice_channel, x.locale)
                       for x in await s.scalars(select(m.Staff)))
        outbox = sorted((o.id, o.channel, o.chat_id, o.state, o.next_attempt_at)
                        for o in await s.scalars(select(m.Outbox)))
        await uow.rollback()
    return {"bindings": bindings, "staff": staff, "outbox": outbox}


async def _enrolled(url: str, together: bool, locale: str | None) -> tuple[list[str], dict[str, Any]]:
    engine = make_engine(url)
    uows = UnitOfWorkFactory(make_session_factory(engine))
    try:
        ids = await _scene(uows)
        async with uows() as uow:
            members = [await uow.roster.staff(staff_id) for staff_id in ids if staff_id != ids[3]]
            pairs = [(member, f"staff:{member.id}") for member in members if member is not None]
            if together:
                await enrol_many(uow, pairs, CHANNEL, locale, NOW)
            else:
                for member, chat_id in pairs:
                    await enrol(uow, member, CHANNEL, chat_id, locale, NOW)
            await uow.commit()
        return ids, await _snapshot(uows)
    finally:
        await engine.dispose()


@pytest.mark.parametrize("locale", [None, "en"])
async def test_enrol_many_leaves_what_enrolling_one_by_one_leaves(
        db_kind: str, locale: str | None, tmp_path: Path, tmp_path_factory: pytest.TempPathFactory) -> None:
    (tmp_path / "one").mkdir()
    (tmp_path / "many").mkdir()
    async with db_templates.database(db_kind, "roster", build_roster, tmp_path / "one", tmp_path_factory) as one:
        ids, one_by_one = await _enrolled(one, together=False, locale=locale)
    async with db_templates.database(db_kind, "roster", build_roster, tmp_path / "many", tmp_path_factory) as many:
        _, together = await _enrolled(many, together=True, locale=locale)
    assert together == one_by_one
    # The scene is what it claims: every member enrolled on a console chat of their own, the held
    # notices released there, the member who chose Telegram for notices left on it, and the
    # member who held another's chat without it.
    enrolled = [i for i in ids if i != ids[3]]
    console = [row for row in together["bindings"] if row[1] == CHANNEL]
    assert console == sorted((i, CHANNEL, f"staff:{i}", NOW) for i in enrolled)
    assert [(o[1], o[2], o[3]) for o in together["outbox"]] == [
        (CHANNEL, f"staff:{ids[0]}", "pending"), (CHANNEL, f"staff:{ids[0]}", "pending"),
        (CHANNEL, f"staff:{ids[2]}", "pending")]
    staff = {row[0]: row for row in together["staff"]}
    assert staff[ids[2]][1:4] == ("telegram", "4242", "telegram")
    assert all(staff[i][1:3] == (CHANNEL, f"staff:{i}") for i in enrolled if i != ids[2])
    assert staff[ids[3]][1:3] == (None, None)
    if locale == "en":
        assert {staff[i][4] for i in enrolled} == {"en"}


async def test_enrol_many_refuses_one_chat_for_two(db_kind: str, tmp_path: Path,
                                                   tmp_path_factory: pytest.TempPathFactory) -> None:
    async with db_templates.database(db_kind, "roster", build_roster, tmp_path, tmp_path_factory) as url:
        engine = make_engine(url)
        uows = UnitOfWorkFactory(make_session_factory(engine))
        try:
            async with uows() as uow:
                a, b = (await uow.roster.all_staff())[:2]
                with pytest.raises(ValueError, match="same chat"):
                    await enrol_many(uow, [(a, "shared"), (b, "shared")], CHANNEL, None, NOW)
                await uow.rollback()
        finally:
            await engine.dispose()
