"""Typed conversation data: rows written before it (plain dicts of the old keys) still load and
continue where they stood; an unreadable row starts afresh instead of failing every update."""

from __future__ import annotations

from typing import Any

from flow_helpers import get_case, register, report

from handlers.convdata import ConvData, Draft
from handlers.testing import ChatHarness
from storage.uow import UnitOfWorkFactory


async def _store(uow_factory: UnitOfWorkFactory, chat: ChatHarness, chat_id: str, state: str,
                 data: dict[str, Any]) -> None:
    async with uow_factory() as uow:
        row = (await uow.conversations.open("console", chat_id, chat.clock())).conversation
        row.state, row.data = state, data
        await uow.commit()


async def _stored(uow_factory: UnitOfWorkFactory, chat: ChatHarness, chat_id: str) -> tuple[str, dict[str, Any]]:
    async with uow_factory() as uow:
        row = (await uow.conversations.open("console", chat_id, chat.clock())).conversation
        return row.state, dict(row.data or {})


def test_defaults_are_not_stored() -> None:
    assert ConvData().dump() == {}
    data = ConvData(draft=Draft(text="漏水", category="neighbor"), survey_case=3)
    assert ConvData.load(data.dump()) == data


def test_unknown_keys_are_dropped_and_bad_rows_start_afresh() -> None:
    assert ConvData.load({"pending_text": "x", "someday": 1}).pending_text == "x"
    assert ConvData.load({"draft": {"category": "labor"}}) == ConvData()  # a draft without its text
    assert ConvData.load(None) == ConvData()


async def test_an_old_draft_row_is_confirmed(chat: ChatHarness, uow_factory: UnitOfWorkFactory) -> None:
    await register(chat, "olga")
    old_draft = {"text": "老板拖欠我三个月工资", "category": "labor", "urgency": "normal", "confidence": 0.9,
                 "flags": [], "alternatives": [], "photos": ["p-1"]}
    await _store(uow_factory, chat, "olga", "report_confirm", {"draft": old_draft, "photos": []})
    replies = await chat._send("olga", payload="d:ok")
    assert "案件编号" in replies[0].text
    number = replies[0].text.split("案件编号 ")[1][:15]
    case = await get_case(uow_factory, number)
    assert (case.text, case.category) == ("老板拖欠我三个月工资", "labor")
    assert await _stored(uow_factory, chat, "olga") == ("idle", {})


async def test_an_old_staff_prompt_row_takes_the_text(chat: ChatHarness, uow_factory: UnitOfWorkFactory) -> None:
    await register(chat, "pia")
    number = await report(chat, "pia", "老板拖欠我三个月工资")
    w = "staff:room-mage-1"
    await chat.press(w, "签收")
    case = await get_case(uow_factory, number)
    await _store(uow_factory, chat, w, "await_summary", {"case_id": case.id, "outcome": "explained"})
    await chat.say(w, "已向居民解释相关规定。")
    assert "已结案" in chat.last(w).text
    assert (await get_case(uow_factory, number)).outcome == "explained"
