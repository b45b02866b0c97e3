"""emrec8 round: both emergency scorers sure over a cue the rules cancelled for the event itself → asked.

A cancellation of the event (past, fiction, negated, resolved …) still blocks every raise by the learned
heads; when both the shared head and the character model reach ``ASK_BOTH_CANCELLED`` the message is
asked about instead of left ordinary (the rules' frame may be a slip: a news frame before a present
attack). Sentences written for this test; none is in a data file.
"""

from __future__ import annotations

from collections import Counter

import pytest

from nlp import classify
from nlp.halves import POOLED_PROBES, lines
from nlp.urgency import (
    ASK_BOTH_CANCELLED,
    ASK_BOTH_DENIED,
    DENIED_REASONS,
    SENSE_RAISE,
    UrgencyResult,
    refine,
)

TEXT = "新闻上说最近有人在地铁站持刀伤人，刚才我们站台上就有个男的拿着刀追着人砍"


def _cancelled(*reasons: str) -> UrgencyResult:
    cues = tuple("拿着刀" for _ in reasons)
    return UrgencyResult("normal", None, frozenset(), (), cues, "none", (), cancel_reasons=reasons)


@pytest.mark.parametrize("reason", ["past", "fiction", "negated", "resolved", "hypothetical"])
def test_both_scorers_sure_over_an_event_cancellation_ask(reason: str) -> None:
    # (a cue denied or told with its end keeps 0.9; the other frames ask from 0.55)
    p = ASK_BOTH_DENIED if reason in DENIED_REASONS else ASK_BOTH_CANCELLED
    asked = refine(_cancelled(reason), p, 0.0, "security", TEXT, p_char=p)
    assert (asked.urgency, asked.danger) == ("high", "uncertain") and asked.numbers == ("110",)
    # never raised, however sure
    assert refine(_cancelled(reason), 1.0, 0.0, "security", TEXT, p_char=1.0).urgency != "emergency"


@pytest.mark.parametrize(("p_em", "p_char"), [(0.99, ASK_BOTH_CANCELLED - 0.01), (ASK_BOTH_CANCELLED - 0.01, 0.99),
                                              (0.99, None)])
def test_one_scorer_short_or_missing_leaves_it(p_em: float, p_char: float | None) -> None:
    r = refine(_cancelled("fiction"), p_em, 0.0, "security", TEXT, p_char=p_char)
    assert r.danger == "none" and r.urgency != "emergency"


def test_a_sense_cancellation_still_raises_as_before() -> None:
    r = UrgencyResult("normal", None, frozenset(), (), ("捅了",), "none", (), cancel_reasons=("figurative",))
    text = "小区的马蜂窝被捅了，一群马蜂追着小孩蜇，孩子脸肿得睁不开眼"
    assert refine(r, SENSE_RAISE, 0.0, "environment", text).urgency == "emergency"


def test_classify_takes_a_present_attack_behind_a_news_frame() -> None:
    # asked in this round; found since the emrec13 round (both scorers and the danger check past the frame)
    c = classify(TEXT)
    assert c.danger == "present" and c.urgency == "emergency"
    # the same news frame with nothing happening now is not asked
    calm = classify("新闻上说最近有人在地铁站持刀伤人，提醒大家坐地铁的时候注意安全")
    assert calm.danger == "none" and calm.urgency != "emergency"


def test_emergency_probe13_halves_as_its_card_says() -> None:
    # emergency_probe13.md: index parity; A 64 emergencies / 51 others, B 63 / 52
    assert POOLED_PROBES["emergency_probe13"] == "index"
    for half, em, others in (("A", 64, 51), ("B", 63, 52)):
        c = Counter(row.get("urgency") for _, _, row in lines(half, {"emergency_probe13": "index"}))
        assert (c["emergency"], sum(c.values()) - c["emergency"]) == (em, others)
