"""The learned emergency path: wider urgency_train rows, and rule questions the model is calm about."""

import pytest

from nlp import classify
from nlp import urgency as u


def _asked(p_emergency: float, text: str, *, bare: bool = False) -> u.UrgencyResult:
    question = u.UrgencyResult("high", None, frozenset(), ("弄死",), danger="uncertain", numbers=("110",), bare=bare)
    return u.refine(question, p_emergency, 0.1, "family", text)


LONG = "隔壁大叔天天念叨要弄死楼下那条狗，狗好好的，他也就是说说，想请物业提醒一下狗主人"


def test_a_rule_question_the_model_is_calm_about_is_not_asked() -> None:
    calmed = _asked(0.05, LONG)
    assert (calmed.urgency, calmed.danger, calmed.numbers) == ("high", "none", ())


def test_a_rule_question_stays_when_the_model_is_not_calm_or_the_text_is_short_or_bare() -> None:
    # present twins: the same question with P(emergency) at the threshold, a bare threat, a lone cry
    assert _asked(u.CALM_QUESTION, LONG).danger == "uncertain"
    assert _asked(0.01, "前夫发信息说要弄死我").danger == "uncertain"
    assert _asked(0.01, LONG, bare=True).danger == "uncertain"


def test_classify_calms_an_old_empty_threat_and_keeps_the_present_one() -> None:
    calm = classify("婆婆每次吵架都说要跳楼，这话说了十几年了，其实身体好得很，我想问社区有没有调解家庭矛盾的")
    assert (calm.urgency, calm.danger) == ("high", "none")
    present = classify("婆婆刚才吵完架说要跳楼，现在人站在阳台栏杆外面，我拉不住她")
    assert (present.urgency, present.danger) == ("emergency", "present")


@pytest.mark.parametrize(
    ("present", "twin"),
    [
        ("外公吃着饭突然嘴就歪了，话说不清楚，右手连勺子都拿不住了", "外公前年中过风，现在嘴还有点歪，想问社区康复站怎么预约"),
        ("老伴在浴室滑倒了，后脑勺着地，现在叫他只哼哼，眼睛不睁", "老伴去年在浴室滑倒过，现在想在浴室装扶手，社区有补贴吗"),
    ],
)
def test_an_emergency_told_by_its_signs_is_found_and_its_past_twin_is_not(present: str, twin: str) -> None:
    assert classify(present).urgency == "emergency"
    assert classify(twin).urgency != "emergency" and classify(twin).danger == "none"
