"""/mydata and /forget: a resident sees all they gave us, in full, and can have it erased.

Erasure withdraws open cases first (the handler is told), then replaces what the resident wrote
everywhere it is kept; case rows stay so that the district's figures do not move.
"""

from __future__ import annotations

from datetime import date, timedelta
from zoneinfo import ZoneInfo

from flow_helpers import get_case, register, report

from handlers import figures
from handlers.messages import MAX_PAYLOAD_BYTES, MAX_TEXT, Outgoing
from handlers.privacy import PLACEHOLDER, split_message
from handlers.testing import ChatHarness
from storage import models as m
from storage.uow import UnitOfWorkFactory

W = "staff:room-mage-1"
PHONE = "13800138000"
WAGE = "老板拖欠我三个月工资，身份证460200199001011234"


async def _closed_wage_case(chat: ChatHarness) -> str:
    """alice: a wage case accepted, worked, recategorised, closed, surveyed and commented on."""
    await register(chat, "alice", phone=PHONE)
    number = await report(chat, "alice", WAGE)
    await chat.photo("alice", "photo-file-1")
    await chat.press(W, "签收")
    await chat.press(W, "记录进展")
    await chat.say(W, "已约双方周五来调解室")
    await chat.say(W, f"/case {number}")
    await chat.press(W, "修改分类")
    await chat.press(W, "债务合同纠纷")
    await chat.say(W, f"/case {number}")
    await chat.press(W, "结案")
    await chat.press(W, "已解释说明")
    await chat.say(W, "已向居民解释，联系电话13800138000")
    await chat.advance(timedelta(hours=25))
    await chat.press("alice", "满意")
    await chat.say("alice", "处理得很好，谢谢网格员")
    return number


async def _figures(uow_factory: UnitOfWorkFactory, chat: ChatHarness) -> figures.Figures:
    tz = ZoneInfo("Asia/Shanghai")
    period = figures.Period(date(2026, 1, 1), date(2027, 12, 31), tz)
    async with uow_factory() as uow:
        return figures.compute(await figures.load_facts(uow, period), period, chat.clock())


def _valid(replies: list[Outgoing]) -> None:
    for r in replies:
        assert 0 < len(r.text) <= MAX_TEXT
        assert all(len(b.payload.encode()) <= MAX_PAYLOAD_BYTES for b in r.flat_buttons())


async def test_mydata_shows_everything_in_full(chat: ChatHarness) -> None:
    number = await _closed_wage_case(chat)
    await chat.say("alice", "楼上漏水把我家天花板泡坏了")  # pending: not yet confirmed
    replies = await chat.say("alice", "/mydata")
    _valid(replies)
    text = "\n".join(r.text for r in replies)
    for expected in (PHONE, "回新社区", "5栋", "alice", number, "债务合同纠纷", "已办结", "已解释说明",
                     "460200199001011234", "[照片]", "满意", "处理得很好", "楼上漏水", "/forget"):
        assert expected in text, expected
    assert "已约双方" not in text  # a staff member's internal note is not the resident's data


async def test_mydata_is_split_under_the_message_limit(chat: ChatHarness, uow_factory: UnitOfWorkFactory) -> None:
    await register(chat, "alice")
    number = await report(chat, "alice", "老板拖欠工资")
    case = await get_case(uow_factory, number)
    async with uow_factory() as uow:
        for i in range(6):
            uow.cases.add(m.CaseNote(case_id=case.id, at=chat.clock(), author="resident", kind="text",
                                     text=f"第{i}条补充" + "很长的说明" * 400))
        await uow.commit()
    replies = await chat.say("alice", "/mydata")
    assert len(replies) >= 3
    _valid(replies)
    text = "".join(r.text for r in replies)
    assert all(f"第{i}条补充" in text for i in range(6))


def test_split_message_cuts_long_lines() -> None:
    chunks = split_message(["a" * 10, "b" * 25, "c"], limit=10)
    assert all(len(c) <= 10 for c in chunks)
    assert "".join(chunks).replace("\n", "") == "a" * 10 + "b" * 25 + "c"


async def test_forget_withdraws_then_anonymises(chat: ChatHarness, uow_factory: UnitOfWorkFactory) -> None:
    closed_number = await _closed_wage_case(chat)
    open_number = await report(chat, "alice", "楼上漏水，我电话13912345678")
    before = await _figures(uow_factory, chat)

    asked = await chat.say("alice", "/forget")
    _valid(asked)
    assert open_number in asked[0].text and "无法恢复" in asked[0].text
    assert [b.label for b in asked[0].flat_buttons()] == ["确认删除", "取消"]
    done = await chat.press("alice", "确认删除")
    assert "已删除" in done[0].text and open_number in done[0].text

    # the open case went through the normal withdrawal, and its handler was told
    open_case = await get_case(uow_factory, open_number)
    assert (open_case.state, open_case.outcome) == ("withdrawn", "withdrawn")
    assert "撤回" in chat.last("staff:huixin-gw1").text and open_number in chat.last("staff:huixin-gw1").text
    async with uow_factory() as uow:
        ev = (await uow.cases.events(open_case.id))[-1]
        assert (ev.action, ev.from_state, ev.to_state, ev.actor) == ("withdrawn", "assigned", "withdrawn", "resident")
        resident = await uow.residents.get(open_case.resident_id)
        assert resident.phone is None and resident.display_name is None and resident.user_id is None
        assert resident.building is None and resident.forgotten_at == chat.clock()
        assert resident.chat_id != "alice"
        closed = await uow.cases.by_number(closed_number)
        # the case rows stay, with what the district counts
        assert (closed.number, closed.category, closed.outcome, closed.satisfaction) == (
            closed_number, "debt", "explained", "satisfied")
        assert closed.created_at is not None and closed.closed_at is not None
        for case in (closed, open_case):
            fresh = await uow.cases.get(case.id)
            assert fresh.text == PLACEHOLDER
            for note in await uow.cases.notes(case.id):
                assert note.text in (None, PLACEHOLDER) and note.file_id in (None, PLACEHOLDER)
            for event in await uow.cases.events(case.id):
                assert "周五" not in (event.note or "") and "谢谢" not in (event.note or "")
                assert PHONE not in (event.note or "")
        assert closed.satisfaction_comment == PLACEHOLDER
        assert PHONE not in (closed.summary or "")
        assert await uow.cases.corrections() == []
        for row in await uow.outbox.of_case(closed.id):
            assert "工资" not in row.text and "460200199001011234" not in row.text
        assert await uow.clocks.pending_for_case(closed.id) == []  # no survey visit for a forgotten resident
        conv = await uow.conversations.lock("console", "alice", chat.clock())
        assert (conv.state, conv.data) == ("start", {})

    after = await _figures(uow_factory, chat)
    assert (after.total, after.closed, after.satisfaction, after.resolution) == (
        before.total, before.closed, before.satisfaction, before.resolution)
    assert after.withdrawn == before.withdrawn + 1

    # a new message starts afresh as a new registration
    welcome = await chat.say("alice", "你好")
    assert any("请选择您所在的社区" in r.text for r in welcome)
    data = "\n".join(r.text for r in await chat.say("alice", "/mydata"))
    assert PHONE not in data and closed_number not in data and "没有案件" in data


async def test_forget_cancel_and_forged_confirmations(chat: ChatHarness, uow_factory: UnitOfWorkFactory) -> None:
    await register(chat, "alice", phone=PHONE)
    number = await report(chat, "alice", "老板拖欠工资")
    await chat.say("alice", "/forget")
    assert "没有删除" in (await chat.press("alice", "取消"))[0].text
    for forged in ("pv:fg:ok", "pv:fg:ok:deadbeef", "pv:fg", "pv:x:ok", "pv:fg:ok:" + "0" * 40):
        assert "已失效" in (await chat._send("alice", payload=forged))[0].text
    await chat.say("alice", "/forget")
    token = chat.last("alice").flat_buttons()[0].payload
    await chat.say("alice", "/forget")  # a second request: only the latest button erases
    assert "已失效" in (await chat._send("alice", payload=token))[0].text
    case = await get_case(uow_factory, number)
    assert case.state == "assigned" and case.text == "老板拖欠工资"
    async with uow_factory() as uow:
        resident = await uow.residents.get(case.resident_id)
        assert resident.phone == PHONE and resident.forgotten_at is None


async def test_forget_before_registration(chat: ChatHarness, uow_factory: UnitOfWorkFactory) -> None:
    await chat.say("bob", "你好")
    await chat.say("bob", "/forget")
    assert "没有未办结" in chat.last("bob").text
    done = await chat.press("bob", "确认删除")
    assert "已删除" in done[0].text
    assert any("请选择您所在的社区" in r.text for r in await chat.say("bob", "你好"))


async def test_help_lists_the_privacy_commands(chat: ChatHarness) -> None:
    await register(chat, "alice")
    text = (await chat.say("alice", "/help"))[0].text
    assert "/mydata" in text and "/forget" in text and "/mycases" in text
