"""The probes' halves as their cards define them, and the raise when both emergency scorers agree."""

from __future__ import annotations

from collections import Counter

from nlp import urgency as u
from nlp.halves import POOLED_PROBES, half_of, lines


def _counts(half: str, name: str) -> Counter[str]:
    return Counter(row.get("urgency") for s, _, row in lines(half, {name: POOLED_PROBES[name]}))


def test_halves_split_every_probe_as_its_card_says() -> None:
    # emergency_probe12.md: 56 emergencies and 46 others in each half (index parity)
    assert _counts("A", "emergency_probe12")["emergency"] == 56
    assert _counts("B", "emergency_probe12")["emergency"] == 56
    # false_probe3.md: A 41 emergencies / 71 others, B 40 / 88 (md5 parity of the text)
    a, b = _counts("A", "false_probe3"), _counts("B", "false_probe3")
    assert (a["emergency"], sum(a.values()) - a["emergency"]) == (41, 71)
    assert (b["emergency"], sum(b.values()) - b["emergency"]) == (40, 88)
    # false_probe5.md: A 23 emergencies / 92 others, B 27 / 90 (md5 parity of the text)
    a, b = _counts("A", "false_probe5"), _counts("B", "false_probe5")
    assert (a["emergency"], sum(a.values()) - a["emergency"]) == (23, 92)
    assert (b["emergency"], sum(b.values()) - b["emergency"]) == (27, 90)
    # urgency_probe3.md: pairs 1, 3, 5 … in A; 50 high and 50 normal in each half
    assert _counts("A", "urgency_probe3") == Counter({"high": 50, "normal": 50})
    assert _counts("B", "urgency_probe3") == Counter({"high": 50, "normal": 50})
    assert [half_of("pair", i, "") for i in range(6)] == ["A", "A", "B", "B", "A", "A"]


def test_halves_partition_the_pooled_probes() -> None:
    a = {(s, i) for s, i, _ in lines("A")}
    b = {(s, i) for s, i, _ in lines("B")}
    assert not a & b
    assert {s for s, _ in a} == {s for s, _ in b} == set(POOLED_PROBES)


def test_both_scorers_agreeing_raise_where_neither_alone_does() -> None:
    plain = u.UrgencyResult("normal", None, frozenset(), ())
    p = u.BOTH_RAISE_EMERGENCY + 0.02
    assert u.refine(plain, p, 0.1, "hazard", "山上那片林子红了一大片，风往村子这边吹", p_char=p).urgency == "emergency"
    # one scorer short of the agreement: asked, not raised
    alone = u.refine(plain, p, 0.1, "hazard", "山上那片林子红了一大片，风往村子这边吹", p_char=0.5)
    assert alone.urgency != "emergency" and alone.danger == "uncertain"
    # a cue the rules cancelled (past, negated) still blocks the agreement
    cancelled = u.UrgencyResult("normal", None, frozenset(), (), ("着火",))
    assert u.refine(cancelled, p, 0.1, "hazard", "上个月着火了", p_char=p).urgency != "emergency"


def test_agreement_leaves_a_question_the_rules_ask_a_question() -> None:
    asked = u.UrgencyResult("high", None, frozenset(), ("掐我",), danger="uncertain", numbers=("110",))
    p = u.BOTH_RAISE_EMERGENCY + 0.05
    out = u.refine(asked, p, 0.1, "family", "我丈夫喝醉了就掐我，身上还有淤青，今天他不在家", p_char=p)
    assert out.urgency != "emergency" and out.danger == "uncertain"
