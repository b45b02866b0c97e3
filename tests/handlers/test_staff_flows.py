"""Staff flows: enrolment, accepting, working and closing a case, supervision, refused presses."""

from __future__ import annotations

from datetime import timedelta

import pytest
from flow_helpers import events, get_case, register, report

from handlers.dispatcher import Dispatcher
from handlers.messages import Incoming
from handlers.testing import ChatHarness
from storage.uow import UnitOfWorkFactory


async def _wage_case(chat: ChatHarness, phone: str = "13800138000") -> str:
    await register(chat, "alice", phone=phone)
    return await report(chat, "alice", "老板拖欠我三个月工资，身份证460200199001011234")


def _start(chat_id: str, code: str, update: str) -> Incoming:
    return Incoming(channel="telegram", chat_id=chat_id, user_id=chat_id, update_id=update, text=f"/start {code}")


async def test_invite_binds_once(dispatcher: Dispatcher, uow_factory: UnitOfWorkFactory) -> None:
    code = await dispatcher.invite("huixin-gw1")
    replies = await dispatcher.handle(_start("tg-1", code, "u1"))
    assert "绑定成功" in replies[0].text and "谢宏伟" in replies[0].text
    async with uow_factory() as uow:
        assert (await uow.roster.staff_by_chat("telegram", "tg-1")).id == "huixin-gw1"
    again = await dispatcher.handle(_start("tg-2", code, "u2"))
    assert "无效" in again[0].text
    async with uow_factory() as uow:
        assert await uow.roster.staff_by_chat("telegram", "tg-2") is None


async def test_invite_expires_and_unknown_staff(dispatcher: Dispatcher, clock, uow_factory) -> None:
    code = await dispatcher.invite("huixin-gw1")
    clock.advance(timedelta(days=7, seconds=1))
    assert "无效" in (await dispatcher.handle(_start("tg-1", code, "u1")))[0].text
    assert "无效" in (await dispatcher.handle(_start("tg-1", "NOSUCHCODE", "u2")))[0].text
    with pytest.raises(LookupError):
        await dispatcher.invite("nobody")


async def test_messages_wait_for_enrolment(dispatcher: Dispatcher, uow_factory: UnitOfWorkFactory, chat) -> None:
    async with uow_factory() as uow:  # pretend room-mage-1 never enrolled
        member = await uow.roster.staff("room-mage-1")
        member.channel = member.chat_id = None
        await uow.commit()
    chat._bound.discard("room-mage-1")
    await register(chat, "alice")
    await report(chat, "alice", "老板拖欠工资")
    assert chat.received("staff:room-mage-1") == []
    await chat.say("staff:room-mage-1", "/help")  # binds through a fresh invite; the held row is released
    assert any("新案件" in t for t in chat.texts("staff:room-mage-1"))


async def test_assignment_masks_until_accepted(chat: ChatHarness, uow_factory: UnitOfWorkFactory) -> None:
    await register(chat, "alice")
    number = await report(chat, "alice", "老板拖欠工资，我电话13912345678")
    assignment = chat.last("staff:room-mage-1").text
    assert "139****5678" in assignment and "13912345678" not in assignment
    await chat.press("staff:room-mage-1", "签收")
    accepted = chat.last("staff:room-mage-1").text
    assert "13912345678" in accepted and "13800138000" in accepted and "回新社区" in accepted
    told = chat.last("alice").text
    assert "周海生" in told and "签收" in told
    case = await get_case(uow_factory, number)
    assert case.state == "accepted" and case.accepted_at == chat.clock()


async def test_double_accept_is_refused(chat: ChatHarness, uow_factory: UnitOfWorkFactory) -> None:
    number = await _wage_case(chat)
    await chat.press("staff:room-mage-1", "签收")
    case = await get_case(uow_factory, number)
    await chat._send("staff:room-mage-1", payload=f"c:{case.id}:acc")  # the assignment's button again
    assert "已签收过" in chat.last("staff:room-mage-1").text or "无需重复" in chat.last("staff:room-mage-1").text
    assert (await events(uow_factory, number)).count("accepted") == 1


async def test_other_staff_cannot_act(chat: ChatHarness, uow_factory: UnitOfWorkFactory) -> None:
    number = await _wage_case(chat)
    case = await get_case(uow_factory, number)
    for who in ("staff:huixin-gw1", "staff:huixin-head", "staff:room-mage-2"):
        replies = await chat._send(who, payload=f"c:{case.id}:acc")
        assert "不是由您承办" in replies[0].text
    replies = await chat._send("staff:huixin-gw1", payload=f"c:{case.id}:tr")
    assert "不是由您承办" in replies[0].text
    assert (await get_case(uow_factory, number)).state == "assigned"


async def test_staff_cannot_press_resident_buttons(chat: ChatHarness, uow_factory: UnitOfWorkFactory) -> None:
    number = await _wage_case(chat)
    case = await get_case(uow_factory, number)
    replies = await chat._send("staff:room-mage-1", payload=f"c:{case.id}:wd")
    assert "居民使用" in replies[0].text
    replies = await chat._send("staff:room-mage-1", payload="d:ok")
    assert "居民使用" in replies[0].text


async def test_staff_text_is_not_a_report(chat: ChatHarness) -> None:
    replies = await chat.say("staff:huixin-gw1", "楼上漏水")
    assert "工作人员账号" in replies[0].text


async def test_help_per_role(chat: ChatHarness) -> None:
    gw = (await chat.say("staff:huixin-gw1", "/help"))[0].text
    head = (await chat.say("staff:huixin-head", "/help"))[0].text
    assert "/mine" in gw and "/queue" not in gw
    assert "/queue" in head and "/overdue" in head


async def test_work_progress_tell_recategorize_close(chat: ChatHarness, uow_factory: UnitOfWorkFactory) -> None:
    number = await _wage_case(chat)
    w = "staff:room-mage-1"
    await chat.press(w, "签收")
    await chat.press(w, "记录进展")
    assert "进展" in chat.last(w).text
    await chat.say(w, "已约双方周五来调解室")
    labels = [b.label for b in chat.last(w).flat_buttons()]
    assert labels[0] == "告知居民" and "结案" in labels  # the case's buttons stay
    case = await get_case(uow_factory, number)
    assert case.state == "in_progress" and case.first_contact_at is not None  # progress counts as contact
    tell = chat.find_button(w, "告知居民")
    await chat.press(w, "告知居民")
    assert "周五" in chat.last("alice").text
    # told: the case's buttons come back
    assert [b.label for b in chat.last(w).flat_buttons()] == ["已联系", "记录进展", "修改分类", "结案", "转派"]
    await chat._send(w, payload=tell.payload)
    assert "已经告知过" in chat.last(w).text
    await chat.say(w, f"/case {number}")
    await chat.press(w, "修改分类")
    await chat.press(w, "债务合同纠纷")
    assert "债务合同纠纷" in chat.last(w).text
    async with uow_factory() as uow:
        (corr,) = await uow.cases.corrections()
        assert (corr.old_category, corr.new_category, corr.staff_id) == ("labor", "debt", "room-mage-1")
    await chat.say(w, f"/case {number}")
    await chat.press(w, "结案")
    await chat.press(w, "已解释说明")
    await chat.say(w, "已向居民解释相关法律规定。")
    assert "已结案" in chat.last(w).text
    assert "已办结" in chat.last("alice").text and "已解释说明" in chat.last("alice").text
    case = await get_case(uow_factory, number)
    assert (case.state, case.outcome, case.summary) == ("closed", "explained", "已向居民解释相关法律规定。")
    assert await _pending(uow_factory, number) == ["survey", "survey_reminder", "survey_visit"]


async def _pending(uow_factory: UnitOfWorkFactory, number: str) -> list[str]:
    from flow_helpers import pending_clocks

    return await pending_clocks(uow_factory, number)


async def test_contact_button_and_repeat(chat: ChatHarness, uow_factory: UnitOfWorkFactory) -> None:
    number = await _wage_case(chat)
    w = "staff:room-mage-1"
    await chat.press(w, "签收")
    await chat.press(w, "已联系")
    assert "已记录" in chat.last(w).text
    await chat.press(w, "已联系")
    assert "记录过" in chat.last(w).text
    assert "first_contact" not in await _pending(uow_factory, number)


async def test_close_needs_acceptance_first(chat: ChatHarness, uow_factory: UnitOfWorkFactory) -> None:
    number = await _wage_case(chat)
    case = await get_case(uow_factory, number)
    replies = await chat._send("staff:room-mage-1", payload=f"c:{case.id}:close")
    assert "不能进行这个操作" in replies[0].text


async def test_transfer_by_assignee(chat: ChatHarness, uow_factory: UnitOfWorkFactory) -> None:
    number = await _wage_case(chat)
    old = "staff:room-mage-1"
    await chat.press(old, "转派")
    labels = [b.label for b in chat.last(old).flat_buttons()]
    assert "梁桂芳（社区民警）" in labels and "周海生（调解员）" not in labels
    await chat.press(old, "梁桂芳（社区民警）")
    assert "已转派" in chat.last(old).text
    assert number in chat.last("staff:huixin-police").text
    case = await get_case(uow_factory, number)
    assert (case.assignee_id, case.state) == ("huixin-police", "assigned")
    replies = await chat._send(old, payload=f"c:{case.id}:acc")  # the old assignment button
    assert "不是由您承办" in replies[0].text


async def test_assist_request_reaches_head(chat: ChatHarness) -> None:
    await _wage_case(chat)
    await chat.press("staff:room-mage-1", "申请协助")
    assert "申请协助" in chat.last("staff:huixin-head").text


async def test_queue_overdue_and_head_reassigns(chat: ChatHarness, uow_factory: UnitOfWorkFactory) -> None:
    number = await _wage_case(chat)
    await register(chat, "bob")
    second = await report(chat, "bob", "楼上漏水")
    head = "staff:huixin-head"
    queue = (await chat.say(head, "/queue"))[0].text
    assert queue.index(number) < queue.index(second) and "⚠️" not in queue
    assert "没有案件" in (await chat.say(head, "/overdue"))[0].text
    await chat.advance(timedelta(hours=3))
    queue = (await chat.say(head, "/overdue"))[0].text
    assert f"⚠️ {number}" in queue
    assert "只有站长" in (await chat.say("staff:huixin-gw1", "/queue"))[0].text
    assert number in (await chat.say("staff:centre-1", "/queue"))[0].text
    assert number not in (await chat.say("staff:nanhai-head", "/queue"))[0].text
    await chat.press(head, second)
    assert "分派规则：grid_worker (grid)" in chat.last(head).text
    await chat.press(head, "转派")
    await chat.press(head, "韩晓东（网格员）")
    assert (await get_case(uow_factory, second)).assignee_id == "huixin-gw2"
    assert "已转派给" in chat.last("staff:huixin-gw1").text


async def test_other_station_head_cannot_reassign(chat: ChatHarness, uow_factory: UnitOfWorkFactory) -> None:
    number = await _wage_case(chat)
    case = await get_case(uow_factory, number)
    replies = await chat._send("staff:nanhai-head", payload=f"c:{case.id}:to:nanhai-gw1")
    assert "不是由您承办" in replies[0].text
    replies = await chat._send("staff:huixin-head", payload=f"c:{case.id}:to:nobody")
    assert "失效" in replies[0].text


async def test_mine_lists_own_cases(chat: ChatHarness) -> None:
    number = await _wage_case(chat)
    assert number in (await chat.say("staff:room-mage-1", "/mine"))[0].text
    assert "没有案件" in (await chat.say("staff:room-mage-2", "/mine"))[0].text


async def test_deleted_roster_entry_on_open_case(chat: ChatHarness, uow_factory: UnitOfWorkFactory) -> None:
    number = await _wage_case(chat)
    async with uow_factory() as uow:
        (await uow.roster.staff("room-mage-1")).active = False
        await uow.commit()
    replies = await chat.press("staff:room-mage-1", "签收")
    assert "已停用" in replies[0].text
    assert (await get_case(uow_factory, number)).state == "assigned"
    await chat.advance(timedelta(hours=2))
    assert "超过签收时限" in chat.last("staff:huixin-head").text  # the reminder goes to the head instead
    await chat.say("alice", "补充：他今天又说下周给")
    await chat.press("alice", f"补充到 {number}")
    assert "下周给" in chat.last("staff:huixin-head").text


async def test_referred_case_is_closed_by_department(chat: ChatHarness, uow_factory: UnitOfWorkFactory) -> None:
    await register(chat, "jay")
    number = await report(chat, "jay", "海鲜店宰客")
    d = "staff:dept-market-1"
    await chat.press(d, "结案")
    await chat.press(d, "转职能部门")
    await chat.say(d, "已由市场监管局立案调查。")
    case = await get_case(uow_factory, number)
    assert (case.state, case.outcome) == ("closed", "referred_dept")
