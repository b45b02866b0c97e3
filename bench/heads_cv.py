"""Cross-validation of the two emergency scorers on their own training rows (no development set).

The shared head (``nlp.train.fit_urgency``: TF-IDF of the category features, balanced logistic
regression) and the character model (``nlp.emchar_train``) are refitted on 4/5 of the rows (corpus +
urgency_train, the rows both learn from) and scored on the fifth, for a few C values; then the ways
``refine`` could combine them (max of the two, as shipped; their mean; the mean of their logits; a
logistic regression stacked on both, itself cross-validated) are compared on the rows the rules leave
without a danger (where only the heads can raise): found emergencies at the number of false raises the
shipped rule makes, and AUC.

    PYTHONPATH=. python bench/heads_cv.py [--c-head 3 10 30] [--c-char 3 10 30] [--folds 5] [--seed 0]
"""

from __future__ import annotations

import argparse
import math

import numpy as np

from nlp.emchar import ngrams
from nlp.emchar_train import fit as fit_char
from nlp.entities import extract_amounts
from nlp.segment import initialize, normalize
from nlp.train import URGENCY_C, _identity, data_path, features_of, read_jsonl, urgency_training_examples
from nlp.urgency import assess


def oof_scores(c_heads: list[float], c_chars: list[float], folds: int, seed: int, head_weight: object = "balanced"):
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.model_selection import StratifiedKFold

    initialize()
    corpus = [ex for ex in read_jsonl(data_path("corpus.jsonl")) if ex.urgency]
    extra = urgency_training_examples()
    rows = [ex for ex in [*corpus, *extra] if ex.urgency in ("emergency", "high", "normal")]
    n_corpus = sum(1 for ex in corpus if ex.urgency in ("emergency", "high", "normal"))
    y = np.array([ex.urgency == "emergency" for ex in rows], dtype=int)
    norms = [normalize(ex.text) for ex in rows]
    feats = [features_of(ex.text) for ex in rows]
    grams = [ngrams(n) for n in norms]
    p_head = {c: np.zeros(len(rows)) for c in c_heads}
    p_char = {c: np.zeros(len(rows)) for c in c_chars}
    split = StratifiedKFold(n_splits=folds, shuffle=True, random_state=seed)
    for train, test in split.split(np.zeros(len(rows)), y):
        # the vocabulary and IDF come from the corpus rows of the fold, as in ``nlp.train.train``
        vec = TfidfVectorizer(analyzer=_identity, sublinear_tf=True, lowercase=False, min_df=2)
        vec.fit([feats[i] for i in train if i < n_corpus])
        x_train = vec.transform([feats[i] for i in train])
        x_test = vec.transform([feats[i] for i in test])
        for c in c_heads:
            head = LogisticRegression(C=c, max_iter=5000, class_weight=head_weight).fit(x_train, y[train])
            p_head[c][test] = head.predict_proba(x_test)[:, 1]
        for c in c_chars:
            model = fit_char([grams[i] for i in train], y[train], c=c)
            p_char[c][test] = [model.p_emergency(norms[i]) for i in test]
    rules_none = np.array([_rules_leave_none(n) for n in norms])
    return y, rules_none, p_head, p_char


def _rules_leave_none(norm: str) -> bool:
    r = assess(norm, extract_amounts(norm))
    return r.danger == "none" and not r.cancelled


def auc(score: np.ndarray, y: np.ndarray) -> float:
    order = np.argsort(score, kind="mergesort")
    ranks = np.empty(len(score))
    ranks[order] = np.arange(len(score))
    pos = y.sum()
    return float((ranks[y == 1].sum() - pos * (pos - 1) / 2) / (pos * (len(y) - pos)))


def _logit(p: np.ndarray) -> np.ndarray:
    p = np.clip(p, 1e-6, 1 - 1e-6)
    return np.log(p / (1 - p))


def stacked(a: np.ndarray, b: np.ndarray, y: np.ndarray, seed: int) -> np.ndarray:
    """A two-feature logistic regression on the logits, scored out of fold."""
    from sklearn.linear_model import LogisticRegression
    from sklearn.model_selection import StratifiedKFold

    x = np.column_stack([_logit(a), _logit(b)])
    out = np.zeros(len(y))
    for train, test in StratifiedKFold(5, shuffle=True, random_state=seed + 1).split(x, y):
        out[test] = LogisticRegression(class_weight="balanced").fit(x[train], y[train]).predict_proba(x[test])[:, 1]
    return out


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--c-head", type=float, nargs="*", default=[3.0, URGENCY_C, 30.0])
    parser.add_argument("--c-char", type=float, nargs="*", default=[3.0, 10.0, 30.0])
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    y, none, p_head, p_char = oof_scores(args.c_head, args.c_char, args.folds, args.seed)
    sub = none
    ys = y[sub]
    print(f"rows {len(y)} (emergencies {y.sum()}); rules leave none: {sub.sum()} (emergencies {ys.sum()})")
    for c, p in p_head.items():
        print(f"head C={c:g}: AUC all {auc(p, y):.4f}, rules-none {auc(p[sub], ys):.4f};"
              f" rules-none raised at 0.8: em {int((p[sub][ys == 1] >= 0.8).sum())} others {int((p[sub][ys == 0] >= 0.8).sum())}")
    for c, p in p_char.items():
        print(f"char C={c:g}: AUC all {auc(p, y):.4f}, rules-none {auc(p[sub], ys):.4f};"
              f" rules-none raised at 0.8: em {int((p[sub][ys == 1] >= 0.8).sum())} others {int((p[sub][ys == 0] >= 0.8).sum())}")
    for ch in p_head:
        for cc in p_char:
            a, b = p_head[ch][sub], p_char[cc][sub]
            shipped = np.maximum(a, np.where(a >= 0.3, b, 0.0))  # the char model is gated at P(head) >= 0.3
            budget = int((shipped[ys == 0] >= 0.8).sum())
            combos = {"max (shipped)": shipped, "mean": (a + b) / 2,
                      "logit mean": 1 / (1 + np.exp(-(_logit(a) + _logit(b)) / 2)),
                      "stacked": stacked(a, b, ys, args.seed)}
            line = [f"head {ch:g} char {cc:g}: false raises {budget}"]
            for name, s in combos.items():
                # found emergencies when the threshold lets through the same number of false raises
                t = np.sort(s[ys == 0])[::-1][budget] if budget < (ys == 0).sum() else -math.inf
                line.append(f"{name}: AUC {auc(s, ys):.4f} found {int((s[ys == 1] > t).sum())}")
            print(" | ".join(line))
            # the same combinations at fixed false-raise budgets, to compare C values at one operating point
            at = []
            for fixed in (15, 26, 40):
                t = np.sort(shipped[ys == 0])[::-1][fixed]
                at.append(f"{fixed}: {int((shipped[ys == 1] > t).sum())}")
            print("    max at false-raise budgets " + ", ".join(at))


if __name__ == "__main__":
    main()
