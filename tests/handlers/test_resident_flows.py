"""Resident flows, script-style: say → assert the reply."""

from __future__ import annotations

from flow_helpers import events, get_case, register, report

from handlers.messages import Incoming
from handlers.testing import ChatHarness
from storage.uow import UnitOfWorkFactory


async def test_welcome_privacy_and_community_buttons(chat: ChatHarness) -> None:
    replies = await chat.say("alice", "你好")
    assert "隐私说明" in replies[0].text
    labels = [b.label for b in replies[-1].flat_buttons()]
    assert labels[:2] == ["群众街社区", "金鸡岭路社区"] and "回新社区" in labels


async def test_english_locale_gets_english(chat: ChatHarness) -> None:
    chat.locale = "en-US"
    replies = await chat.say("tom", "hello")
    [welcome] = replies  # one message: the greeting, the privacy note, the community buttons
    assert "Privacy" in welcome.text
    assert welcome.text.endswith("Please choose your community:")
    assert welcome.buttons


async def test_registration_by_buildings_and_phone(chat: ChatHarness, uow_factory: UnitOfWorkFactory) -> None:
    await register(chat, "alice", "回新社区", "8栋", "13800138000")
    assert "登记完成（回新社区）" in chat.last("alice").text
    async with uow_factory() as uow:
        r = await uow.residents.by_chat("console", "alice")
        assert (r.community_id, r.grid_id, r.micro_grid_id, r.building, r.phone) == (
            "huixin", "huixin-g2", "huixin-g2-m1", "8栋", "13800138000")


async def test_registration_by_location_matches_micro_grid(chat: ChatHarness, uow_factory: UnitOfWorkFactory) -> None:
    await chat.say("carol", "你好")
    replies = await chat.share_location("carol", 18.246, 109.512)
    assert "回新第2网格 第3微网格" in replies[0].text
    await chat.press("carol", "跳过")
    number = await report(chat, "carol", "楼上漏水到我家")
    case = await get_case(uow_factory, number)
    assert case.assignee_id == "huixin-gw2" and case.target == "grid_worker" and case.rule_id == "grid"


async def test_location_outside_every_grid(chat: ChatHarness) -> None:
    await chat.say("dan", "你好")
    replies = await chat.share_location("dan", 39.9, 116.4)
    assert "不在本辖区" in replies[0].text


async def test_typed_names_work_like_buttons(chat: ChatHarness) -> None:
    await chat.say("erin", "你好")
    await chat.say("erin", "南海社区")
    assert "楼栋" in chat.last("erin").text
    await chat.say("erin", "3栋")
    assert "手机号" in chat.last("erin").text


async def test_first_message_complaint_is_kept_through_registration(chat: ChatHarness) -> None:
    await chat.say("fay", "房东不退押金")
    assert any("已记下" in t for t in chat.texts("fay"))
    await chat.press("fay", "回新社区")
    await chat.press("fay", "跳过")
    await chat.press("fay", "跳过")
    assert "房屋租赁纠纷" in chat.last("fay").text and "确认提交" in [b.label for b in chat.last("fay").flat_buttons()]


async def test_summary_then_confirm_gives_case_number(chat: ChatHarness, uow_factory: UnitOfWorkFactory) -> None:
    await register(chat, "alice")
    await chat.say("alice", "老板拖欠我三个月工资")
    summary = chat.last("alice").text
    assert "劳资纠纷" in summary and "马哥调解室" in summary and "签收后一天内与您联系" in summary
    await chat.press("alice", "确认提交")
    assert "TY20261128-0001" in chat.last("alice").text
    case = await get_case(uow_factory, "TY20261128-0001")
    assert (case.state, case.target, case.rule_id, case.room_id) == ("assigned", "room:mage", "labor-rental", "mage")
    assert await events(uow_factory, case.number) == ["opened", "routed"]


async def test_case_numbers_count_per_day(chat: ChatHarness) -> None:
    await register(chat, "a1")
    await register(chat, "a2")
    assert await report(chat, "a1", "老板拖欠工资") == "TY20261128-0001"
    assert await report(chat, "a2", "楼上漏水") == "TY20261128-0002"


async def test_low_confidence_offers_top_two_and_other(chat: ChatHarness, uow_factory: UnitOfWorkFactory) -> None:
    await register(chat, "gil")
    await chat.say("gil", "我也不知道该找谁")
    assert [b.label for b in chat.last("gil").flat_buttons()] == ["邻里纠纷", "物业纠纷", "其他"]
    await chat.press("gil", "物业纠纷")
    assert "物业纠纷" in chat.last("gil").text
    await chat.press("gil", "确认提交")
    assert "案件编号" in chat.last("gil").text


async def test_low_confidence_other_is_answered_politely(chat: ChatHarness) -> None:
    await register(chat, "gil")
    await chat.say("gil", "我也不知道该找谁")
    await chat.press("gil", "其他")
    assert "不属于本平台受理" in chat.last("gil").text


async def test_edit_changes_category(chat: ChatHarness, uow_factory: UnitOfWorkFactory) -> None:
    await register(chat, "hal")
    await chat.say("hal", "物业乱收停车费")
    await chat.press("hal", "修改")
    await chat.press("hal", "邻里纠纷")
    assert "邻里纠纷" in chat.last("hal").text
    await chat.press("hal", "确认提交")
    number = chat.last("hal").text.split("案件编号 ")[1][:15]
    assert (await get_case(uow_factory, number)).category == "neighbor"


async def test_edit_then_rewrite(chat: ChatHarness) -> None:
    await register(chat, "hal")
    await chat.say("hal", "物业乱收停车费")
    await chat.press("hal", "修改")
    await chat.press("hal", "重新描述")
    assert "重新描述" in chat.last("hal").text
    await chat.say("hal", "房东不退押金")
    assert "房屋租赁纠纷" in chat.last("hal").text


async def test_greeting_is_not_a_case(chat: ChatHarness, uow_factory: UnitOfWorkFactory) -> None:
    await register(chat, "ivy")
    replies = await chat.say("ivy", "谢谢你们")
    assert "谢谢" in replies[0].text or "收到" in replies[0].text
    async with uow_factory() as uow:
        r = await uow.residents.by_chat("console", "ivy")
        assert await uow.cases.of_resident(r.id) == []


async def test_consumer_case_is_referred_to_department(chat: ChatHarness, uow_factory: UnitOfWorkFactory) -> None:
    await register(chat, "jay")
    await chat.say("jay", "海鲜店宰客")
    assert "12315" in chat.last("jay").text
    await chat.press("jay", "确认提交")
    reply = chat.last("jay").text
    assert "区市场监督管理局" in reply and "12315" in reply
    number = reply.split("案件编号 ")[1][:15]
    case = await get_case(uow_factory, number)
    assert (case.state, case.department_id, case.assignee_id) == ("referred", "market", "dept-market-1")
    assert number in chat.last("staff:dept-market-1").text


async def test_emergency_reply_first_and_police_and_head_told(chat: ChatHarness, uow_factory: UnitOfWorkFactory) -> None:
    await register(chat, "kim", "群众街社区")
    replies = await chat.say("kim", "楼道里有人拿刀要砍人")
    assert "110" in replies[0].text
    assert "案件编号" in replies[1].text
    assert "紧急" in chat.last("staff:qunzhongjie-police").text
    assert "知悉" in chat.last("staff:qunzhongjie-head").text
    number = replies[1].text.split("案件编号 ")[1][:15]
    case = await get_case(uow_factory, number)
    assert case.urgency == "emergency" and case.sign_for_due == chat.clock() + __import__("datetime").timedelta(minutes=15)


async def test_fire_says_119(chat: ChatHarness) -> None:
    await register(chat, "kim", "群众街社区")
    replies = await chat.say("kim", "楼下着火了")
    assert "119" in replies[0].text


async def test_emergency_before_registration(chat: ChatHarness) -> None:
    replies = await chat.say("leo", "有人拿刀要砍人")
    assert "110" in replies[0].text
    assert "案件编号 TY20261128-0001" in replies[1].text  # opened at once, registration or not
    assert "新案件 TY20261128-0001" in chat.last("staff:centre-1").text  # the centre assigns it
    assert "TY20261128-0001" in chat.last("staff:admin-1").text  # at least two people told


async def test_high_urgency_group_tells_head_and_centre(chat: ChatHarness) -> None:
    await register(chat, "mo")
    await report(chat, "mo", "几十个工人被拖欠工资")
    assert "知悉" in chat.last("staff:huixin-head").text
    assert "知悉" in chat.last("staff:centre-1").text


async def test_more_text_while_open_is_added_on_request(chat: ChatHarness, uow_factory: UnitOfWorkFactory) -> None:
    await register(chat, "ned")
    number = await report(chat, "ned", "老板拖欠工资，电话13912345678")
    assert "139****5678" in chat.last("staff:room-mage-1").text
    await chat.say("ned", "补充一下，他欠了我八千块")
    assert [b.label for b in chat.last("ned").flat_buttons()] == [f"补充到 {number}", "新问题"]
    await chat.press("ned", f"补充到 {number}")
    assert "已补充" in chat.last("ned").text
    assert "八千块" in chat.last("staff:room-mage-1").text
    assert "added" in await events(uow_factory, number)


async def test_more_text_can_be_a_new_case(chat: ChatHarness) -> None:
    await register(chat, "ned")
    await report(chat, "ned", "老板拖欠工资")
    await chat.say("ned", "另外楼上漏水")
    await chat.press("ned", "新问题")
    assert "邻里纠纷" in chat.last("ned").text


async def test_photos(chat: ChatHarness, uow_factory: UnitOfWorkFactory) -> None:
    await register(chat, "ola")
    await chat.photo("ola", "ph-1")
    assert "照片已收到" in chat.last("ola").text
    number = await report(chat, "ola", "楼上漏水")
    await chat.photo("ola", "ph-2")
    assert "照片已补充" in chat.last("ola").text
    async with uow_factory() as uow:
        case = await uow.cases.by_number(number)
        assert [n.file_id for n in await uow.cases.notes(case.id)] == ["ph-1", "ph-2"]


async def test_mycases_case_view_and_withdraw(chat: ChatHarness, uow_factory: UnitOfWorkFactory) -> None:
    await register(chat, "pam")
    number = await report(chat, "pam", "楼上漏水")
    await chat.say("pam", "/mycases")
    assert number in chat.last("pam").text
    await chat.say("pam", f"/case {number}")
    view = chat.last("pam").text
    assert "已分派" in view and "提交" in view
    await chat.press("pam", "撤回案件")
    assert "确定要撤回" in chat.last("pam").text  # asked first: nothing changed yet
    assert (await get_case(uow_factory, number)).state == "assigned"
    await chat.press("pam", "不撤回")
    assert "继续办理" in chat.last("pam").text and (await get_case(uow_factory, number)).state == "assigned"
    await chat.say("pam", f"/case {number}")
    await chat.press("pam", "撤回案件")
    await chat.press("pam", "确认撤回")
    assert "已撤回" in chat.last("pam").text
    assert "撤回" in chat.last("staff:huixin-gw1").text
    case = await get_case(uow_factory, number)
    assert (case.state, case.outcome) == ("withdrawn", "withdrawn")
    await chat.press("pam", "确认撤回")  # the old button again
    assert "不能撤回" in chat.last("pam").text
    await chat.say("pam", "/case TY999")
    assert "没有找到" in chat.last("pam").text


async def test_daily_limit(chat: ChatHarness, uow_factory: UnitOfWorkFactory) -> None:
    await register(chat, "quinn")
    for _ in range(5):
        await report(chat, "quinn", "楼上漏水")
    await chat.say("quinn", "楼上又漏水")
    await chat.press("quinn", "新问题")
    await chat.press("quinn", "确认提交")
    assert "上限" in chat.last("quinn").text


async def test_flood_gets_one_answer(chat: ChatHarness) -> None:
    await register(chat, "ray")
    answers = []
    for i in range(30):
        answers.append(await chat.say("ray", f"/help {i}"))
    flood = [r for rs in answers for r in rs if "太快" in r.text]
    assert len(flood) == 1
    assert answers[-1] == []


async def test_bad_input_gets_clear_answers(chat: ChatHarness, dispatcher) -> None:
    await register(chat, "sam")
    assert "空的" in (await chat.say("sam", "   "))[0].text
    assert "太长" in (await chat.say("sam", "漏" * 10_000))[0].text
    assert "没有这个命令" in (await chat.say("sam", "/frobnicate"))[0].text
    assert "中文" in (await chat.say("sam", "Привет, у меня проблема"))[0].text
    sticker = await dispatcher.handle(Incoming(channel="console", chat_id="sam", user_id="sam", update_id="st-1"))
    assert "只能处理文字" in sticker[0].text
    assert "失效" in (await chat._send("sam", payload="zz:garbage"))[0].text


async def test_stale_draft_button(chat: ChatHarness) -> None:
    await register(chat, "tia")
    await report(chat, "tia", "楼上漏水")
    await chat.press("tia", "确认提交")  # pressed again after submitting
    assert "失效" in chat.last("tia").text


async def test_resident_cannot_press_staff_buttons(chat: ChatHarness, uow_factory: UnitOfWorkFactory) -> None:
    await register(chat, "uma")
    number = await report(chat, "uma", "楼上漏水")
    case = await get_case(uow_factory, number)
    replies = await chat._send("uma", payload=f"c:{case.id}:acc")
    assert "不属于您" in replies[0].text
    await register(chat, "vic")
    replies = await chat._send("vic", payload=f"c:{case.id}:wd")
    assert "不属于您" in replies[0].text
    assert (await get_case(uow_factory, number)).state == "assigned"


async def test_second_message_before_confirming_joins_the_report(chat: ChatHarness, uow_factory) -> None:
    await register(chat, "xia")
    await chat.say("xia", "老板拖欠工资")
    await chat.say("xia", "已经三个月了")
    assert "老板拖欠工资\n已经三个月了" in chat.last("xia").text
    await chat.press("xia", "确认提交")
    number = chat.last("xia").text.split("案件编号 ")[1][:15]
    assert (await get_case(uow_factory, number)).text == "老板拖欠工资\n已经三个月了"


async def test_second_message_while_asking_is_kept(chat: ChatHarness) -> None:
    await register(chat, "yan")
    number = await report(chat, "yan", "楼上漏水")
    await chat.say("yan", "水滴到床上了")
    await chat.say("yan", "墙也发霉了")
    await chat.press("yan", f"补充到 {number}")
    assert "水滴到床上了\n墙也发霉了" in chat.last("staff:huixin-gw1").text


async def test_english_resident_full_report(chat: ChatHarness) -> None:
    chat.locale = "en"
    await chat.say("eve", "hi")
    await chat.press("eve", "回新社区")
    await chat.press("eve", "Skip")
    await chat.press("eve", "Skip")
    await chat.say("eve", "my boss owes me 工资")
    assert "Category: Wages and employment" in chat.last("eve").text
    await chat.press("eve", "Submit")
    assert "Case number TY20261128-0001" in chat.last("eve").text
