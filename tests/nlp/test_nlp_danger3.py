"""The danger3 round: English marker words, and questions dropped below ``DROP_QUESTION_BELOW`` (0.1).

Every message here was written for these tests (not in any data file); each "not now" case has a
present twin that must keep its outcome.
"""

from __future__ import annotations

import math

import numpy as np
import pytest

from nlp import classify, danger, initialize
from nlp.danger import DangerModel, features, review
from nlp.segment import normalize
from nlp.urgency import assess


@pytest.fixture(scope="module", autouse=True)
def _ready() -> None:
    initialize()


def _families(text: str) -> set[str]:
    return {f.split("@")[0] for f in features(normalize(text)) if "@" in f}


@pytest.mark.parametrize(("told", "present", "family"), [
    ("We watched a movie where the whole tower was on fire", "The whole tower across the road is on fire", "story"),
    ("I'm worried the old heater could start a fire one night", "The old heater started a fire in the hallway", "fear"),
    ("The lighter I ordered leaks gas, I want a refund", "The lighter leaked gas and the kitchen is on fire", "ask"),
])
def test_english_marker_words_are_features_and_their_twins_lack_them(told: str, present: str, family: str) -> None:
    assert family in _families(told)
    assert family not in _families(present)


def _constant(p: float) -> DangerModel:
    """A model that gives every message the same P(present)."""
    return DangerModel({}, np.zeros(0), math.log(p / (1 - p)))


# The rules ask about it (habitual violence, no threat to life in the cue); the model decides.
_HABIT = "婆婆经常拿扫把抽我女儿，孩子身上一条条的印子"


def test_a_question_under_the_drop_threshold_is_not_asked_and_one_above_it_is() -> None:
    assert danger.DROP_BELOW < 0.07 < danger.DROP_QUESTION_BELOW < 0.15 < danger.ASK_BELOW
    norm = normalize(_HABIT)
    result = assess(norm)
    assert result.danger == "uncertain"
    dropped = review(result, norm, 0.0, _constant(0.07))
    assert (dropped.urgency, dropped.danger, dropped.numbers) == ("high", "none", ())
    kept = review(result, norm, 0.0, _constant(0.15))
    assert kept.danger == "uncertain" and kept.numbers


def test_the_question_threshold_does_not_drop_a_present_danger_or_an_urgent_twin() -> None:
    # A rules emergency at the same P is asked about (DROP_BELOW is lower): only questions are dropped.
    norm = normalize("楼道里的配电箱冒烟了，孩子们在旁边看")
    result = assess(norm)
    assert result.danger == "present"
    asked = review(result, norm, 0.0, _constant(0.07))
    assert (asked.urgency, asked.danger) == ("high", "uncertain")
    # The urgent twin is never lowered, whatever the model says.
    norm = normalize("楼道里的配电箱正在冒烟，快来人")
    result = assess(norm)
    assert review(result, norm, 0.0, _constant(0.07)) == result
    assert classify("楼道里的配电箱正在冒烟，快来人").urgency == "emergency"
