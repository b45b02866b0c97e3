"""Training of the present-danger check (``nlp.danger``); scikit-learn is imported here only.

Examples: every labelled message in which the rules find an emergency cue (kept or cancelled);
the target is "labelled emergency". Sources: the corpus, ``data/danger_dev.jsonl`` and
``data/danger_train.jsonl`` (our own sentences written for this model: past events told in long
letters, compensation asked for, figures, adverts, quotes, news retold, and present emergencies short
and long). Called by ``linli nlp train`` after the category model, or alone:
``python -m nlp.danger_train [--output F]``.
"""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from pathlib import Path

import numpy as np

from nlp.danger import DangerModel, default_danger_path, features, spans_of
from nlp.segment import initialize, normalize
from nlp.train import Example, data_path, read_jsonl
from nlp.urgency import assess

#: Inverse regularisation strength, chosen by 5-fold cross-validation (nlp/README.md).
DANGER_C = 0.3
#: A feature must occur in this many examples.
MIN_COUNT = 3
#: The files (in ``nlp/data``) the model is trained on besides the corpus.
DANGER_FILES = ("danger_dev.jsonl", "danger_train.jsonl")


def in_scope(normalized: str) -> bool:
    """The model is trained on messages where the rules see an emergency cue (kept or cancelled)."""
    return bool(spans_of(normalized, assess(normalized)))


def danger_examples(examples: Sequence[Example]) -> tuple[list[set[str]], np.ndarray]:
    """Feature sets and targets (1 = emergency) of the examples with an emergency cue."""
    rows: list[set[str]] = []
    targets: list[int] = []
    for ex in examples:
        if ex.urgency is None:
            continue
        norm = normalize(ex.text)
        spans = spans_of(norm, assess(norm))
        if not spans:
            continue
        rows.append(features(norm, spans))
        targets.append(int(ex.urgency == "emergency"))
    return rows, np.array(targets, dtype=np.int64)


def fit(rows: Sequence[set[str]], y: np.ndarray, *, c: float = DANGER_C, min_count: int = MIN_COUNT) -> DangerModel:
    from scipy.sparse import csr_matrix
    from sklearn.linear_model import LogisticRegression

    counts: dict[str, int] = {}
    for row in rows:
        for f in row:
            counts[f] = counts.get(f, 0) + 1
    names = sorted(f for f, k in counts.items() if k >= min_count and f != "bias")
    terms = {f: i for i, f in enumerate(names)}
    indptr, indices = [0], []
    for row in rows:
        indices.extend(sorted(terms[f] for f in row if f in terms))
        indptr.append(len(indices))
    x = csr_matrix((np.ones(len(indices)), indices, indptr), shape=(len(rows), len(names)))
    clf = LogisticRegression(C=c, class_weight="balanced", max_iter=2000)
    clf.fit(x, y)
    return DangerModel(terms, clf.coef_[0].astype(np.float64), float(clf.intercept_[0]))


def training_examples(corpus: Sequence[Example] | None = None) -> list[Example]:
    examples = list(corpus if corpus is not None else read_jsonl(data_path("corpus.jsonl")))
    for name in DANGER_FILES:
        path = data_path(name)
        if path.is_file():
            examples.extend(read_jsonl(path, need_urgency=True))
    return examples


def train_danger(corpus: Sequence[Example] | None = None) -> DangerModel:
    initialize()
    rows, y = danger_examples(training_examples(corpus))
    return fit(rows, y)


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="Train the present-danger check (nlp/data/danger.npz).")
    parser.add_argument("--output", type=Path, default=None)
    args = parser.parse_args(argv)
    model = train_danger()
    target = args.output or default_danger_path()
    model.save(target)
    print(f"{target}: {len(model.terms)} features")


if __name__ == "__main__":
    main()
