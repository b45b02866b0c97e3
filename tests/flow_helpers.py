"""Helpers for the workflow tests (a uniquely named module: ``conftest`` names clash across dirs)."""

from __future__ import annotations

import asyncio
import os
from collections.abc import Callable
from typing import Any

from handlers.testing import ChatHarness
from storage.uow import UnitOfWorkFactory


def _own_database(server_url: str | None) -> str | None:
    """A database of this test session's own on ``LINLI_TEST_DATABASE_URL``'s server (dropped at exit).

    Why not the configured database itself: sessions that run at once on one server (CI beside a
    developer, two checkouts) would drop each other's tables mid-test.
    """
    if not server_url:
        return None
    from bench._harness import fresh_pg_database

    return asyncio.run(fresh_pg_database(server_url, "linli_test"))


PG_URL = _own_database(os.environ.get("LINLI_TEST_DATABASE_URL"))
PG_SKIP = "PostgreSQL tests need LINLI_TEST_DATABASE_URL (e.g. postgresql://postgres@127.0.0.1:5432/test)"


async def register(chat: ChatHarness, name: str, community: str = "回新社区", building: str | None = "5栋",
                   phone: str | None = "13800138000") -> None:
    """Walk a resident through registration (helper for many tests)."""
    await chat.say(name, "你好")
    await chat.press(name, community)
    await chat.press(name, building or "跳过")
    if phone:
        await chat.share_contact(name, phone)
    else:
        await chat.press(name, "跳过")


async def report(chat: ChatHarness, name: str, text: str) -> str:
    """Say ``text`` and confirm the summary; returns the new case number."""
    await chat.say(name, text)
    if any(b.label == "新问题" for b in chat.last(name).flat_buttons()):
        await chat.press(name, "新问题")
    await chat.press(name, "确认提交")
    reply = chat.last(name).text
    assert "案件编号" in reply, reply
    return reply.split("案件编号 ")[1].split("。")[0].split("\n")[0]


async def get_case(uow_factory: UnitOfWorkFactory, number: str) -> Any:
    async with uow_factory() as uow:
        case = await uow.cases.by_number(number)
        assert case is not None, number
        return case


async def events(uow_factory: UnitOfWorkFactory, number: str) -> list[str]:
    async with uow_factory() as uow:
        case = await uow.cases.by_number(number)
        return [e.action for e in await uow.cases.events(case.id)]


async def pending_clocks(uow_factory: UnitOfWorkFactory, number: str) -> list[str]:
    async with uow_factory() as uow:
        case = await uow.cases.by_number(number)
        return sorted(c.kind for c in await uow.clocks.pending_for_case(case.id))


class CommitGate:
    """Wraps the core's unit-of-work factory: once armed, the next transaction stops just before
    its commit (its rows written, not committed) until released, standing for a slow or dying worker."""

    def __init__(self, factory: Callable[[], Any]) -> None:
        self.factory = factory
        self.armed = False
        self.reached = asyncio.Event()
        self.release = asyncio.Event()

    def __call__(self) -> Any:
        uow = self.factory()
        if self.armed:
            self.armed = False
            commit = uow.commit

            async def held() -> None:
                self.reached.set()
                await self.release.wait()
                await commit()

            uow.commit = held
        return uow
