"""Low scorers ask about a rules emergency the danger check is unsure of (false9 round).

The wider step of the calm-scorers rule (``nlp.danger.review``): a rules emergency past the guard whose two learned
emergency scorers are both below ``LOW_SCORERS`` (but not both below ``CALM_SCORERS``) is asked about when the
danger check's P(present) is below ``ASK_BELOW_WHEN_SCORERS_LOW``; calmer scorers keep the old, higher bar. The
today/now word keeps the rules' verdict only before the danger in its sentence, in a later sentence, or when the
danger goes on after it. The danger check is a stub here (a fixed P(present)), so the test reads the rule, not a
trained file. The sentences were written for this test; they are in no data file.
"""

from __future__ import annotations

import pytest

from nlp import danger, segment
from nlp.entities import extract_amounts
from nlp.urgency import assess, informal_now

# A rules emergency (a head knocked open) told as a complaint about a class that denies it; no urging, no today word.
TEXT = "我儿子在托育班被别的小孩推倒磕破了头，托育班说不关他们的事"


class _Fixed:
    """A danger check that always gives the same P(present)."""

    def __init__(self, p: float) -> None:
        self.p = p

    def p_present(self, text, spans=None, tokens=None) -> float:  # noqa: ANN001 - the DangerModel signature
        return self.p


def _review(p_present: float, p_emergency: float, p_char: float):
    norm = informal_now(segment.normalize(TEXT))
    result = assess(norm, extract_amounts(norm))
    assert result.urgency == "emergency" and result.danger == "present"
    return danger.review(result, norm, 0.5, model=_Fixed(p_present), p_emergency=p_emergency,  # type: ignore[arg-type]
                         p_char=lambda: p_char)


@pytest.mark.parametrize(("p_present", "p_emergency", "p_char", "danger_after"), [
    (0.45, 0.15, 0.15, "uncertain"),  # both scorers low, the check unsure: asked, not alarmed
    (0.45, 0.05, 0.18, "uncertain"),  # the higher of the two decides the step
    (0.45, 0.15, 0.25, "present"),    # one scorer not low: the rules' verdict stands
    (0.45, 0.25, 0.05, "present"),
    (0.65, 0.15, 0.15, "present"),    # low but the check fairly sure: stands
    (0.65, 0.05, 0.05, "uncertain"),  # calm (both below 0.1): the old step's bar, 0.9
    (0.95, 0.05, 0.05, "present"),
])
def test_low_scorers_ask_when_the_check_is_unsure(p_present, p_emergency, p_char, danger_after) -> None:
    reviewed = _review(p_present, p_emergency, p_char)
    assert reviewed.danger == danger_after
    if danger_after == "uncertain":
        assert reviewed.urgency == "high" and reviewed.numbers  # a question, the number still shown
    else:
        assert reviewed.urgency == "emergency"


def test_a_today_word_keeps_it_present() -> None:
    norm = informal_now(segment.normalize("今天" + TEXT))
    result = assess(norm, extract_amounts(norm))
    reviewed = danger.review(result, norm, 0.5, model=_Fixed(0.45), p_emergency=0.15,  # type: ignore[arg-type]
                             p_char=lambda: 0.15)
    assert reviewed.urgency == "emergency"


def test_the_character_model_is_not_scored_when_the_head_is_not_low() -> None:
    calls: list[int] = []

    def char() -> float:
        calls.append(1)
        return 0.0

    norm = informal_now(segment.normalize(TEXT))
    result = assess(norm, extract_amounts(norm))
    assert danger.review(result, norm, 0.5, model=_Fixed(0.45), p_emergency=0.3,  # type: ignore[arg-type]
                         p_char=char).danger == "present"
    assert danger.review(result, norm, 0.5, model=_Fixed(0.7), p_emergency=0.15,  # type: ignore[arg-type]
                         p_char=char).danger == "present"
    assert calls == []


# A now-word after the danger in its own sentence tells the state since; before it, in a later sentence, or
# followed by the danger going on, it still keeps the rules' verdict.
FIGHT = "中学生在校门口打架，我外甥被打得鼻青脸肿，{}，学校说下周开会处理"


@pytest.mark.parametrize(("text", "danger_after"), [
    (FIGHT.format("现在在家休息"), "uncertain"),              # the state since: asked, not alarmed
    (FIGHT.format("现在那几个人还在门口堵着他"), "present"),    # still going on
    ("现在" + FIGHT.format("他躲在传达室"), "present"),         # now before the danger
    (FIGHT.format("他躲在传达室") + "。今天那几个人又来了", "present"),  # today in a later sentence
])
def test_a_now_word_after_the_danger_tells_the_state_since(text: str, danger_after: str) -> None:
    norm = informal_now(segment.normalize(text))
    result = assess(norm, extract_amounts(norm))
    assert result.urgency == "emergency" and result.danger == "present", text
    assert not danger.says_now(norm, danger.spans_of(norm, result)), text
    reviewed = danger.review(result, norm, 0.5, model=_Fixed(0.5), p_emergency=0.05,  # type: ignore[arg-type]
                             p_char=lambda: 0.05)
    assert reviewed.danger == danger_after, text
