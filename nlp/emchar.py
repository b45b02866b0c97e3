"""A small learned emergency model on character n-grams, with a vocabulary of its own.

Why: the shared urgency heads (``nlp.model``) read the category model's words, whose vocabulary is
the corpus's; the emergencies told by their signs, in dialect, Cantonese or English in
``urgency_train.jsonl`` use words the corpus lacks, so those heads cannot learn them. This model reads
TF-IDF (sublinear) of the character 1–3-grams of the normalised text, its vocabulary fitted on the
corpus and ``urgency_train`` together, and a balanced logistic regression gives P(emergency). It is
trained by ``linli nlp train`` (``nlp.emchar_train``), stored as arrays in ``emchar.npz`` and scored
here with numpy only. ``nlp.urgency.refine`` uses it only to raise a message the rules and the shared
head left non-emergency, with the same guards (a cancelled cue, settled or not-real wording).

Cost: it is scored only where it could change the answer (the rules found no emergency, nothing was
cancelled, and the shared head is not calm: ``GATE``), and only the first ``MAX_NGRAM_CHARS``
characters are read. Memory: each n-gram of up to three characters is one 63-bit integer (21 bits a
character), so the vocabulary is one sorted int64 array searched with numpy, not a dict of 70,000
strings (about 9 MB more resident memory, against the 120 MB budget for nlp).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from importlib import resources
from operator import add
from pathlib import Path

import numpy as np

EMCHAR_MODEL_FILENAME = "emchar.npz"
#: Below this P(emergency) of the shared urgency head, the character model is not scored (it would
#: raise almost nothing there: cross-validation on the training rows, README), which keeps its cost low.
GATE = 0.3
#: Only this many characters of the (normalised) message are read, in training as at run time.
MAX_NGRAM_CHARS = 400


def ngrams(norm: str) -> list[str]:
    """Character 1-, 2- and 3-grams of the first ``MAX_NGRAM_CHARS`` characters, in text order per size."""
    s = norm[:MAX_NGRAM_CHARS]
    grams = list(s)
    bigrams = list(map(add, s, s[1:]))
    grams += bigrams
    grams += map(add, bigrams, s[2:])
    return grams


def term_keys(terms: Sequence[str] | np.ndarray) -> np.ndarray:
    """The int64 key of each n-gram of one to three characters: 21 bits a character, a shorter one
    padded with zeros (no normalised text holds U+0000, control characters become spaces)."""
    codes = np.asarray(terms, dtype="<U3").view(np.uint32).reshape(-1, 3).astype(np.int64)
    return (codes[:, 0] << 42) | (codes[:, 1] << 21) | codes[:, 2]


def text_keys(norm: str) -> np.ndarray:
    """The keys of ``ngrams(norm)``, the same multiset, computed on the whole head at once."""
    codes = np.frombuffer(norm[:MAX_NGRAM_CHARS].encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
    c = codes.astype(np.int64)
    bigrams = (c[:-1] << 42) | (c[1:] << 21)
    return np.concatenate((c << 42, bigrams, bigrams[:-1] | c[2:]))


@dataclass(slots=True)
class EmcharModel:
    """TF-IDF of character n-grams and a logistic regression, as arrays (no scikit-learn at run time);
    ``keys`` sorted, ``idf`` and ``weights`` in the same order."""

    keys: np.ndarray  # (n,) int64, ascending
    idf: np.ndarray  # (n,)
    weights: np.ndarray  # (n,)
    intercept: float

    @classmethod
    def from_vocabulary(cls, vocabulary: dict[str, int], idf: np.ndarray, weights: np.ndarray,
                        intercept: float) -> EmcharModel:
        terms = sorted(vocabulary, key=vocabulary.__getitem__)
        keys = term_keys(terms)
        order = np.argsort(keys, kind="stable")
        return cls(keys[order], idf[order], weights[order], intercept)

    def __len__(self) -> int:
        return len(self.keys)

    def p_emergency(self, norm: str) -> float:
        query = text_keys(norm)
        at = np.minimum(np.searchsorted(self.keys, query), len(self.keys) - 1)
        ids, counts = np.unique(at[self.keys[at] == query], return_counts=True)
        if not len(ids):
            return 1.0 / (1.0 + math.exp(-self.intercept))
        # sublinear tf (1 + log count) times idf, L2-normalised: as TfidfVectorizer(sublinear_tf=True)
        v = (np.log(counts) + 1.0) * self.idf.take(ids)
        z = self.intercept + float(v.dot(self.weights.take(ids))) / math.sqrt(float(v.dot(v)))
        return 1.0 / (1.0 + math.exp(-z)) if z >= 0 else math.exp(z) / (1.0 + math.exp(z))

    def save(self, path: Path) -> None:
        np.savez_compressed(path, keys=self.keys, idf=self.idf.astype(np.float32),
                            weights=self.weights.astype(np.float32), intercept=np.array(self.intercept))

    @classmethod
    def load(cls, path: Path | None = None) -> EmcharModel:
        with np.load(path or default_emchar_path(), allow_pickle=False) as data:
            return cls(data["keys"].astype(np.int64), data["idf"].astype(np.float64),
                       data["weights"].astype(np.float64), float(data["intercept"]))


def default_emchar_path() -> Path:
    return Path(str(resources.files("nlp") / "data" / EMCHAR_MODEL_FILENAME))


_model: EmcharModel | None = None
_loaded = False


def load_model(path: Path | None = None) -> EmcharModel | None:
    """Load (once) the shipped model; None when the file is missing (the shared head alone)."""
    global _model, _loaded
    if path is not None or not _loaded:
        source = path or default_emchar_path()
        _model = EmcharModel.load(source) if source.is_file() else None
        _loaded = True
    return _model


def use_model(model: EmcharModel | None) -> None:
    """Use this model (training compares candidates); None: load the shipped file again when needed."""
    global _model, _loaded
    _model = model
    _loaded = model is not None
