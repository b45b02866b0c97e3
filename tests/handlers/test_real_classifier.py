"""A few flows with the real ``nlp.classify`` (skipped when the model is not available)."""

from __future__ import annotations

import pytest
from flow_helpers import get_case, register

from handlers.dispatcher import Dispatcher
from handlers.script import DEMO, run_script
from handlers.testing import ChatHarness
from storage.uow import UnitOfWorkFactory

try:
    import nlp

    nlp.classify("老板拖欠工资")
    REASON = ""
except Exception as exc:  # no model shipped yet, or the package is incomplete
    REASON = f"nlp.classify is not usable yet: {exc!r}"

pytestmark = pytest.mark.skipif(bool(REASON), reason=REASON or "-")


@pytest.fixture
async def real_chat(uow_factory: UnitOfWorkFactory, clock) -> ChatHarness:
    harness = ChatHarness(Dispatcher(uow_factory, nlp.classify, clock), uow_factory, clock)
    await harness.bind_all_staff()
    return harness


async def test_demo_with_the_real_classifier(real_chat: ChatHarness) -> None:
    out = "\n".join(await run_script(real_chat, DEMO))
    assert "类别：劳资纠纷" in out and "承办：马哥调解室" in out
    assert "→ staff:huixin-head: 督办" in out
    assert "请立即拨打 110" in out


async def test_real_classifier_masks_and_routes_a_leak(real_chat: ChatHarness) -> None:
    await real_chat.say("w", "你好")
    await real_chat.press("w", "回新社区")
    await real_chat.press("w", "5栋")
    await real_chat.press("w", "跳过")
    await real_chat.say("w", "楼上漏水到我家，我电话13912345678")
    await real_chat.press("w", "确认提交")
    assert "139****5678" in real_chat.last("staff:huixin-gw1").text


@pytest.mark.parametrize("registered", [True, False])
async def test_a_follow_up_to_a_knife_attack_keeps_110(real_chat: ChatHarness, registered: bool) -> None:
    """The issue's own words: "快来人啊" names no new danger, so no fire number; a fire does add 119."""
    if registered:
        await real_chat.say("k", "你好")
        await real_chat.press("k", "回新社区")
        await real_chat.press("k", "5栋")
        await real_chat.press("k", "跳过")
    assert "拨打 110！" in (await real_chat.say("k", "楼道里有人拿刀砍人"))[0].text
    replies = await real_chat.say("k", "他还在楼道里，快来人啊")
    assert "拨打 110！" in replies[0].text and "119" not in replies[0].text
    assert "已补充到紧急案件" in replies[1].text
    replies = await real_chat.say("k", "他在楼道里放火，着火了")
    assert "119" in replies[0].text and "110" in replies[0].text


async def test_an_english_emergency_naming_its_community_reaches_its_police(
        real_chat: ChatHarness, uow_factory: UnitOfWorkFactory) -> None:

    replies = await real_chat.say("liz", "A man is attacking people with a knife in Huixin community")
    assert "call 110" in replies[0].text
    number = replies[1].text.split("Case number ")[1][:15]
    case = await get_case(uow_factory, number)
    assert (case.community_id, case.assignee_id) == ("huixin", "huixin-police")
    assert number in real_chat.last("staff:huixin-head").text


async def test_the_issues_own_two_problems_become_two_cases_each_with_its_party(real_chat: ChatHarness) -> None:
    await register(real_chat, "v", phone=None)
    await real_chat.say("v", "房东不退押金，另外楼上天天半夜吵")
    assert "分别提交" in [b.label for b in real_chat.last("v").flat_buttons()]
    await real_chat.press("v", "分别提交")
    notices = [m.text for m in real_chat.received("staff:room-mage-1") + real_chat.received("staff:huixin-gw1")
               if "新案件" in m.text]
    assert any("房屋租赁纠纷" in n and "对方：房东/中介" in n for n in notices)
    assert any("邻里纠纷" in n and "对方：邻居/楼内商户" in n for n in notices)
