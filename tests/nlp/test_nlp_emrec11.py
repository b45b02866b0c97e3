"""emrec11 round: a danger cue cancelled by a frame of the event, with both emergency scorers against the frame.

A frame (past, fiction, hypothetical, treated, resolved …) that the rules read around a danger cue may be a
slip in a message told second-hand or by its signs ("我爸打电话说…", "玩的时候喝了…现在一直吐"). When both
emergency scorers (the shared head and the character model) reach ``ASK_BOTH_CANCELLED`` (0.55, was 0.9) the
resident is asked "现在是否有人身危险？" and shown the number of the cancelled cue — never an emergency.
Sentences written for this test; none is in a data file.
"""

from __future__ import annotations

from collections import Counter

from nlp import classify, segment
from nlp.corpus import DEVELOPMENT_SETS
from nlp.halves import POOLED_PROBES, lines
from nlp.urgency import ASK_BOTH_CANCELLED, DENIED_REASONS, UrgencyResult, assess, informal_now, refine


def _rules(text: str) -> UrgencyResult:
    return assess(informal_now(segment.normalize(text)))


def test_cancelled_cues_keep_their_groups() -> None:
    fire = _rules("上个月楼下着火了，烟都冲上来了，后来消防来灭了")
    assert fire.danger == "none" and fire.cancelled
    assert len(fire.cancelled_groups) == len(fire.cancelled) and "s119" in fire.cancelled_groups


def test_event_frame_asked_when_both_scorers_reach_the_band() -> None:
    text = segment.normalize("上个月楼下着火了，烟都冲上来了，后来消防来灭了")
    rules = _rules(text)
    assert ASK_BOTH_CANCELLED <= 0.6
    asked = refine(rules, 0.6, 0.1, "hazard", text, p_char=0.6)
    assert (asked.urgency, asked.danger, asked.numbers) == ("high", "uncertain", ("119",))
    # below the band on either scorer: the frame wins
    assert refine(rules, 0.6, 0.1, "hazard", text, p_char=0.5).danger == "none"
    assert refine(rules, 0.5, 0.1, "hazard", text, p_char=0.9).danger == "none"
    # never raised, however sure
    assert refine(rules, 0.99, 0.1, "hazard", text, p_char=0.99).urgency != "emergency"


def test_other_sense_cancellations_are_not_asked_by_this_band() -> None:
    text = segment.normalize("这家店的菜刀质量太差了，用了两天就卷刃")
    rules = _rules(text)
    assert rules.cancelled_as_other_senses
    assert refine(rules, 0.6, 0.1, "consumer", text, p_char=0.6).danger == "none"


def test_second_hand_and_sign_told_dangers_are_asked() -> None:
    for text, number in (("小孩在客厅玩的时候喝了一大口洗洁精，现在一直在吐", "120"),
                         ("据说什么我也搞不清，反正我家楼下着火了，烟都冲上来了", "119")):
        c = classify(text)
        assert c.urgency == "emergency" or (c.danger == "uncertain" and number in c.numbers), text


def test_emergency_probe15_registered_and_halved_as_its_card_says() -> None:
    assert "emergency_probe15.jsonl" in DEVELOPMENT_SETS
    assert POOLED_PROBES["emergency_probe15"] == "index"
    for half, (em, normal, high) in (("A", (50, 56, 4)), ("B", (50, 52, 8))):
        c = Counter(row.get("urgency") for _, _, row in lines(half, {"emergency_probe15": "index"}))
        assert (c["emergency"], c["normal"], c["high"]) == (em, normal, high)


def test_a_cue_the_writer_takes_back_keeps_the_old_band() -> None:
    text = segment.normalize("我女儿刚才说走丢了，其实是在邻居家玩，已经接回来了")
    rules = _rules(text)
    assert rules.danger == "none" and DENIED_REASONS.intersection(rules.cancel_reasons)
    assert refine(rules, 0.7, 0.1, "minors", text, p_char=0.7).danger == "none"
    assert refine(rules, 0.95, 0.1, "minors", text, p_char=0.95).danger == "uncertain"
