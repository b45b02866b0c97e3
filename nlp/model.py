"""The category model: features, training, and a lean scorer that needs no scikit-learn at run time.

Features: jieba words, character bigrams and trigrams (robust to typos, homophones and unknown
words) and one ``cue:<category>`` feature per lexicon cue present (lets English words and rare
synonyms borrow what the Chinese examples taught). TF-IDF (sublinear, L2) and a multinomial
logistic regression are trained with scikit-learn; the learned numbers are then stored as plain
arrays in ``nlp/data/model.npz`` and scored by hand. Why by hand: scikit-learn's per-call
validation costs several times what jieba spends on a short message, and loading arrays with
``allow_pickle=False`` cannot execute code. A test checks that both give the same probabilities.

Probabilities are calibrated by one temperature fitted on cross-validated scores of the corpus.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

import numpy as np

from nlp.lexicon import CATEGORY_CUES

MODEL_FILENAME = "model.npz"


def _build_cue_index() -> dict[str, tuple[str, ...]]:
    index: dict[str, list[str]] = {}
    for category, cues in CATEGORY_CUES.items():
        for cue in cues:
            index.setdefault(cue, []).append(category)
    return {cue: tuple(cats) for cue, cats in index.items()}


_CUE_INDEX = _build_cue_index()
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


def featurize(normalized: str, tokens: Sequence[str]) -> list[str]:
    """Feature strings of one message: words, char 2/3-grams, cue categories."""
    feats = [f"w:{tok}" for tok in tokens if not tok.isspace()]
    text = normalized.replace(" ", "")
    feats.extend(text[i : i + 2] for i in range(len(text) - 1))
    feats.extend(text[i : i + 3] for i in range(len(text) - 2))
    for tok in tokens:
        for cue in cues_in_token(tok):
            feats.extend("cue:" + cat for cat in _CUE_INDEX[cue])
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

    def scores(self, features: Iterable[str]) -> np.ndarray:
        counts: dict[int, int] = {}
        vocab = self.vocabulary
        for feat in features:
            idx = vocab.get(feat)
            if idx is not None:
                counts[idx] = counts.get(idx, 0) + 1
        if not counts:
            return self.intercept.copy()
        idx = np.fromiter(counts.keys(), dtype=np.intp, count=len(counts))
        tf = np.fromiter(counts.values(), dtype=np.float64, count=len(counts))
        values = (np.log(tf) + 1.0) * self.idf[idx]
        values /= math.sqrt(float(values @ values))
        return values @ self.weights[idx] + self.intercept

    def probabilities(self, features: Iterable[str]) -> np.ndarray:
        z = self.scores(features) / self.temperature
        z = np.exp(z - z.max())
        return z / z.sum()

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
            )


def default_model_path() -> Path:
    return Path(str(resources.files("nlp") / "data" / MODEL_FILENAME))
