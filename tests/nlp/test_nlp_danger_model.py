"""The learned present-danger check (nlp.danger): demotes danger told as background, never an
explicit present emergency, and ships as plain numpy arrays."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pytest

from nlp import classify, initialize
from nlp.corpus import EVALUATION_SETS
from nlp.danger import DangerModel, default_danger_path, features, load_model, review, says_now
from nlp.segment import normalize
from nlp.train import data_path, read_jsonl
from nlp.urgency import assess

#: Two letters written for this test (not in any data file): the rules read the cue as present.
_PAST_LETTERS = [
    "尊敬的物业：本人住在5栋1201。5月20日我和孩子被困在电梯里半个小时，维保人员过了很久才到。"
    "孩子吓得做了几天噩梦。请问电梯维保记录能否公示？",
    "尊敬的领导：我们店春节前被人撬门偷走了收银机，六千多块钱没了。想问能不能在这条街多装几个监控，商户们都愿意出一部分钱。",
]
# (With "3月份" and "损失了六千多" the rules themselves settle the letter now: a month of this year and a loss
# claimed are past; see tests/nlp/test_nlp_falsefix.py.)
# (The first letter ending "维保人员来了才出来" is now settled by the rules themselves: an act told with its
# end; see tests/nlp/test_nlp_false4.py.)
# (The same letter with "派出所已经立案" in place of the loss is now settled by the rules themselves:
# the police are on it; see tests/nlp/test_nlp_reported.py.)

_PRESENT = [
    "现在有人拿刀在楼下砍人",
    "着火了，快来人，三楼冒黑烟",
    "我妈说不想活了，正在天台边上",
    "老公打我 现在还在打 快来救救我",
    "救命啊 我家着火了 我在六楼下不去",
    "去年就着过一次火，今天又烧起来了，整个楼道都是烟，有老人下不来，快让消防来！",
    "我们楼去年就有人反映过电线老化，物业没管。今天下午二楼电表箱着火了，现在火还在烧，请马上派人来！",
    "someone is breaking into my flat right now, I am hiding in the bathroom",
    "他说要砍死我 刀都拿出来了 就在我面前",
]


@pytest.fixture(scope="module", autouse=True)
def _ready() -> None:
    initialize()


def _never_present() -> DangerModel:
    """A model that is sure nothing is ever happening now: only the guard can keep an emergency."""
    return DangerModel({}, np.zeros(0), -30.0)


@pytest.mark.parametrize("text", _PAST_LETTERS)
def test_a_past_event_letter_the_rules_call_present_is_not_an_emergency(text: str) -> None:
    assert assess(normalize(text)).danger == "present"  # the rules alone would alarm
    c = classify(text)
    assert c.urgency != "emergency" and c.danger != "present"


@pytest.mark.parametrize("text", _PRESENT)
def test_an_explicit_present_emergency_is_never_lowered(text: str) -> None:
    c = classify(text)
    assert (c.urgency, c.danger) == ("emergency", "present")
    norm = normalize(text)
    assert says_now(norm)
    result = assess(norm)
    assert review(result, norm, 0.0, _never_present()) == result


def test_a_threat_to_life_is_always_asked_about_even_by_a_sure_model() -> None:
    norm = normalize("前夫昨晚发信息说要杀了我")
    result = assess(norm)
    assert result.danger == "uncertain"
    assert review(result, norm, 0.0, _never_present()) == result


def test_a_sure_model_drops_a_present_danger_without_present_words_to_an_ordinary_report() -> None:
    norm = normalize(_PAST_LETTERS[0])
    result = assess(norm)
    lowered = review(result, norm, 0.0, _never_present())
    assert (lowered.urgency, lowered.danger, lowered.numbers, lowered.emergency_service) == ("normal", "none", (), None)
    assert review(result, norm, 0.9, _never_present()).urgency == "high"  # the category model's P(high)


def test_a_model_in_between_asks_instead_of_alarming() -> None:
    from nlp import danger

    norm = normalize(_PAST_LETTERS[0])
    result = assess(norm)
    halfway = (danger.ASK_BELOW + danger.DROP_BELOW) / 2
    unsure = DangerModel({}, np.zeros(0), float(np.log(halfway / (1 - halfway))))
    asked = review(result, norm, 0.0, unsure)
    assert (asked.urgency, asked.danger) == ("high", "uncertain") and asked.numbers == result.numbers


def test_an_emergency_raised_by_the_heads_without_a_cue_is_not_judged_by_the_check() -> None:
    # Written for this test: no emergency cue word at all, so the rules see nothing.
    norm = normalize("台风把楼顶的铁皮吹翻了一半 还挂在边上晃 下面的人行道上都是等车的人")
    result = assess(norm)
    assert (result.danger, result.cues) == ("none", ())
    raised = replace(result, urgency="emergency", emergency_service="119", danger="present", numbers=("119",))
    assert review(raised, norm, 0.0, _never_present()) == raised


def test_no_danger_is_left_alone() -> None:
    norm = normalize("房东不退押金")
    result = assess(norm)
    assert review(result, norm, 0.0, _never_present()) is result


def test_shipped_model_loads_without_pickle_and_scores_its_features() -> None:
    path = default_danger_path()
    with np.load(path, allow_pickle=False) as data:
        assert data["terms"].dtype.kind == "U" and len(data["terms"]) == len(data["weights"])
    model = load_model()
    assert model is not None and len(model.terms) > 100
    norm = normalize("上个月厨房着过一次火，已经灭了，现在想问保险能不能赔")
    assert "past@msg" in features(norm)
    assert 0.0 <= model.p_present(norm) <= 1.0


def test_save_and_load_give_the_same_probabilities(tmp_path) -> None:
    model = load_model()
    assert model is not None
    model.save(tmp_path / "d.npz")
    again = DangerModel.load(tmp_path / "d.npz")
    for text in [*_PAST_LETTERS, *_PRESENT]:
        norm = normalize(text)
        assert again.p_present(norm) == pytest.approx(model.p_present(norm))


def test_danger_training_file_is_disjoint_from_the_evaluation_sets() -> None:
    train = {ex.text for ex in read_jsonl(data_path("danger_train.jsonl"), need_urgency=True)}
    assert len(train) >= 300
    # danger_dev is a training file of this model; the others are never trained on (counts only:
    # a failure must not print a held-out line).
    for name in [n for n in EVALUATION_SETS if n != "danger_dev.jsonl"]:
        if data_path(name).is_file():
            overlap = len(train & {ex.text for ex in read_jsonl(data_path(name))})
            assert overlap == 0, f"{overlap} lines of {name} in danger_train.jsonl"


@pytest.mark.parametrize("name", ["danger_dev.jsonl", "dev.jsonl", "dev_long.jsonl", "urgency_dev.jsonl"])
def test_no_emergency_of_a_dev_set_is_lowered(name: str) -> None:
    for ex in read_jsonl(data_path(name)):
        if ex.urgency == "emergency":
            assert classify(ex.text).urgency == "emergency"
