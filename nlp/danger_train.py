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

from nlp.danger import (
    ASK_BELOW,
    DROP_BELOW,
    DROP_QUESTION_BELOW,
    DangerModel,
    default_danger_path,
    features,
    says_now,
    spans_of,
    threat_to_life,
)
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


def danger_examples(examples: Sequence[Example], *, roles: list[str] | None = None, kept: list[Example] | None = None
                    ) -> tuple[list[set[str]], np.ndarray]:
    """Feature sets and targets (1 = emergency) of the examples with an emergency cue.

    ``kept``, when given, receives the examples in scope; ``roles`` what ``review`` would do with each:
    "guarded" (urges or says now), "life" (a question about killing, a weapon, fire: always asked),
    "present" or "uncertain" (the rules' verdict, left to the model) or "none" (no danger kept).
    """
    rows: list[set[str]] = []
    targets: list[int] = []
    for ex in examples:
        if ex.urgency is None:
            continue
        norm = normalize(ex.text)
        result = assess(norm)
        spans = spans_of(norm, result)
        if not spans:
            continue
        rows.append(features(norm, spans))
        targets.append(int(ex.urgency == "emergency"))
        if kept is not None:
            kept.append(ex)
        if roles is not None:
            if result.danger == "none":
                roles.append("none")
            elif says_now(norm, spans):
                roles.append("guarded")
            elif result.danger == "uncertain" and threat_to_life(norm, spans):
                roles.append("life")
            else:
                roles.append(result.danger)
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


def out_of_fold(c: float = DANGER_C, *, folds: int = 5, shuffles: int = 3, min_count: int = MIN_COUNT
                ) -> tuple[list[Example], np.ndarray, np.ndarray, np.ndarray]:
    """Examples in scope, targets, roles and out-of-fold P(present) (one row per shuffle)."""
    initialize()
    roles: list[str] = []
    kept: list[Example] = []
    rows, y = danger_examples(training_examples(), roles=roles, kept=kept)
    n = len(rows)
    p = np.zeros((shuffles, n))
    for seed in range(shuffles):
        order = np.random.default_rng(seed).permutation(n)
        for k in range(folds):
            test = order[k::folds]
            train = np.setdiff1d(order, test)
            model = fit([rows[i] for i in train], y[train], c=c, min_count=min_count)
            for i in test:
                p[seed, i] = model.score(rows[i])
    return kept, y, np.array(roles), p


def cross_validate(c: float = DANGER_C, *, folds: int = 5, shuffles: int = 3, min_count: int = MIN_COUNT) -> dict[str, float]:
    """Out-of-fold P(present) of every training example, summarised the way the thresholds are chosen.

    Recall first: ``em_min_present`` is the lowest P of a true emergency the rules call present and the
    guard leaves to the model, over all folds and shuffles (must stay above ``ASK_BELOW``);
    ``false_asked`` / ``false_dropped`` count the unguarded rules-present non-emergencies below
    ``ASK_BELOW`` / ``DROP_BELOW`` (averaged over shuffles); the question figures likewise.
    """
    _, y, role, p = out_of_fold(c, folds=folds, shuffles=shuffles, min_count=min_count)
    pres, unc, em, other = role == "present", role == "uncertain", y == 1, y == 0
    eps = 1e-12
    return {
        "log_loss": -float(np.mean(y * np.log(p + eps) + (1 - y) * np.log(1 - p + eps))),
        "em_min_present": float(p[:, pres & em].min(initial=1.0)),
        "em_present_n": float((pres & em).sum()),
        "false_present_n": float((pres & other).sum()),
        "false_asked": float((p[:, pres & other] < ASK_BELOW).sum(axis=1).mean()),
        "false_dropped": float((p[:, pres & other] < DROP_BELOW).sum(axis=1).mean()),
        "em_min_question": float(p[:, unc & em].min(initial=1.0)),
        "question_other_n": float((unc & other).sum()),
        "question_dropped": float((p[:, unc & other] < DROP_QUESTION_BELOW).sum(axis=1).mean()),
    }


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="Train the present-danger check (nlp/data/danger.npz).")
    parser.add_argument("--output", type=Path, default=None)
    parser.add_argument("--cv", type=float, nargs="*", default=None, metavar="C",
                        help="cross-validate these C values (default: DANGER_C) instead of training")
    args = parser.parse_args(argv)
    if args.cv is not None:
        for c in args.cv or [DANGER_C]:
            print(f"C={c}: " + ", ".join(f"{k}={v:.3g}" for k, v in cross_validate(c).items()))
        return
    model = train_danger()
    target = args.output or default_danger_path()
    model.save(target)
    print(f"{target}: {len(model.terms)} features")


if __name__ == "__main__":
    main()
