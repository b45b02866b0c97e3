"""Training of the character n-gram emergency model (``nlp.emchar``); scikit-learn is imported here only.

Examples: every message of the corpus (or what ``linli nlp train`` merged) and of
``urgency_train.jsonl`` with an urgency; the target is "labelled emergency". Called by
``linli nlp train`` after the category model, or alone: ``python -m nlp.emchar_train [--output F]``;
``--cv`` prints the cross-validation on the training rows that chose the thresholds (nlp/README.md).
"""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from pathlib import Path

import numpy as np

from nlp.emchar import EmcharModel, default_emchar_path, ngrams
from nlp.segment import initialize, normalize
from nlp.train import Example, data_path, read_jsonl, urgency_training_examples

#: Inverse regularisation strength (cross-validated, nlp/README.md).
EMCHAR_C = 10.0
#: An n-gram must occur in this many training messages to get a column.
MIN_DF = 2


def training_examples(corpus: Sequence[Example] | None = None) -> list[Example]:
    examples = list(corpus if corpus is not None else read_jsonl(data_path("corpus.jsonl")))
    examples += urgency_training_examples()
    return [ex for ex in examples if ex.urgency in ("emergency", "high", "normal")]


def fit(docs: Sequence[list[str]], y: np.ndarray, *, c: float = EMCHAR_C, min_df: int = MIN_DF) -> EmcharModel:
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression

    vectorizer = TfidfVectorizer(analyzer=_identity, sublinear_tf=True, lowercase=False, min_df=min_df)
    x = vectorizer.fit_transform(docs)
    clf = LogisticRegression(C=c, class_weight="balanced", max_iter=5000)
    clf.fit(x, y)
    vocabulary = {term: int(i) for term, i in vectorizer.vocabulary_.items()}
    return EmcharModel.from_vocabulary(vocabulary, vectorizer.idf_.astype(np.float64), clf.coef_[0].astype(np.float64),
                                       float(clf.intercept_[0]))


def _identity(doc: list[str]) -> list[str]:
    return doc


def train_emchar(corpus: Sequence[Example] | None = None) -> EmcharModel:
    initialize()
    examples = training_examples(corpus)
    docs = [ngrams(normalize(ex.text)) for ex in examples]
    return fit(docs, np.array([int(ex.urgency == "emergency") for ex in examples]))


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="Train the character n-gram emergency model (nlp/data/emchar.npz).")
    parser.add_argument("--output", type=Path, default=None)
    parser.add_argument("--cv", action="store_true", help="cross-validate on the training rows instead of training")
    parser.add_argument("--c", type=float, default=EMCHAR_C, help="C for --cv")
    parser.add_argument("--min-df", type=int, default=MIN_DF, help="minimum document frequency for --cv")
    args = parser.parse_args(argv)
    if args.cv:
        from nlp.emchar_cv import report

        report(args.c, args.min_df)
        return
    model = train_emchar()
    target = args.output or default_emchar_path()
    model.save(target)
    print(f"{target}: {len(model)} n-grams")


if __name__ == "__main__":
    main()
