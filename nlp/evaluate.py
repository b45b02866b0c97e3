"""Figures for a labelled set: accuracy, macro-F1, per-category table, confusion, urgency recall.

Why in nlp: the CLI prints them, the tests guard them and training reports them before/after.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from nlp.classify import Classification, classify
from nlp.taxonomy import CATEGORIES
from nlp.train import Example


@dataclass
class Report:
    n: int
    accuracy: float
    macro_f1: float
    per_category: dict[str, dict[str, float]]
    confusion: dict[str, dict[str, int]]
    # None: undefined on this set (no emergency in it, none predicted, no `high` message …);
    # printed as "—" and null, never as a perfect 1.0.
    emergency_recall: float | None
    emergency_precision: float | None
    high_recall: float | None
    urgency_accuracy: float | None
    #: messages wrongly taken for an emergency, per 100 messages labelled high or normal
    false_emergencies_per_100: float | None = None
    #: messages that get the "is the danger now?" question, per 100 labelled high or normal
    uncertain_per_100: float | None = None
    #: emergencies found as present or asked about (uncertain): the ones the resident is not left alone with
    emergency_caught: float | None = None
    #: on the messages whose counterparty is labelled (no counterparty found counts as "unknown")
    counterparty_accuracy: float | None = None
    #: two-problem detection, on files that label ``problems`` (unlabelled lines are one problem)
    problems_precision: float | None = None
    problems_recall: float | None = None
    errors: list[dict[str, str]] = field(default_factory=list)

    def as_dict(self) -> dict[str, object]:
        return {
            "n": self.n,
            "accuracy": round(self.accuracy, 4),
            "macro_f1": round(self.macro_f1, 4),
            "emergency_recall": _round(self.emergency_recall),
            "emergency_precision": _round(self.emergency_precision),
            "high_recall": _round(self.high_recall),
            "urgency_accuracy": _round(self.urgency_accuracy),
            "false_emergencies_per_100": _round(self.false_emergencies_per_100),
            "uncertain_per_100": _round(self.uncertain_per_100),
            "emergency_caught": _round(self.emergency_caught),
            "counterparty_accuracy": _round(self.counterparty_accuracy),
            "problems_precision": _round(self.problems_precision),
            "problems_recall": _round(self.problems_recall),
            "per_category": self.per_category,
            "confusion": self.confusion,
        }


def _ratio(num: int, den: int) -> float:
    return num / den if den else 1.0


def _rate(num: int, den: int) -> float | None:
    return num / den if den else None


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 4)


def evaluate(
    examples: Sequence[Example], classifier: Callable[[str], Classification] = classify
) -> Report:
    results = [classifier(ex.text) for ex in examples]
    labels = [c for c in CATEGORIES if any(ex.category == c for ex in examples)] or list(CATEGORIES)
    confusion = {gold: {pred: 0 for pred in CATEGORIES} for gold in CATEGORIES}
    errors: list[dict[str, str]] = []
    for ex, res in zip(examples, results, strict=True):
        confusion.setdefault(ex.category, {p: 0 for p in CATEGORIES})
        confusion[ex.category][res.category] = confusion[ex.category].get(res.category, 0) + 1
        if ex.category != res.category:
            errors.append({"text": ex.text, "gold": ex.category, "predicted": res.category})
    per_category: dict[str, dict[str, float]] = {}
    for cat in labels:
        tp = confusion[cat][cat]
        support = sum(confusion[cat].values())
        predicted = sum(row.get(cat, 0) for row in confusion.values())
        precision, recall = _ratio(tp, predicted), _ratio(tp, support)
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        per_category[cat] = {"precision": precision, "recall": recall, "f1": f1, "support": support}
    correct = sum(confusion[c][c] for c in confusion)
    with_urgency = [(ex, res) for ex, res in zip(examples, results, strict=True) if ex.urgency]
    gold_e = [r for ex, r in with_urgency if ex.urgency == "emergency"]
    pred_e = [ex for ex, r in with_urgency if r.urgency == "emergency"]
    gold_h = [r for ex, r in with_urgency if ex.urgency == "high"]
    others = [r for ex, r in with_urgency if ex.urgency != "emergency"]
    false_rate = _rate(100 * sum(r.urgency == "emergency" for r in others), len(others))
    uncertain_rate = _rate(100 * sum(getattr(r, "danger", "none") == "uncertain" for r in others), len(others))
    caught = _rate(sum(r.urgency == "emergency" or getattr(r, "danger", "none") == "uncertain" for r in gold_e),
                   len(gold_e))
    with_party = [(ex, res) for ex, res in zip(examples, results, strict=True) if ex.counterparty]
    party_acc = _rate(sum(ex.counterparty == (getattr(res, "counterparty", None) or "unknown")
                          for ex, res in with_party), len(with_party))
    problems_precision = problems_recall = None
    if any(ex.problems is not None for ex in examples):
        gold_two = [len(set(ex.problems or ())) >= 2 for ex in examples]
        pred_two = [len({p.category for p in getattr(res, "problems", ()) or ()}) >= 2 for res in results]
        both = sum(g and p for g, p in zip(gold_two, pred_two, strict=True))
        problems_precision = _rate(both, sum(pred_two))
        problems_recall = _rate(both, sum(gold_two))
    return Report(
        n=len(examples),
        accuracy=_ratio(correct, len(examples)),
        macro_f1=sum(v["f1"] for v in per_category.values()) / len(per_category) if per_category else 0.0,
        per_category=per_category,
        confusion={g: {p: n for p, n in row.items() if n} for g, row in confusion.items() if any(row.values())},
        emergency_recall=_rate(sum(r.urgency == "emergency" for r in gold_e), len(gold_e)),
        emergency_precision=_rate(sum(ex.urgency == "emergency" for ex in pred_e), len(pred_e)),
        high_recall=_rate(sum(r.urgency == "high" for r in gold_h), len(gold_h)),
        urgency_accuracy=_rate(sum(ex.urgency == r.urgency for ex, r in with_urgency), len(with_urgency)),
        false_emergencies_per_100=false_rate,
        uncertain_per_100=uncertain_rate,
        emergency_caught=caught,
        counterparty_accuracy=party_acc,
        problems_precision=problems_precision,
        problems_recall=problems_recall,
        errors=errors,
    )
