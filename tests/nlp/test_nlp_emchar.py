"""The character n-gram emergency model (``nlp.emchar``): shipped, loaded, scored as trained, and
raising only where the rules and the shared head did not, with the same guards."""

from pathlib import Path

import numpy as np
import pytest

import nlp
from nlp import emchar, segment
from nlp import urgency as u
from nlp.classify import classify


def test_the_model_file_is_shipped_and_loaded_at_start_up() -> None:
    assert emchar.default_emchar_path().is_file()
    nlp.initialize()
    model = emchar.load_model()
    assert model is not None and len(model) > 10_000
    assert model.idf.shape == model.weights.shape == model.keys.shape
    assert bool(np.all(np.diff(model.keys) > 0))


def test_ngrams_are_the_characters_bigrams_and_trigrams_of_a_capped_head() -> None:
    assert emchar.ngrams("救命啊") == ["救", "命", "啊", "救命", "命啊", "救命啊"]
    assert emchar.ngrams("") == []
    assert len(emchar.ngrams("火" * 5000)) == 3 * emchar.MAX_NGRAM_CHARS - 3


@pytest.mark.parametrize("text", ["救命啊", "", "a", "喺度\ud800 no 冇", "火" * 500, "🔥着火了"])
def test_text_keys_are_the_keys_of_the_ngrams(text: str) -> None:
    assert sorted(emchar.text_keys(text).tolist()) == sorted(emchar.term_keys(emchar.ngrams(text)).tolist())
    # distinct n-grams get distinct keys
    grams = sorted(set(emchar.ngrams(text)))
    assert len(set(emchar.term_keys(grams).tolist())) == len(grams)


def _rows() -> tuple[list[str], list[list[str]], np.ndarray]:
    from nlp.train import data_path, read_jsonl

    rows = [ex for ex in read_jsonl(data_path("corpus.jsonl")) if ex.urgency][:600]
    norms = [segment.normalize(ex.text) for ex in rows]
    return norms, [emchar.ngrams(t) for t in norms], np.array([int(ex.urgency == "emergency") for ex in rows])


def test_training_is_deterministic_and_the_numpy_scorer_equals_scikit_learn() -> None:
    pytest.importorskip("sklearn")
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression

    from nlp.emchar_train import EMCHAR_C, MIN_DF, fit

    segment.initialize()
    norms, docs, y = _rows()
    first, second = fit(docs, y), fit(docs, y)
    assert np.array_equal(first.keys, second.keys)
    assert np.array_equal(first.weights, second.weights) and first.intercept == second.intercept
    vec = TfidfVectorizer(analyzer=lambda d: d, sublinear_tf=True, lowercase=False, min_df=MIN_DF)
    x = vec.fit_transform(docs)
    clf = LogisticRegression(C=EMCHAR_C, class_weight="balanced", max_iter=5000).fit(x, y)
    expected = clf.predict_proba(x)[:, 1]
    got = np.array([first.p_emergency(t) for t in norms])
    assert np.allclose(got, expected, atol=1e-9)


def test_the_saved_model_scores_as_the_fitted_one(tmp_path: Path) -> None:
    pytest.importorskip("sklearn")
    from nlp.emchar_train import fit

    segment.initialize()
    norms, docs, y = _rows()
    model = fit(docs, y)
    model.save(tmp_path / "e.npz")
    again = emchar.EmcharModel.load(tmp_path / "e.npz")
    assert np.array_equal(again.keys, model.keys)
    # stored as float32: the same P to well under any threshold's resolution
    assert all(abs(again.p_emergency(t) - model.p_emergency(t)) < 1e-4 for t in norms[:50])


def _none(text: str) -> u.UrgencyResult:
    return u.UrgencyResult("normal", None, frozenset(), (), danger="none")


TEXT = "屋头老汉儿倒在灶房头，喊起都不答应，脸色乌起的"


def test_refine_raises_on_the_character_model_at_its_threshold_only() -> None:
    raised = u.refine(_none(TEXT), 0.3, 0.1, "family", TEXT, p_char=u.CHAR_RAISE_EMERGENCY)
    assert (raised.urgency, raised.danger, raised.numbers) == ("emergency", "present", ("110",))
    # present twins: just under the threshold, or no character model, the old outcome
    assert u.refine(_none(TEXT), 0.3, 0.1, "family", TEXT, p_char=u.CHAR_RAISE_EMERGENCY - 0.01).urgency == "normal"
    assert u.refine(_none(TEXT), 0.3, 0.1, "family", TEXT).urgency == "normal"


def test_refine_keeps_the_guards_for_a_character_model_raise() -> None:
    settled = "邻居老汉上个月倒在厨房，喊不答应，已经送医院治好了"
    assert u.refine(_none(settled), 0.3, 0.1, "family", settled, p_char=0.99).urgency != "emergency"
    cancelled = u.UrgencyResult("normal", None, frozenset(), (), cancelled=("着火",), danger="none")
    assert u.refine(cancelled, 0.3, 0.1, "hazard", TEXT, p_char=0.99).urgency == "normal"
    assert u.refine(_none("救人啊"), 0.3, 0.1, "family", "救人啊", p_char=0.99).urgency == "normal"  # too short


def test_a_dialect_emergency_only_the_character_model_reads_is_raised_and_its_past_twin_is_not() -> None:
    nlp.initialize()
    found = classify(TEXT)
    assert (found.urgency, found.danger) == ("emergency", "present")
    twin = classify("屋头老汉儿去年倒在灶房头过，喊起都不答应，后来送医院抢救过来了，现在想问慢病补贴咋个申请")
    assert twin.urgency != "emergency" and twin.danger == "none"


def test_without_the_character_model_a_present_danger_told_by_signs_is_only_asked(
        monkeypatch: pytest.MonkeyPatch) -> None:
    # A Sichuan collapse told by its signs, shorter than TEXT: the shared head leaves it below its raise
    # threshold (TEXT itself the shared head now raises alone).
    signs_only = "老汉儿在灶房头倒起了，喊起都不答应"
    nlp.initialize()
    found = classify(signs_only)
    assert (found.urgency, found.danger, found.numbers) == ("emergency", "present", ("120",))
    monkeypatch.setattr(emchar, "GATE", 2.0)  # never scored: the shared head alone
    asked = classify(signs_only)
    assert (asked.urgency, asked.danger) == ("high", "uncertain")
    past = classify("爷爷去年冬天屋里生煤炉中过一回毒，后来抢救过来了，现在想问问社区有没有装报警器的补贴")
    assert past.urgency != "emergency" and past.danger == "none"


def test_healed_by_now_after_the_past_is_settled_and_now_again_is_not() -> None:
    # "现在早好了" tells the past is over; "现在又…" brings it back. Neither twin may be a present emergency
    # raised by a model alone, nor may the second lose its rule-found emergency.
    healed = classify("我爸以前被邻居拿刀砍伤过，是前年的事了，现在早好了，我想问问还能不能追讨医药费")
    assert healed.urgency != "emergency" and healed.danger == "none"
    again = classify("他前年拿刀砍过我，现在又拿着刀在门口了")
    assert again.urgency == "emergency" and "110" in again.numbers


@pytest.mark.parametrize(("category", "number"), [("consult", "120"), ("hazard", "119"), ("family", "110")])
def test_a_raise_by_a_model_alone_calls_the_number_of_the_category(category: str, number: str) -> None:
    # No cue named the danger: a no-dispute emergency (a collapse) calls the ambulance, a hazard the
    # fire brigade, a dispute the police.
    raised = u.refine(_none(TEXT), 0.3, 0.1, category, TEXT, p_char=0.95)
    assert raised.urgency == "emergency" and raised.numbers == (number,)


@pytest.mark.parametrize(("text", "danger"), [
    ("救救我", "uncertain"),  # a bare cry, like 救命: the number and the question
    ("救救我们", "uncertain"),
    ("房东不退押金，救救我吧", "none"),  # an exclamation before an ordinary matter
    ("救救我们小区吧，物业天天不管垃圾", "none"),
    ("老公打我 现在还在打 快来救救我", "present"),
])
def test_a_bare_cry_for_the_writer_is_asked_about_and_an_exclamation_is_not(text: str, danger: str) -> None:
    assert classify(text).danger == danger
