"""Training and evaluation helpers (scikit-learn is imported here only, never at serving time).

Why separate: the bot process only loads ``model.npz``; training runs from ``linli nlp train``
(``bot/nlp_cli.py``) with the shipped corpus, an imported history and staff corrections.
"""

from __future__ import annotations

import importlib.util
import json
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

import numpy as np

from nlp.model import LinearModel, featurize
from nlp.parties import ask_features, role_features
from nlp.segment import initialize, normalize, tokenize
from nlp.signals import SIGNAL_PREFIX
from nlp.taxonomy import CATEGORIES, COUNTERPARTIES, URGENCIES

#: Inverse regularisation strength, chosen on the dev sets (nlp/README.md says which were tried);
#: their figures therefore lean slightly in its favour.
DEFAULT_C = 80.0
#: A feature must occur in this many messages: a bigram seen once (a name, a place, a typo) teaches
#: nothing, and long messages bring tens of thousands of them (the model's memory at run time).
MIN_DF = 2
#: The same for the two urgency heads (emergency vs not, high vs normal), chosen the same way.
URGENCY_C = 10.0
#: An urgency head needs at least this many examples of each side, or it is not trained.
_MIN_URGENCY_EXAMPLES = 10
#: Files only the two urgency heads learn from (text, category, urgency). Why apart from the corpus:
#: high-vs-normal needs many examples in many voices, and corpus lines also move the TF-IDF vocabulary
#: and the category head; these rows are mapped onto the corpus's vocabulary and feed the heads only.
URGENCY_FILES = ("urgency_train.jsonl",)
#: Files only the high-vs-normal head learns from: how serious an ordinary complaint is. Why not in
#: ``URGENCY_FILES``: every row there is also a negative for the emergency head and the character model,
#: whose 0.8 raise sits close to many present emergencies; rows about `high` moved them both ways.
HIGH_FILES = ("urgency_high_train.jsonl",)


@dataclass(frozen=True)
class Example:
    text: str
    category: str
    urgency: str | None = None
    #: Whom the complaint is about, when the file says (evaluation only).
    counterparty: str | None = None
    #: The categories of the distinct problems the message tells, when the file says (evaluation only).
    problems: tuple[str, ...] | None = None


def _problem_ids(value: object) -> tuple[str, ...] | None:
    """A ``problems`` field: a list of category ids or of {"text", "category"} objects."""
    if not isinstance(value, list):
        return None
    ids = [item.get("category") if isinstance(item, dict) else item for item in value]
    return tuple(i for i in ids if isinstance(i, str))


class DataError(Exception):
    """A problem with an input file that its owner can fix: ``key`` is a catalogue id (so the CLI
    says it in the reader's language), ``params`` its values (path, line, value …)."""

    def __init__(self, key: str, **params: object) -> None:
        super().__init__(key, params)
        self.key = key
        self.params = params


#: How to get scikit-learn when only the run-time install is there.
TRAIN_EXTRA = "pip install 'linli[train]'"


def require_training() -> None:
    """Raise a DataError that says how to install scikit-learn when it is missing."""
    if importlib.util.find_spec("sklearn") is None:
        raise DataError("nlp.error.needs_train_extra", command=TRAIN_EXTRA)


@dataclass(frozen=True)
class LabelledFile:
    examples: list[Example]
    #: line numbers that are not a JSON object with a non-empty "text" and a "category"
    bad_lines: tuple[int, ...]


def read_labelled(path: Path) -> LabelledFile:
    """Labelled examples, strictly: malformed lines are counted (by line number), and a category or
    urgency outside the taxonomy is a DataError naming the line and value (never a silent skip:
    a misspelt id in a file of thousands would otherwise vanish from every figure)."""
    examples: list[Example] = []
    bad: list[int] = []
    with path.open(encoding="utf-8", errors="replace") as fh:
        for number, line in enumerate(fh, start=1):
            if not line.strip():
                continue
            try:
                row = json.loads(line)
            except (json.JSONDecodeError, RecursionError):
                row = None
            text = row.get("text") if isinstance(row, dict) else None
            category = row.get("category") if isinstance(row, dict) else None
            if not isinstance(text, str) or not text.strip() or not isinstance(category, str):
                bad.append(number)
                continue
            if category not in CATEGORIES:
                raise DataError("nlp.error.unknown_category", path=path, line=number, value=category,
                                known=", ".join(CATEGORIES))
            urgency = row.get("urgency") if isinstance(row, dict) else None
            if urgency is not None and urgency not in URGENCIES:
                raise DataError("nlp.error.unknown_urgency", path=path, line=number, value=urgency,
                                known=", ".join(URGENCIES))
            party = row.get("counterparty")
            if party is not None and party not in COUNTERPARTIES:
                raise DataError("nlp.error.unknown_counterparty", path=path, line=number, value=party,
                                known=", ".join(COUNTERPARTIES))
            problems = _problem_ids(row.get("problems"))
            for value in problems or ():
                if value not in CATEGORIES:
                    raise DataError("nlp.error.unknown_category", path=path, line=number, value=value,
                                    known=", ".join(CATEGORIES))
            examples.append(Example(text, category, urgency, party, problems))
    return LabelledFile(examples, tuple(bad))


def data_path(name: str) -> Path:
    return Path(str(resources.files("nlp") / "data" / name))


def read_jsonl(path: Path, *, need_urgency: bool = False) -> list[Example]:
    """Labelled examples from JSON Lines; malformed lines are skipped (corrections come from people)."""
    examples: list[Example] = []
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            line = line.strip()
            if not line:
                continue
            try:
                row = json.loads(line)
            except json.JSONDecodeError:
                continue
            if not isinstance(row, dict):
                continue
            text, category = row.get("text"), row.get("category")
            if not isinstance(text, str) or not isinstance(category, str) or not text.strip():
                continue
            urgency = row.get("urgency")
            if need_urgency and not isinstance(urgency, str):
                continue
            party = row.get("counterparty")
            examples.append(Example(text, category, urgency if isinstance(urgency, str) else None,
                                    party if isinstance(party, str) else None, _problem_ids(row.get("problems"))))
    return examples


def features_of(text: str) -> list[str]:
    norm = normalize(text)
    tokens = tokenize(norm)
    return featurize(norm, tokens, ask=ask_features(norm, tokens) + role_features(norm))


def _fit_temperature(scores: np.ndarray, y: np.ndarray) -> float:
    """The temperature that minimises the log-loss of held-out scores (a one-parameter calibration)."""
    best_t, best_loss = 1.0, float("inf")
    for t in np.arange(0.05, 4.01, 0.05):
        z = scores / t
        z = z - z.max(axis=1, keepdims=True)
        logp = z - np.log(np.exp(z).sum(axis=1, keepdims=True))
        loss = -float(logp[np.arange(len(y)), y].mean())
        if loss < best_loss:
            best_t, best_loss = float(t), loss
    return best_t


def urgency_training_examples(names: Sequence[str] = URGENCY_FILES) -> list[Example]:
    """The rows of ``names`` (default ``URGENCY_FILES``) that are present (every row must carry an urgency)."""
    examples: list[Example] = []
    for name in names:
        path = data_path(name)
        if path.is_file():
            examples.extend(read_jsonl(path, need_urgency=True))
    return examples


def high_training_examples() -> list[Example]:
    """The rows of ``HIGH_FILES`` that are present (`high` or `normal` only)."""
    return urgency_training_examples(HIGH_FILES)


def train(
    examples: Sequence[Example],
    *,
    urgency_extra: Sequence[Example] = (),
    high_extra: Sequence[Example] = (),
    c: float = DEFAULT_C,
    calibrate: bool = True,
    progress: Callable[[str], None] | None = None,
) -> LinearModel:
    """Fit TF-IDF + logistic regression on ``examples`` and return the lean array model.

    ``urgency_extra`` rows teach the two urgency heads only: the vocabulary, IDF, calibration and
    category head are fitted on ``examples`` alone, so the categories are the same with or without them.
    ``high_extra`` rows are mapped the same way and teach the high-vs-normal head only.
    """
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.model_selection import StratifiedKFold, cross_val_predict

    def say(msg: str) -> None:
        if progress:
            progress(msg)

    initialize()
    say("features")
    docs = [features_of(ex.text) for ex in examples]
    labels = [ex.category for ex in examples]
    vectorizer = TfidfVectorizer(analyzer=_identity, sublinear_tf=True, lowercase=False, min_df=MIN_DF)
    x = vectorizer.fit_transform(docs)
    x_category = category_view(x, vectorizer.vocabulary_)
    classifier = LogisticRegression(C=c, max_iter=5000, class_weight="balanced")
    temperature = 1.0
    classes = sorted(set(labels))
    # Cross-validated calibration needs every class in every fold; a category that only a few
    # staff corrections mention would break it, so then the folds shrink or calibration is skipped.
    n_splits = min(5, min(labels.count(cls) for cls in classes))
    if calibrate and n_splits >= 2:
        say("calibration")
        y = np.array([classes.index(label) for label in labels])
        folds = StratifiedKFold(n_splits=n_splits, shuffle=True, random_state=0)
        held_out = cross_val_predict(classifier, x_category, y, cv=folds, method="decision_function")
        if held_out.ndim == 1:  # two classes: one score, the second class's (see below)
            held_out = np.column_stack([np.zeros_like(held_out), held_out])
        temperature = _fit_temperature(held_out, y)
    say("fit")
    classifier.fit(x_category, labels)
    vocabulary = {term: int(i) for term, i in vectorizer.vocabulary_.items()}
    say("urgency")
    x_urgency, urgencies = x, [ex.urgency for ex in examples]
    if urgency_extra or high_extra:
        from scipy import sparse

        # transform, never fit: a word only these rows know gets no column (as at run time).
        rows = [*urgency_extra, *high_extra]
        extra = vectorizer.transform([features_of(ex.text) for ex in rows])
        x_urgency = sparse.vstack([x, extra]).tocsr()
        urgencies += [ex.urgency for ex in rows]
    urgency = fit_urgency(x_urgency, urgencies, high_only=len(high_extra))
    coef, intercept = classifier.coef_, classifier.intercept_
    if len(classifier.classes_) == 2:
        # scikit-learn fits two classes as one logistic regression: P(second) = sigmoid(z). A
        # softmax over (0, z) is the same probability, so the scorer needs no special case.
        coef = np.vstack([np.zeros_like(coef), coef])
        intercept = np.concatenate([np.zeros_like(intercept), intercept])
    return LinearModel(
        classes=tuple(str(cls) for cls in classifier.classes_),
        vocabulary=vocabulary,
        idf=vectorizer.idf_.astype(np.float64),
        weights=np.ascontiguousarray(coef.T.astype(np.float64)),
        intercept=intercept.astype(np.float64),
        temperature=temperature,
        urgency_weights=None if urgency is None else urgency[0],
        urgency_intercept=None if urgency is None else urgency[1],
    )


def category_view(x: Any, vocabulary: dict[str, int]) -> Any:
    """The TF-IDF matrix with the urgency signal columns (``u:…``, ``nlp.signals``) set to zero.

    Why: the signals are for the urgency heads; a category must not move because a message mentions
    an elder or a number of visits. Zeroed, not removed: the scorer normalises the whole vector once
    for all heads, so the category head is trained on exactly the values it will see.
    """
    from scipy import sparse

    keep = np.ones(x.shape[1])
    keep[[i for term, i in vocabulary.items() if term.startswith(SIGNAL_PREFIX)]] = 0.0
    return (x @ sparse.diags(keep)).tocsr()


def urgency_targets(
    urgencies: Sequence[str | None], high_only: int = 0,
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Rows and 0/1 targets of the two heads: emergency vs the rest; high vs normal (no emergencies).
    The last ``high_only`` rows are left out of the emergency head."""
    known = np.array([u in ("emergency", "high", "normal") for u in urgencies])
    emergency = np.array([u == "emergency" for u in urgencies])
    high = np.array([u == "high" for u in urgencies])
    for_emergency = known.copy()
    if high_only:
        for_emergency[len(urgencies) - high_only:] = False
    rows_e = np.flatnonzero(for_emergency)
    rows_h = np.flatnonzero(known & ~emergency)
    return rows_e, emergency[rows_e].astype(int), rows_h, high[rows_h].astype(int)


def fit_urgency(
    x: Any, urgencies: Sequence[str | None], *, c: float = URGENCY_C, high_only: int = 0,
) -> tuple[np.ndarray, np.ndarray] | None:
    """Two balanced binary logistic regressions on the category model's TF-IDF matrix ``x``.

    Why the same matrix: at run time the urgency scores come from the features already looked up
    for the category, as two more columns of the same dot product. Returns (weights (n, 2),
    intercepts (2,)) or None when the labels are too few (e.g. corrections without urgency). The last
    ``high_only`` rows teach the high head only.
    """
    from sklearn.linear_model import LogisticRegression

    rows_e, y_e, rows_h, y_h = urgency_targets(urgencies, high_only)
    columns, intercepts = [], []
    for rows, y in ((rows_e, y_e), (rows_h, y_h)):
        if min(int(y.sum()), int(len(y) - y.sum())) < _MIN_URGENCY_EXAMPLES:
            return None
        head = LogisticRegression(C=c, max_iter=5000, class_weight="balanced").fit(x[rows], y)
        columns.append(head.coef_[0])
        intercepts.append(float(head.intercept_[0]))
    return np.ascontiguousarray(np.stack(columns, axis=1)), np.array(intercepts)


def _identity(doc: list[str]) -> list[str]:
    return doc


def merge_corrections(corpus: Iterable[Example], corrections: Iterable[Example]) -> list[Example]:
    """Corpus plus staff corrections; a corrected text replaces a corpus example with the same text."""
    merged = {ex.text: ex for ex in corpus}
    for ex in corrections:
        merged[ex.text] = ex
    return list(merged.values())
