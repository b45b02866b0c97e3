"""The category model: features, training, and a lean scorer that needs no scikit-learn at run time.

Features: jieba words, character bigrams (robust to typos, homophones and unknown
words) and one ``cue:<category>`` feature per lexicon cue present (lets English words and rare
synonyms borrow what the Chinese examples taught). TF-IDF (sublinear, L2) and a multinomial
logistic regression are trained with scikit-learn; the learned numbers are then stored as plain
arrays in ``nlp/data/model.npz`` and scored by hand. Why by hand: scikit-learn's per-call
validation costs several times what jieba spends on a short message, and loading arrays with
``allow_pickle=False`` cannot execute code. A test checks that both give the same probabilities.

Probabilities are calibrated by one temperature fitted on cross-validated scores of the corpus.

Two urgency heads (emergency vs the rest, high vs normal; balanced binary logistic regressions
on the same TF-IDF features) ride along as two more columns of the same weight matrix, so they
cost no second vectorisation and no second dot product: ``assess`` gives P(emergency), P(high).
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

import numpy as np

from nlp.lexicon import CATEGORY_CUES
from nlp.signals import signal_features

MODEL_FILENAME = "model.npz"


def _build_cue_index() -> dict[str, tuple[str, ...]]:
    index: dict[str, list[str]] = {}
    for category, cues in CATEGORY_CUES.items():
        for cue in cues:
            index.setdefault(cue, []).append(category)
    return {cue: tuple(cats) for cue, cats in index.items()}


_CUE_INDEX = _build_cue_index()
_CUE_FEATURES = {cue: ["cue:" + cat for cat in cats] for cue, cats in _CUE_INDEX.items()}
# Latin cues must match whole tokens ("hi" is not in "this"); Chinese cues may sit inside a token
# ("工资" inside "拖欠工资").
_HAN_CUES = tuple(cue for cue in _CUE_INDEX if not cue.isascii())
_token_cues: dict[str, tuple[str, ...]] = {}  # memo: token -> cue words it contains
_MEMO_LIMIT = 200_000


def cues_in_token(token: str) -> tuple[str, ...]:
    """Lexicon cue words contained in one token (memoised: tokens repeat a lot)."""
    found = _token_cues.get(token)
    if found is None:
        if token.isascii():
            found = (token,) if token in _CUE_INDEX else ()
        else:
            found = tuple(cue for cue in _HAN_CUES if cue in token)
        if len(_token_cues) < _MEMO_LIMIT:
            _token_cues[token] = found
    return found


def cue_categories(cue: str) -> tuple[str, ...]:
    return _CUE_INDEX.get(cue, ())


def featurize(
    normalized: str, tokens: Sequence[str], token_cues: Sequence[tuple[str, ...]] | None = None,
    ask: Sequence[str] = (),
) -> list[str]:
    """Feature strings of one message: words, char bigrams, cue categories, urgency signals
    (``nlp.signals``: vulnerable people, repetition, threats … and their pairs), and ``ask``: extra
    features for the request sentence (``nlp.parties.ask_features``; empty when switched off).

    (Character trigrams were tried: twice the features for no gain in cross-validation.)
    """
    feats = ["w:" + tok for tok in tokens]
    feats.extend(ask)
    feats.extend(signal_features(tokens))
    text = normalized.replace(" ", "")
    feats.extend([text[i : i + 2] for i in range(len(text) - 1)])
    for cues in token_cues if token_cues is not None else map(cues_in_token, tokens):
        for cue in cues:
            feats.extend(_CUE_FEATURES[cue])
    return feats


@dataclass(frozen=True)
class LinearModel:
    """TF-IDF + multinomial logistic regression, as arrays; ``probabilities`` is the hot path."""

    classes: tuple[str, ...]
    vocabulary: dict[str, int]
    idf: np.ndarray  # (n_features,)
    weights: np.ndarray  # (n_features, n_classes)
    intercept: np.ndarray  # (n_classes,)
    temperature: float = 1.0
    urgency_weights: np.ndarray | None = None  # (n_features, 2): emergency, high
    urgency_intercept: np.ndarray | None = None  # (2,)

    def __post_init__(self) -> None:
        # Temperature folded into the arrays once, so the hot path does one multiply fewer; the
        # urgency heads appended as two more columns, so one dot product scores all 17.
        scaled = self.weights / self.temperature
        intercept = self.intercept / self.temperature
        if self.urgency_weights is not None and self.urgency_intercept is not None:
            scaled = np.hstack([scaled, self.urgency_weights])
            intercept = np.concatenate([intercept, self.urgency_intercept])
        object.__setattr__(self, "_scaled_weights", np.ascontiguousarray(scaled))
        object.__setattr__(self, "_scaled_intercept", intercept)

    @property
    def has_urgency(self) -> bool:
        return self.urgency_weights is not None and self.urgency_intercept is not None

    def scores(self, features: Iterable[str]) -> np.ndarray:
        """Decision scores, exactly as TfidfVectorizer(sublinear_tf=True) + LogisticRegression."""
        vector = self._tfidf(features)
        if vector is None:
            return self.intercept.copy()
        idx, values = vector
        return (values @ self.weights[idx]) / math.sqrt(float(values @ values)) + self.intercept

    def _tfidf(self, features: Iterable[str]) -> tuple[np.ndarray, np.ndarray] | None:
        """The sparse TF-IDF vector (column indices, values) of TfidfVectorizer(sublinear_tf=True),
        before normalisation; None when no feature is in the vocabulary."""
        hits = [i for i in map(self.vocabulary.get, features) if i is not None]
        if not hits:
            return None
        counts = Counter(hits)  # counted in C, in order of first occurrence (the dot product's order)
        if len(counts) == len(hits):  # every feature once: tf weight 1
            idx = np.array(hits, dtype=np.intp)
            return idx, self.idf[idx]
        idx = np.fromiter(counts.keys(), dtype=np.intp, count=len(counts))
        tf = np.fromiter(counts.values(), dtype=np.float64, count=len(counts))
        return idx, (np.log(tf) + 1.0) * self.idf[idx]

    def probabilities(self, features: Iterable[str]) -> list[float]:
        """Calibrated class probabilities, in the order of ``classes`` (same maths as ``scores``)."""
        return self.assess(features)[0]

    def assess(self, features: Iterable[str]) -> tuple[list[float], float | None, float | None]:
        """Category probabilities, P(emergency) and P(high | not emergency) from one dot product.

        The urgency probabilities are None when the model has no urgency heads.
        """
        vector = self._tfidf(features)
        if vector is None:
            z = self._scaled_intercept.tolist()  # type: ignore[attr-defined]
        else:
            idx, values = vector
            # ``take`` and ``dot``: the same products as ``values @ weights[idx]``, with less overhead.
            raw = values.dot(self._scaled_weights.take(idx, axis=0))  # type: ignore[attr-defined]
            z = (raw * (1.0 / math.sqrt(values.dot(values))) + self._scaled_intercept).tolist()  # type: ignore[attr-defined]
        n = len(self.classes)
        cat = z[:n]
        top = max(cat)
        exps = [math.exp(v - top) for v in cat]
        total = sum(exps)
        probs = [v / total for v in exps]
        if len(z) == n:
            return probs, None, None
        return probs, _sigmoid(z[n]), _sigmoid(z[n + 1])

    # -- persistence ------------------------------------------------------------------------
    def save(self, path: Path) -> None:
        terms = np.empty(len(self.vocabulary), dtype=object)
        for term, idx in self.vocabulary.items():
            terms[idx] = term
        np.savez_compressed(
            path,
            classes=np.array(self.classes),
            terms=terms.astype(str),
            idf=self.idf.astype(np.float32),
            weights=self.weights.astype(np.float32),
            intercept=self.intercept.astype(np.float64),
            temperature=np.array(self.temperature),
            **(
                {"urgency_weights": self.urgency_weights.astype(np.float32),
                 "urgency_intercept": self.urgency_intercept.astype(np.float64)}
                if self.urgency_weights is not None and self.urgency_intercept is not None else {}
            ),
        )

    @classmethod
    def load(cls, path: Path | None = None) -> LinearModel:
        source = path or Path(str(resources.files("nlp") / "data" / MODEL_FILENAME))
        with np.load(source, allow_pickle=False) as data:
            terms = data["terms"].tolist()
            return cls(
                classes=tuple(data["classes"].tolist()),
                vocabulary={term: i for i, term in enumerate(terms)},
                idf=data["idf"].astype(np.float64),
                weights=np.ascontiguousarray(data["weights"].astype(np.float64)),
                intercept=data["intercept"],
                temperature=float(data["temperature"]),
                urgency_weights=(
                    np.ascontiguousarray(data["urgency_weights"].astype(np.float64))
                    if "urgency_weights" in data.files else None
                ),
                urgency_intercept=data["urgency_intercept"] if "urgency_intercept" in data.files else None,
            )


def _sigmoid(v: float) -> float:
    return 1.0 / (1.0 + math.exp(-v)) if v >= 0 else math.exp(v) / (1.0 + math.exp(v))


def default_model_path() -> Path:
    return Path(str(resources.files("nlp") / "data" / MODEL_FILENAME))
