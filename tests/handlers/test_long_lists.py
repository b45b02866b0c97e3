"""Long lists a page at a time: /queue in pages of 30 with [更多], /mycases newest 10 and /mycases N."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from flow_helpers import register

from handlers.testing import CHANNEL, ChatHarness
from storage import models as m
from storage.uow import UnitOfWorkFactory

COLUMNS = ("number", "resident_id", "district_id", "community_id", "text", "category", "urgency", "confidence",
           "flags", "state", "complex", "created_at", "assignee_id", "reopen_count", "is_demo", "resolution_due")


async def _cases(uow_factory: UnitOfWorkFactory, chat: ChatHarness, n: int, resident: int, state: str) -> None:
    now = chat.clock()
    rows: list[tuple[Any, ...]] = [
        (f"TY20261101-{i:04d}", resident, "tianya", "huixin", "楼上漏水", "neighbor", "normal", 0.9, [], state, False,
         now - timedelta(days=10, minutes=n - i), "huixin-gw1", 0, False, now + timedelta(days=3))
        for i in range(1, n + 1)]
    async with uow_factory() as uow:
        await uow.bulk.copy(m.Case, COLUMNS, rows)
        await uow.bulk.reset_sequence(m.Case)
        await uow.commit()


async def _alice(chat: ChatHarness, uow_factory: UnitOfWorkFactory) -> int:
    await register(chat, "alice")
    async with uow_factory() as uow:
        alice = await uow.residents.by_chat(CHANNEL, "alice")
    assert alice is not None
    return alice.id


def _numbers(text: str) -> list[str]:
    return [word for word in text.split() if word.startswith("TY20261101-")]


async def test_queue_pages_of_thirty_with_more(chat: ChatHarness, uow_factory: UnitOfWorkFactory) -> None:
    await _cases(uow_factory, chat, 70, await _alice(chat, uow_factory), "in_progress")
    head = "staff:huixin-head"
    first = (await chat.say(head, "/queue"))[0]
    assert "70" in first.text and _numbers(first.text) == [f"TY20261101-{i:04d}" for i in range(1, 31)]
    second = await chat.press(head, "更多")
    assert _numbers(second[0].text) == [f"TY20261101-{i:04d}" for i in range(31, 61)]
    third = await chat.press(head, "更多")
    assert _numbers(third[0].text) == [f"TY20261101-{i:04d}" for i in range(61, 71)]
    assert all(b.label != "更多" for b in third[0].flat_buttons())
    forged = await chat._send(head, payload="pg:q:notanumber:1")
    assert "失效" in forged[0].text
    worker = await chat._send("staff:huixin-gw1", payload="pg:q:1:1")
    assert "只有站长" in worker[0].text


async def test_mycases_newest_ten_then_pages(chat: ChatHarness, uow_factory: UnitOfWorkFactory) -> None:
    await _cases(uow_factory, chat, 25, await _alice(chat, uow_factory), "closed")
    page1 = (await chat.say("alice", "/mycases"))[0].text
    assert _numbers(page1) == [f"TY20261101-{i:04d}" for i in range(25, 15, -1)]
    assert "/mycases 2" in page1 and "第 1 页，共 3 页" in page1
    page3 = (await chat.say("alice", "/mycases 3"))[0].text
    assert _numbers(page3) == [f"TY20261101-{i:04d}" for i in range(5, 0, -1)]
    assert "/mycases 4" not in page3
    assert "没有第 9 页" in (await chat.say("alice", "/mycases 9"))[0].text
    view = (await chat.say("alice", "/case 0007"))[0].text
    assert "TY20261101-0007" in view
