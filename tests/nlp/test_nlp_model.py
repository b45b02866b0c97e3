"""The shipped model: same maths as scikit-learn, and the dev-set targets hold."""

from __future__ import annotations

import numpy as np
import pytest

from nlp.evaluate import evaluate
from nlp.model import LinearModel
from nlp.train import Example, data_path, features_of, read_jsonl, train


def test_lean_scorer_matches_sklearn() -> None:
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression

    examples = [
        Example("老板欠我工资不给", "labor"), Example("工钱拖了半年", "labor"),
        Example("房东不退押金", "rental"), Example("房租又涨了押金也不退", "rental"),
        Example("楼上半夜吵", "neighbor"), Example("邻居家狗叫吵死了吵", "neighbor"),
    ]
    model = train(examples, c=5.0, calibrate=False)
    docs = [features_of(ex.text) for ex in examples]
    vec = TfidfVectorizer(analyzer=lambda d: d, sublinear_tf=True, lowercase=False)
    x = vec.fit_transform(docs)
    clf = LogisticRegression(C=5.0, max_iter=5000, class_weight="balanced").fit(x, [e.category for e in examples])
    for doc in docs + [features_of("押金押金押金 吵")]:
        expected = clf.predict_proba(vec.transform([doc]))[0]
        assert np.allclose(model.probabilities(doc), expected, atol=1e-6)


def test_shipped_model_loads_and_is_small() -> None:
    path = data_path("model.npz")
    assert path.stat().st_size < 5_000_000
    model = LinearModel.load(path)
    assert len(model.classes) == 15


@pytest.mark.skipif(not data_path("dev.jsonl").is_file(), reason="no dev set")
def test_dev_set_targets() -> None:
    report = evaluate(read_jsonl(data_path("dev.jsonl")))
    assert report.accuracy >= 0.92
    assert report.macro_f1 >= 0.90
    assert report.emergency_recall == 1.0
    assert report.emergency_precision >= 0.85
    assert report.high_recall >= 0.85


@pytest.mark.skipif(not data_path("check.jsonl").is_file(), reason="no check set")
def test_check_set_targets() -> None:
    """The second dev set (written before any tuning, weighted to emergencies and boundaries)."""
    report = evaluate(read_jsonl(data_path("check.jsonl")))
    assert report.accuracy >= 0.92
    assert report.macro_f1 >= 0.90
    assert report.emergency_recall == 1.0
    assert report.emergency_precision >= 0.85
    assert report.high_recall >= 0.85


def test_corpus_is_large_enough_and_disjoint_from_dev() -> None:
    corpus = read_jsonl(data_path("corpus.jsonl"), need_urgency=True)
    counts: dict[str, int] = {}
    for ex in corpus:
        counts[ex.category] = counts.get(ex.category, 0) + 1
    assert len(counts) == 15 and min(counts.values()) >= 60
    if data_path("dev.jsonl").is_file():
        dev_texts = {ex.text for ex in read_jsonl(data_path("dev.jsonl"))}
        assert not dev_texts & {ex.text for ex in corpus}
    if data_path("check.jsonl").is_file():
        check_texts = {ex.text for ex in read_jsonl(data_path("check.jsonl"))}
        assert not check_texts & {ex.text for ex in corpus}
