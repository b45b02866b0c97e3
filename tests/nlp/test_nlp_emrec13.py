"""A question over a frame the scorers and the danger check all read past becomes an emergency (emrec13 round).

``refine`` asks about a cue the rules cancelled for a time or a genre (past, fiction, hypothetical …) when both
learned scorers reach ``ASK_BOTH_CANCELLED``. ``danger.review`` now takes such a question to the emergency path when
both scorers reach ``SCORERS_OVER_FRAME`` and the danger check finds the cancelled cue more likely present than not
(``PRESENT_OVER_FRAME``); a cue the writer denies, takes back or ends stays a question. The check is a stub in the
rule tests (a fixed P(present)). The sentences were written for this test; they are in no data file.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

from nlp import classify, danger, segment
from nlp.danger import PRESENT_OVER_FRAME, SCORERS_OVER_FRAME
from nlp.entities import extract_amounts
from nlp.urgency import DENIED_REASONS, UrgencyResult, assess, informal_now, refine

# A fire told after a past frame; the rules cancel the cue ("past").
FIRE = "上个月楼下着火了，烟都冲上来了，后来消防来灭了"


class _Fixed:
    """A danger check that always gives the same P(present)."""

    def __init__(self, p: float) -> None:
        self.p = p

    def p_present(self, text, spans=None, tokens=None) -> float:  # noqa: ANN001 - the DangerModel signature
        return self.p


def _question(text: str, score: float = 0.95) -> tuple[UrgencyResult, str]:
    norm = informal_now(segment.normalize(text))
    rules = assess(norm, extract_amounts(norm))
    assert rules.danger == "none" and rules.cancelled
    asked = refine(rules, score, 0.1, "hazard", norm, p_char=score)
    assert asked.danger == "uncertain"
    return asked, norm


@pytest.mark.parametrize(("p_present", "p_emergency", "p_char", "danger_after"), [
    (PRESENT_OVER_FRAME, SCORERS_OVER_FRAME, SCORERS_OVER_FRAME, "present"),  # three views past the frame
    (0.9, 0.99, 0.99, "present"),
    (PRESENT_OVER_FRAME - 0.01, 0.99, 0.99, "uncertain"),  # the check reads the frame: still asked
    (0.9, SCORERS_OVER_FRAME - 0.01, 0.99, "uncertain"),   # one scorer short: asked
    (0.9, 0.99, SCORERS_OVER_FRAME - 0.01, "uncertain"),
])
def test_a_frame_question_is_raised_only_when_all_three_agree(p_present, p_emergency, p_char, danger_after) -> None:
    asked, norm = _question(FIRE)
    reviewed = danger.review(asked, norm, 0.1, model=_Fixed(p_present), p_emergency=p_emergency,  # type: ignore[arg-type]
                             p_char=lambda: p_char)
    assert reviewed.danger == danger_after
    if danger_after == "present":
        assert reviewed.urgency == "emergency" and reviewed.emergency_service == "119" and reviewed.numbers == ("119",)
    else:
        assert reviewed.urgency == "high"


def test_a_denied_cue_stays_a_question() -> None:
    asked, norm = _question("刚才以为楼下着火了，其实是邻居在烧烤，烟都冲上来了")
    assert DENIED_REASONS.intersection(asked.cancel_reasons)
    reviewed = danger.review(asked, norm, 0.1, model=_Fixed(0.99), p_emergency=0.99,  # type: ignore[arg-type]
                             p_char=lambda: 0.99)
    assert reviewed.danger != "present"


def test_a_rules_question_is_not_raised_by_this_step() -> None:
    # a quoted threat (asked by the rules, a kept cue "unsure"): not a frame question
    norm = informal_now(segment.normalize("他说要砍死我"))
    rules = assess(norm)
    assert rules.danger == "uncertain"
    reviewed = danger.review(rules, norm, 0.1, model=_Fixed(0.99), p_emergency=0.99,  # type: ignore[arg-type]
                             p_char=lambda: 0.99)
    assert reviewed.danger == "uncertain"


def test_classify_keeps_frames_the_scorers_alone_would_read_past() -> None:
    # both scorers are sure of these (a film, a past fire), the check is not: still asked, never an emergency
    for text in ("电视剧里有个人拿着刀冲进银行抢劫，砍伤了好几个人", "前几天隔壁着火了，整栋楼都是烟，好几个人被困在里面"):
        assert classify(text).urgency != "emergency"
    # a present attack told after a news frame: found
    c = classify("新闻上说最近有人在地铁站持刀伤人，刚才我们站台上就有个男的拿着刀追着人砍")
    assert (c.urgency, c.danger) == ("emergency", "present")


_TOOL = Path(__file__).resolve().parents[2] / "bench" / "asked_lines.py"


def test_the_diagnosis_tool_files_questions_by_stage() -> None:
    spec = importlib.util.spec_from_file_location("asked_lines", _TOOL)
    tool = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(tool)
    none = UrgencyResult("normal", None, frozenset(), ())
    asked = UrgencyResult("high", None, frozenset(), (), danger="uncertain")
    present = UrgencyResult("emergency", "110", frozenset(), ("砍人",), danger="present")
    framed = UrgencyResult("normal", None, frozenset(), (), ("着火",), cancel_reasons=("past",))
    assert tool.stage(none, present, asked, 0.1, 0.0) == "check band"
    assert tool.stage(none, present, asked, 0.5, 0.9) == "calm scorers"
    assert tool.stage(none, present, asked, 0.5, 0.6) == "low scorers"
    assert tool.stage(asked, asked, asked, None, 0.0) == "rules"
    assert tool.stage(present, asked, asked, None, 0.0) == "veto weak cue"
    assert tool.stage(framed, asked, asked, None, 0.0) == "both over frame"
    assert tool.stage(none, asked, asked, None, 0.0) == "head band or framed raise"
