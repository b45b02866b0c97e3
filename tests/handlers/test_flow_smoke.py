from flow_helpers import register

from handlers.testing import ChatHarness


async def test_wage_complaint_reaches_the_mediation_room(chat: ChatHarness) -> None:
    await register(chat, "alice")
    await chat.say("alice", "老板拖欠我三个月工资")
    assert "劳资纠纷" in chat.last("alice").text
    await chat.press("alice", "确认提交")
    assert "TY20261128-0001" in chat.last("alice").text
    assignment = chat.last("staff:room-mage-1")
    assert "TY20261128-0001" in assignment.text
    assert [b.label for b in assignment.flat_buttons()] == ["签收", "转派", "申请协助"]
