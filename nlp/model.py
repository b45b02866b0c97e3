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
import operator
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
        # (In float64 whatever the stored dtype: the loaded weights stay float32, as saved, and the
        # scorer's float64 copy below is the only one the hot path reads.)
        # Filled in place in one array: each temporary of this size (4 MB) would leave memory behind in
        # the process's heap (~1 MB resident); the values are the same (float64, then divided).
        n = self.weights.shape[1]
        heads = self.urgency_weights is not None and self.urgency_intercept is not None
        scaled = np.empty((self.weights.shape[0], n + 2 if heads else n), np.float64)
        scaled[:, :n] = self.weights
        scaled[:, :n] /= self.temperature
        intercept = self.intercept / self.temperature
        if heads:
            scaled[:, n:] = self.urgency_weights
            intercept = np.concatenate([intercept, self.urgency_intercept])
        # The scorer's own column layout: features by ascending idf, i.e. the most frequent first, so
        # that the weight rows and dictionary entries most messages touch sit together in memory
        # (fewer cache misses). Only where a row is stored changes; the sums run in the same order.
        # Columns count from 1 and row 0 is padding (never looked up): every real column is truthy,
        # so the hot path drops the misses of ``dict.get`` with ``filter(None, …)``, a truth test in
        # C, instead of calling a comparison per feature (nlp/HISTORY.md: Speed, third round).
        order = np.argsort(self.idf, kind="stable")
        terms = sorted(self.vocabulary, key=self.vocabulary.__getitem__)
        columns = {terms[old]: new for new, old in enumerate(order.tolist(), start=1)}
        object.__setattr__(self, "_columns", columns)
        idf = np.zeros(len(order) + 1, self.idf.dtype)
        weights = np.zeros((len(order) + 1, scaled.shape[1]), scaled.dtype)
        # Rows copied straight into place (mode="clip": ``order`` is a permutation, so nothing is
        # clipped; the default mode copies through a temporary, 3 MB more resident memory).
        np.take(self.idf, order, out=idf[1:], mode="clip")
        np.take(scaled, order, axis=0, out=weights[1:], mode="clip")
        object.__setattr__(self, "_order", np.concatenate([[0], order]))  # scorer column -> vocabulary index
        object.__setattr__(self, "_idf", idf)
        object.__setattr__(self, "_scaled_weights", weights)
        object.__setattr__(self, "_scaled_intercept", intercept)
        # Column by token, by bigram and by cue, so that the hot path looks up what it has instead of
        # building feature strings ("w:" + token, "cue:" + category) only to look them up. A bigram is
        # its own feature string: the vocabulary's strings are the keys (no second copy, 1.3 MB).
        object.__setattr__(self, "_word_ids", {t[2:]: i for t, i in columns.items() if t.startswith("w:")})
        object.__setattr__(self, "_bigram_ids", {t: i for t, i in columns.items() if len(t) == 2})
        object.__setattr__(self, "_cue_ids", {
            cue: tuple(i for f in feats if (i := columns.get(f)) is not None) for cue, feats in _CUE_FEATURES.items()
        })

    @property
    def has_urgency(self) -> bool:
        return self.urgency_weights is not None and self.urgency_intercept is not None

    def scores(self, features: Iterable[str]) -> np.ndarray:
        """Decision scores, exactly as TfidfVectorizer(sublinear_tf=True) + LogisticRegression."""
        vector = self._tfidf(features)
        if vector is None:
            return self.intercept.copy()
        idx, values = vector
        rows = self._order[idx]  # type: ignore[attr-defined]
        return (values @ self.weights[rows]) / math.sqrt(float(values @ values)) + self.intercept

    def feature_ids(
        self, normalized: str, tokens: Sequence[str], token_cues: Sequence[tuple[str, ...]], ask: Sequence[str] = (),
        signals: Sequence[tuple[tuple[str, ...], bool]] | None = None, words: Sequence[int] | None = None,
    ) -> list[int]:
        """The scorer's columns (not ``vocabulary`` indices) of ``featurize(normalized, tokens,
        token_cues, ask)`` that are in the vocabulary, in the same order, without building the word,
        bigram and cue feature strings; score them with ``assess_ids``. ``signals``: each token's
        ``nlp.signals.token_signals``, and ``words``: each token's ``word_column``, when the caller
        has them (memoised per token)."""
        columns = self._columns  # type: ignore[attr-defined]
        hits = list(filter(None, map(self._word_ids.get, tokens) if words is None else words))  # type: ignore[attr-defined]
        if ask:
            hits.extend(filter(None, map(columns.get, ask)))
        signal_feats = signal_features(tokens, signals)
        if signal_feats:
            hits.extend(filter(None, map(columns.get, signal_feats)))
        text = normalized.replace(" ", "")
        # text[i] + text[i + 1] is the bigram text[i : i + 2], concatenated in C.
        bigrams = self._bigram_ids  # type: ignore[attr-defined]
        hits.extend(filter(None, map(bigrams.get, map(operator.add, text, text[1:]))))
        cue_ids = self._cue_ids  # type: ignore[attr-defined]
        for cues in filter(None, token_cues):  # most tokens hold no cue
            for cue in cues:
                hits.extend(cue_ids[cue])
        return hits

    def word_column(self, token: str) -> int:
        """The scorer's column of the word feature of ``token``, 0 when it is not in the vocabulary."""
        return self._word_ids.get(token, 0)  # type: ignore[attr-defined]

    def assess_ids(self, hits: list[int]) -> tuple[list[float], float | None, float | None]:
        """``assess`` of the features whose columns are ``hits`` (see ``feature_ids``)."""
        return self._assess_vector(self._tfidf_ids(hits))

    def category_with(self, hits: list[int], extra: list[int], weight: float) -> list[float]:
        """Category probabilities of the features ``hits`` plus ``extra`` (each TF-IDF weighted on its own)
        scaled by ``weight``, normalised together; used for the English words' Chinese counterparts."""
        base, more = self._tfidf_ids(hits), self._tfidf_ids(extra)
        if base is None or more is None:
            return self._assess_vector(base or more)[0]
        idx = np.concatenate((base[0], more[0]))
        values = np.concatenate((base[1], more[1] * weight))
        # A column both parts hold (a cue the English word names too) is summed once: sorted, then reduced
        # at each run's start (cheaper than np.unique with np.add.at on a hundred entries).
        order = idx.argsort(kind="stable")
        idx, values = idx[order], values[order]
        starts = np.flatnonzero(np.concatenate(([True], idx[1:] != idx[:-1])))
        return self._assess_vector((idx[starts], np.add.reduceat(values, starts)))[0]

    def _tfidf(self, features: Iterable[str]) -> tuple[np.ndarray, np.ndarray] | None:
        """The sparse TF-IDF vector (scorer columns, values) of TfidfVectorizer(sublinear_tf=True),
        before normalisation; None when no feature is in the vocabulary."""
        return self._tfidf_ids(list(filter(None, map(self._columns.get, features))))  # type: ignore[attr-defined]

    def _tfidf_ids(self, hits: list[int]) -> tuple[np.ndarray, np.ndarray] | None:
        if not hits:
            return None
        idf = self._idf  # type: ignore[attr-defined]
        counts = Counter(hits)  # counted in C, in order of first occurrence (the dot product's order)
        if len(counts) == len(hits):  # every feature once: tf weight 1
            idx = np.array(hits, dtype=np.intp)
            return idx, idf[idx]
        idx = np.fromiter(counts.keys(), dtype=np.intp, count=len(counts))
        tf = np.fromiter(counts.values(), dtype=np.float64, count=len(counts))
        return idx, (np.log(tf) + 1.0) * idf[idx]

    def probabilities(self, features: Iterable[str]) -> list[float]:
        """Calibrated class probabilities, in the order of ``classes`` (same maths as ``scores``)."""
        return self.assess(features)[0]

    def assess(self, features: Iterable[str]) -> tuple[list[float], float | None, float | None]:
        """Category probabilities, P(emergency) and P(high | not emergency) from one dot product.

        The urgency probabilities are None when the model has no urgency heads.
        """
        return self._assess_vector(self._tfidf(features))

    def _assess_vector(
        self, vector: tuple[np.ndarray, np.ndarray] | None
    ) -> tuple[list[float], float | None, float | None]:
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
                weights=data["weights"],
                intercept=data["intercept"],
                temperature=float(data["temperature"]),
                urgency_weights=(
                    data["urgency_weights"] if "urgency_weights" in data.files else None
                ),
                urgency_intercept=data["urgency_intercept"] if "urgency_intercept" in data.files else None,
            )


def _sigmoid(v: float) -> float:
    return 1.0 / (1.0 + math.exp(-v)) if v >= 0 else math.exp(v) / (1.0 + math.exp(v))


def default_model_path() -> Path:
    return Path(str(resources.files("nlp") / "data" / MODEL_FILENAME))
