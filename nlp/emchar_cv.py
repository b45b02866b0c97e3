"""Cross-validation on the training rows (corpus + urgency_train) that chose how ``nlp.emchar`` raises.

Both models are refitted per fold exactly as ``linli nlp train`` fits them (the shared urgency head on
the fold's corpus vocabulary; the character model on the fold's rows), their out-of-fold P(emergency)
go through ``nlp.urgency.refine`` with the rules' verdict, and the emergencies the rules miss that end
up raised are counted against the non-emergencies raised. Development sets are never read here.
Run: ``python -m nlp.emchar_train --cv``.
"""

from __future__ import annotations

import numpy as np

from nlp.emchar import GATE, EmcharModel, ngrams
from nlp.emchar_train import EMCHAR_C, MIN_DF, fit
from nlp.segment import initialize, normalize
from nlp.train import MIN_DF as WORD_MIN_DF
from nlp.train import _identity, data_path, features_of, fit_urgency, read_jsonl, urgency_training_examples
from nlp.urgency import assess, refine

FOLDS = 5
SHUFFLES = 2


def _sigmoid(z: np.ndarray) -> np.ndarray:
    return 1.0 / (1.0 + np.exp(-z))


def out_of_fold(c: float = EMCHAR_C, min_df: int = MIN_DF) -> dict[str, object]:
    from sklearn.feature_extraction.text import TfidfVectorizer

    initialize()
    corpus = [ex for ex in read_jsonl(data_path("corpus.jsonl")) if ex.urgency in ("emergency", "high", "normal")]
    extra = urgency_training_examples()
    rows = corpus + extra
    n, n_corpus = len(rows), len(corpus)
    norms = [normalize(ex.text) for ex in rows]
    words = [features_of(ex.text) for ex in rows]
    chars = [ngrams(t) for t in norms]
    y = np.array([int(ex.urgency == "emergency") for ex in rows])
    urgencies = [ex.urgency for ex in rows]
    p_shared = np.zeros((SHUFFLES, n))
    p_char = np.zeros((SHUFFLES, n))
    is_corpus = np.arange(n) < n_corpus
    for seed in range(SHUFFLES):
        order = np.random.default_rng(seed).permutation(n)
        for k in range(FOLDS):
            test = np.sort(order[k::FOLDS])
            train = np.setdiff1d(order, test)
            vec = TfidfVectorizer(analyzer=_identity, sublinear_tf=True, lowercase=False, min_df=WORD_MIN_DF)
            vec.fit([words[i] for i in train if is_corpus[i]])
            heads = fit_urgency(vec.transform([words[i] for i in train]), [urgencies[i] for i in train])
            assert heads is not None
            xt = vec.transform([words[i] for i in test])
            p_shared[seed, test] = _sigmoid(np.asarray(xt @ heads[0][:, 0]).ravel() + heads[1][0])
            model: EmcharModel = fit([chars[i] for i in train], y[train], c=c, min_df=min_df)
            p_char[seed, test] = [model.p_emergency(norms[i]) for i in test]
    return {"rows": rows, "norms": norms, "y": y, "is_corpus": is_corpus, "p_shared": p_shared, "p_char": p_char}


def outcome(rows: list, norms: list[str], p_s: np.ndarray, p_c: np.ndarray | None, gate: float = 0.0) -> np.ndarray:
    """Urgency after ``refine`` for every row (rules verdict + out-of-fold P), as strings."""
    out = []
    for i, ex in enumerate(rows):
        result = assess(norms[i])
        pc = None
        if p_c is not None and p_s[i] >= gate:
            pc = float(p_c[i])
        r = refine(result, float(p_s[i]), 0.0, ex.category, norms[i], p_char=pc)
        out.append(r.urgency + ("?" if r.danger == "uncertain" else ""))
    return np.array(out)


def report(c: float = EMCHAR_C, min_df: int = MIN_DF) -> None:
    import nlp.urgency as u

    data = out_of_fold(c, min_df)
    rows, norms, y, is_corpus = data["rows"], data["norms"], data["y"], data["is_corpus"]
    p_s, p_c = data["p_shared"], data["p_char"]
    rules = np.array([assess(t).urgency for t in norms])
    missed = (y == 1) & (rules != "emergency")
    print(f"rows {len(rows)} (corpus {int(is_corpus.sum())}), emergencies {int(y.sum())}, "
          f"missed by the rules {int(missed.sum())} (corpus {int((missed & is_corpus).sum())})")
    saved = u.CHAR_RAISE_EMERGENCY
    configs: list[tuple[str, float | None, float]] = [("shared only", None, 0.0)]
    configs += [(f"char>={t} gate {g}", t, g) for t in (0.75, 0.8, 0.85, 0.9) for g in (0.0, GATE, 0.5)]
    try:
        for name, t, gate in configs:
            found = {"all": [], "corpus": []}
            false = {"all": [], "corpus": []}
            asked = {"all": [], "corpus": []}
            for s in range(p_s.shape[0]):
                if t is not None:
                    u.CHAR_RAISE_EMERGENCY = t
                got = outcome(rows, norms, p_s[s], None if t is None else p_c[s], gate)
                em = got == "emergency"
                q = np.char.endswith(got.astype(str), "?")
                for scope, mask in (("all", np.ones(len(y), bool)), ("corpus", is_corpus)):
                    found[scope].append(int((em & missed & mask).sum()))
                    false[scope].append(int((em & (y == 0) & mask).sum()))
                    asked[scope].append(int((q & (y == 0) & mask).sum()))
            print(f"{name:24s} " + "  ".join(
                f"{scope}: found {np.mean(found[scope]):.1f} false {np.mean(false[scope]):.1f} "
                f"asked-non-em {np.mean(asked[scope]):.1f}" for scope in ("all", "corpus")))
    finally:
        u.CHAR_RAISE_EMERGENCY = saved
    gated = (p_s >= GATE) & (p_s < u.RAISE_EMERGENCY) & (rules != "emergency")
    print(f"rows the character model is scored on (gate {GATE}): {gated.mean():.1%}")
