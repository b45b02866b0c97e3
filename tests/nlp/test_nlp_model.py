"""The shipped model: same maths as scikit-learn, and the dev-set targets hold."""

from __future__ import annotations

import numpy as np
import pytest

from nlp.corpus import EVALUATION_SETS as _EVALUATION_SETS
from nlp.evaluate import evaluate
from nlp.model import LinearModel
from nlp.train import MIN_DF, URGENCY_C, Example, data_path, features_of, read_jsonl, train


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
    vec = TfidfVectorizer(analyzer=lambda d: d, sublinear_tf=True, lowercase=False, min_df=MIN_DF)
    x = vec.fit_transform(docs)
    clf = LogisticRegression(C=5.0, max_iter=5000, class_weight="balanced").fit(x, [e.category for e in examples])
    for doc in docs + [features_of("押金押金押金 吵")]:
        expected = clf.predict_proba(vec.transform([doc]))[0]
        assert np.allclose(model.probabilities(doc), expected, atol=1e-6)


def test_urgency_heads_match_sklearn() -> None:
    """The two urgency columns of the shared dot product give scikit-learn's probabilities."""
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression

    emergency = ["他拿刀砍人了", "着火了快来", "有人跳楼", "孩子找不到了", "煤气泄漏了", "打起来了见血了",
                 "老人晕倒了", "有人落水了", "他要杀我", "电梯困人了", "有人持刀抢劫", "楼塌了"]
    high = ["三十多个工人讨薪", "老人被骗了二十万", "扬言要报复我", "反映了五次没人管", "孩子被打伤住院",
            "村民要去堵路", "一百多户联名投诉", "老板欠薪十五万", "被狗咬伤了", "威胁要找人收拾我"]
    normal = ["请问居住证怎么办", "楼上有点吵", "押金没退", "垃圾没人收", "路灯坏了", "快递丢了",
              "物业费太贵", "停车位不够", "谢谢你们", "邻居家狗叫", "网购退货难", "菜市场太脏"]
    examples = ([Example(t, "security", "emergency") for t in emergency]
                + [Example(t, "labor", "high") for t in high] + [Example(t, "consult", "normal") for t in normal])
    model = train(examples, c=5.0, calibrate=False)
    assert model.has_urgency
    docs = [features_of(ex.text) for ex in examples]
    x = TfidfVectorizer(analyzer=lambda d: d, sublinear_tf=True, lowercase=False, min_df=MIN_DF).fit_transform(docs)
    y_e = [ex.urgency == "emergency" for ex in examples]
    head_e = LogisticRegression(C=URGENCY_C, max_iter=5000, class_weight="balanced").fit(x, y_e)
    rest = [i for i, ex in enumerate(examples) if ex.urgency != "emergency"]
    head_h = LogisticRegression(C=URGENCY_C, max_iter=5000, class_weight="balanced").fit(
        x[rest], [examples[i].urgency == "high" for i in rest])
    for i, doc in enumerate(docs):
        _, p_e, p_h = model.assess(doc)
        assert abs(p_e - head_e.predict_proba(x[i])[0, 1]) < 1e-6
        assert abs(p_h - head_h.predict_proba(x[i])[0, 1]) < 1e-6


def test_shipped_model_loads_and_is_small() -> None:
    path = data_path("model.npz")
    assert path.stat().st_size < 5_000_000
    model = LinearModel.load(path)
    assert len(model.classes) == 15
    assert model.has_urgency


#: The development sets and their guarded figures (targets: accuracy >= 0.92, macro-F1 >= 0.90,
#: emergency recall 1.0 with precision >= 0.85, high recall >= 0.85; the guards sit at or above
#: them). The holdout was evaluated once, then read and used as a third development set.
_DEV_SETS = {
    "dev.jsonl": (0.93, 0.93, 0.92, 0.95),
    "check.jsonl": (0.93, 0.94, 0.95, 0.95),
    "holdout.jsonl": (0.92, 0.92, 0.95, 0.95),
    # long-form letters and narratives by a third writer (never trained on; read for the danger rules)
    # and 92 more by a fourth, never read, who marks "high" more strictly (nlp/README.md has the figures)
    "dev_long.jsonl": (0.88, 0.88, 0.95, 0.80),
}
#: Every evaluation set (nlp.corpus.EVALUATION_SETS) is checked for disjointness below.


@pytest.mark.parametrize("name", sorted(_DEV_SETS))
def test_development_set_targets(name: str) -> None:
    if not data_path(name).is_file():
        pytest.skip(f"no {name}")
    accuracy, macro_f1, emergency_precision, high_recall = _DEV_SETS[name]
    report = evaluate(read_jsonl(data_path(name)))
    assert report.accuracy >= accuracy
    assert report.macro_f1 >= macro_f1
    assert report.emergency_recall == 1.0
    assert report.emergency_precision >= emergency_precision
    assert report.high_recall >= high_recall
    # At most one false emergency and five danger questions per 100 other messages.
    assert report.false_emergencies_per_100 is not None and report.false_emergencies_per_100 <= 1.0
    assert report.uncertain_per_100 is not None and report.uncertain_per_100 <= 5.0


#: The urgency sets (own sentences, high told in prose and normal look-alikes): the rules were tuned on
#: urgency_dev; urgency_test was written with it and never read. Guards below the measured figures.
_URGENCY_SETS = {"urgency_dev.jsonl": 0.95, "urgency_test.jsonl": 0.80}


@pytest.mark.parametrize("name", sorted(_URGENCY_SETS))
def test_urgency_set_high_recall(name: str) -> None:
    report = evaluate(read_jsonl(data_path(name)))
    assert report.emergency_recall == 1.0
    assert report.high_recall is not None and report.high_recall >= _URGENCY_SETS[name]


def test_corpus_is_large_enough() -> None:
    corpus = read_jsonl(data_path("corpus.jsonl"), need_urgency=True)
    counts: dict[str, int] = {}
    for ex in corpus:
        counts[ex.category] = counts.get(ex.category, 0) + 1
    assert len(counts) == 15 and min(counts.values()) >= 60


def test_every_data_file_is_training_or_evaluation() -> None:
    # A new set left out of EVALUATION_SETS could be added to the corpus and trained on unnoticed.
    names = {p.name for p in data_path("corpus.jsonl").parent.glob("*.jsonl")}
    assert names - set(_EVALUATION_SETS) == {"corpus.jsonl", "danger_train.jsonl", "urgency_train.jsonl", "urgency_high_train.jsonl"}


@pytest.mark.parametrize("name", _EVALUATION_SETS)
def test_corpus_is_disjoint_from_every_evaluation_set(name: str) -> None:
    if not data_path(name).is_file():
        pytest.skip(f"no {name}")
    corpus_texts = {ex.text for ex in read_jsonl(data_path("corpus.jsonl"))}
    # Counts only: a failure must not print a held-out line.
    overlap = len({ex.text for ex in read_jsonl(data_path(name))} & corpus_texts)
    assert overlap == 0, f"{overlap} lines of {name} in corpus.jsonl"


def test_a_swapped_model_is_not_read_through_the_old_token_memo() -> None:
    """classify memoises each token's word column, which belongs to one model: after ``use_model``
    the new model's own columns are used. The same model with its vocabulary reversed scores alike
    but lays out some columns otherwise (features of equal idf), so a stale column would show."""
    from nlp.classify import classify, use_model

    shipped = LinearModel.load()
    last = len(shipped.vocabulary) - 1
    assert shipped.urgency_weights is not None
    reversed_model = LinearModel(
        classes=shipped.classes, vocabulary={term: last - i for term, i in shipped.vocabulary.items()},
        idf=shipped.idf[::-1].copy(), weights=shipped.weights[::-1].copy(), intercept=shipped.intercept,
        temperature=shipped.temperature, urgency_weights=shipped.urgency_weights[::-1].copy(),
        urgency_intercept=shipped.urgency_intercept,
    )
    texts = ["楼上邻居天天半夜装修太吵了", "房东不退押金还骂人", "老板拖欠我三个月工资", "小区门口垃圾堆了一个星期没人清"]
    before = [classify(t) for t in texts]
    try:
        use_model(reversed_model)
        after = [classify(t) for t in texts]
    finally:
        use_model(None)
    assert after == before
    assert [classify(t) for t in texts] == before
