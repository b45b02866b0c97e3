"""The high8 round's diagnosis tool (bench/high_misses.py): how a missed `high` is filed."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

_PATH = Path(__file__).resolve().parents[2] / "bench" / "high_misses.py"


@pytest.fixture(scope="module")
def tool():
    spec = importlib.util.spec_from_file_location("high_misses", _PATH)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _row(**kw):
    row = {"pred": "normal", "rules_urgency": "normal", "rules_danger": "none", "high_cancelled": [], "reasons": [],
           "p_high": 0.1}
    row.update(kw)
    return row


def test_mechanism_order(tool):
    assert tool.mechanism(_row(pred="high")) is None
    assert tool.mechanism(_row(pred="emergency", rules_urgency="emergency")) == "emergency"
    assert tool.mechanism(_row(rules_urgency="emergency")) == "lowered"
    assert tool.mechanism(_row(rules_danger="uncertain", rules_urgency="high")) == "lowered"
    assert tool.mechanism(_row(high_cancelled=["受伤"], reasons=["past"])) == "high cue cancelled"
    assert tool.mechanism(_row(reasons=["past", "past"])) == "em. cue cancelled (past)"
    assert tool.mechanism(_row(p_high=0.79)) == "no cue, P(high) 0.5-0.8"
    assert tool.mechanism(_row(p_high=0.3)) == "no cue, P(high) 0.3-0.5"
    assert tool.mechanism(_row(p_high=None)) == "no cue, P(high) <0.3"


def test_reasons(tool):
    assert tool.reasons("说了好几次都不管", []) == ["repetition"]
    assert tool.reasons("包工头欠了我们三十多个工人的工资", [300_000]) == ["group", "large sum"]
    assert tool.reasons("今天天气不错", []) == ["other"]
    assert "vulnerable" in tool.reasons("我妈八十多岁被骗了", [])


def test_tuning_lines_are_a_halves_and_older_sets(tool):
    """The pooled probes contribute exactly their A halves; every other development set comes whole."""
    from collections import Counter

    from nlp.corpus import DEVELOPMENT_SETS
    from nlp.halves import POOLED_PROBES, lines

    counts = Counter(name for name, _ in tool.tuning_lines())
    assert counts - Counter(name for name, _, _ in lines("A")) == Counter(
        {name: n for name, n in counts.items() if name not in POOLED_PROBES})
    assert set(counts) == {f.removesuffix(".jsonl") for f in DEVELOPMENT_SETS}
