"""The urgency-only training file: it teaches the two urgency heads and nothing else."""

from __future__ import annotations

import numpy as np
import pytest

from nlp.corpus import EVALUATION_SETS, text_key
from nlp.taxonomy import CATEGORIES
from nlp.train import URGENCY_FILES, data_path, read_jsonl, train, urgency_training_examples

pytest.importorskip("sklearn")


def _small_corpus() -> list:
    # Every sixth corpus line: all categories, enough urgency labels, a few seconds to train.
    return read_jsonl(data_path("corpus.jsonl"), need_urgency=True)[::6]


def test_urgency_rows_leave_the_category_head_unchanged_and_reach_the_urgency_heads() -> None:
    from nlp.classify import classify, use_model

    corpus = _small_corpus()
    extra = urgency_training_examples()
    assert extra, "urgency_train.jsonl is missing"
    without = train(corpus)
    with_extra = train(corpus, urgency_extra=extra)
    assert with_extra.classes == without.classes
    assert with_extra.vocabulary == without.vocabulary
    assert np.array_equal(with_extra.idf, without.idf)
    assert np.array_equal(with_extra.weights, without.weights)
    assert np.array_equal(with_extra.intercept, without.intercept)
    assert with_extra.temperature == without.temperature
    # The twin: the extra rows did reach the urgency heads.
    assert without.urgency_weights is not None and with_extra.urgency_weights is not None
    assert not np.allclose(with_extra.urgency_weights, without.urgency_weights)
    texts = [ex.text for ex in read_jsonl(data_path("dev.jsonl"))[::5]]
    try:
        use_model(without)
        before = [(c.category, c.alternatives) for c in map(classify, texts)]
        use_model(with_extra)
        after = [(c.category, c.alternatives) for c in map(classify, texts)]
    finally:
        use_model(None)
    assert after == before


def test_urgency_training_file_is_no_evaluation_set_and_repeats_none() -> None:
    assert set(URGENCY_FILES).isdisjoint(EVALUATION_SETS)
    rows = urgency_training_examples()
    assert len(rows) >= 500
    assert all(ex.category in CATEGORIES for ex in rows)
    counts = {u: sum(ex.urgency == u for ex in rows) for u in ("emergency", "high", "normal")}
    assert counts["high"] >= 200 and counts["normal"] >= 200
    keys = {text_key(ex.text) for ex in rows}
    assert len(keys) == len(rows), "a line repeats inside the file"
    corpus = {text_key(ex.text) for ex in read_jsonl(data_path("corpus.jsonl"))}
    assert not keys & corpus, "a line repeats the corpus"
    # Counts only: a failure must not print a held-out line.
    for name in EVALUATION_SETS:
        if data_path(name).is_file():
            overlap = len(keys & {text_key(ex.text) for ex in read_jsonl(data_path(name))})
            assert overlap == 0, f"{overlap} lines of {name} in the urgency training file"
