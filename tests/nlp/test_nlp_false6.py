"""Calm scorers ask about a rules emergency (false6 round).

Where the rules call a danger present but both learned emergency scorers are calm (the shared head's and the
character model's P(emergency) below ``CALM_SCORERS``) and the danger check is not sure it is present (below
``ASK_BELOW_WHEN_SCORERS_CALM``), the resident is asked (number shown, one question) instead of the police being
alerted at once. A today or now word from the danger's sentence on keeps the rules' verdict ("这个先不说。现在…").
Urging (快来, 正在 …) never reaches the check. Every sentence was written for this test; none is in a data file.
"""

from __future__ import annotations

import nlp
from nlp import danger, segment
from nlp.entities import extract_amounts
from nlp.urgency import assess

# (asked: rules present, both scorers calm; the present twin)
PAIRS = [
    ("In March a fire broke out in the laundry room of our block. The fire brigade put it out quickly. "
     "We would like the management to install a smoke detector there.",
     "In March a fire broke out in the laundry room of our block. The fire brigade put it out quickly. "
     "Today a fire broke out there again."),
    ("我在工地看仓库，老板欠了半年工资，我去要，他叫人拿棍子打我，我想问问这个能不能去仲裁",
     "我在工地看仓库，老板欠了半年工资，今天我去要，他叫人拿棍子打我，头破了"),
]


def test_calm_scorers_ask_and_twins_stay_present() -> None:
    for calm, present in PAIRS:
        asked = nlp.classify(calm)
        assert asked.urgency != "emergency" and asked.danger == "uncertain", calm
        assert asked.numbers, calm  # the number is still shown with the question
        assert nlp.classify(present).urgency == "emergency", present


def test_now_in_the_danger_sentence_keeps_it_present() -> None:
    text = "我们是在城中村租房的，房东说好的押金全退，后来又不认账，这个先不说。现在房东带了几个人拿棍子进屋，把我男朋友打得满脸是血。"
    assert nlp.classify(text).urgency == "emergency"


def test_the_character_model_is_asked_only_when_the_head_is_calm() -> None:
    norm = segment.normalize(PAIRS[0][0])  # P(present) 0.42: above ASK_BELOW, below 0.9
    result = assess(norm, extract_amounts(norm))
    assert result.danger == "present"
    calls: list[int] = []

    def char(value: float):
        def score() -> float:
            calls.append(1)
            return value
        return score

    assert danger.review(result, norm, 0.5, p_emergency=0.5, p_char=char(0.01)).danger == "present"
    assert calls == []
    assert danger.review(result, norm, 0.5, p_emergency=0.05, p_char=char(0.5)).danger == "present"
    asked = danger.review(result, norm, 0.5, p_emergency=0.05, p_char=char(0.05))
    assert asked.danger == "uncertain" and asked.urgency == "high"
    # without the scorers (old callers) nothing changes
    assert danger.review(result, norm, 0.5).danger == "present"
