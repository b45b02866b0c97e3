"""0008 (staff.notice_channel) on a database with staff in it: upgrading keeps every staff row and
its chat, and the choice starts empty ("where they wrote last"); downgrading drops only the column."""

from __future__ import annotations

import asyncio

import sqlalchemy as sa

from storage import migrate
from storage.db import make_engine, make_session_factory
from storage.roster import import_roster, sample_roster_path

STAFF = sa.table("staff", sa.column("id"), sa.column("channel"), sa.column("chat_id"))
NOTICE = sa.table("staff", sa.column("id"), sa.column("channel"), sa.column("chat_id"), sa.column("notice_channel"))


async def _columns(url: str) -> set[str]:
    engine = make_engine(url)
    async with engine.connect() as conn:
        names = await conn.run_sync(lambda c: {col["name"] for col in sa.inspect(c).get_columns("staff")})
    await engine.dispose()
    return names


async def test_0008_keeps_staff_and_starts_with_no_choice(db_url: str) -> None:
    await asyncio.to_thread(migrate.upgrade, db_url)
    engine = make_engine(db_url)
    await import_roster(make_session_factory(engine), sample_roster_path())
    await engine.dispose()
    await asyncio.to_thread(migrate.downgrade, db_url, "0007")
    assert "notice_channel" not in await _columns(db_url)

    engine = make_engine(db_url)  # a 0007 database with a bound staff member
    async with engine.begin() as conn:
        await conn.execute(sa.update(STAFF).where(STAFF.c.id == "room-mage-1").values(channel="web", chat_id="w-1"))
        before = (await conn.execute(sa.select(sa.func.count()).select_from(STAFF))).scalar_one()
    await engine.dispose()

    await asyncio.to_thread(migrate.upgrade, db_url)
    assert await migrate.current_revision(db_url) == "0008"
    engine = make_engine(db_url)
    async with engine.connect() as conn:
        after = (await conn.execute(sa.select(sa.func.count()).select_from(STAFF))).scalar_one()
        row = (await conn.execute(sa.select(NOTICE.c.channel, NOTICE.c.chat_id, NOTICE.c.notice_channel)
                                  .where(NOTICE.c.id == "room-mage-1"))).one()
    await engine.dispose()
    assert after == before > 0
    assert tuple(row) == ("web", "w-1", None)
