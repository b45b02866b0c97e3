"""Who gets the question ("现在是否有人身危险？"), by the stage that asked, on the tuning lines.

Tuning lines = the A halves of the pooled probes (``nlp.halves.lines("A")``) plus every development set that
is not a pooled probe (as ``bench/high_misses.py``). The B halves are never read here. Prints counts only
(``--dump OUT.jsonl`` writes the tuning rows with their scores, for a screen of one's own).

Each line that ends ``danger="uncertain"`` gets the stage that made it so:

- ``rules:<reason>``: the rules asked (a quoted threat, a habit, a bare cry, hearsay …) and nothing lowered it;
- ``veto weak cue``: a rules emergency resting on a mere object with a calm head (``refine``);
- ``head raise framed``: a head reached its raise, but the message says settled / not real / routine / asked-if;
- ``head band``: no cue, the shared head in [ASK_FROM_EMERGENCY, RAISE_EMERGENCY);
- ``both over frame``: a cue cancelled for the event, both scorers ≥ ASK_BOTH_CANCELLED (or ASK_BOTH_DENIED), and
  the danger check not past the frame (``danger.SCORERS_OVER_FRAME`` / ``PRESENT_OVER_FRAME``);
- ``sense raise framed``: a head past ``SENSE_RAISE`` over a word of another sense, in a settled message;
- ``check band``: a present danger the danger check scored below ASK_BELOW;
- ``calm scorers`` / ``low scorers``: a present danger both scorers find calm (< 0.1) or low (< 0.2) and the
  check is not sure enough (``danger._calm_bar``).

Each row carries the scores every stage saw, always computed here for comparison (the classifier computes
the character model only where it needs it): the shared head's P(emergency), the character model's
P(emergency), the danger check's P(present) on the refined verdict's spans, the cue groups and counts.
A screen then counts, for candidate "ask → emergency" rules, the present emergencies they would find and the
others they would turn into false emergencies.

    PYTHONPATH=. PYTHONHASHSEED=0 python bench/asked_lines.py [--dump OUT.jsonl]
"""

from __future__ import annotations

import argparse
import importlib
import json
import sys
from collections import Counter
from collections.abc import Callable, Iterator
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from high_misses import tuning_lines  # noqa: E402


def stage(rules, refined, final, p_present: float | None, calm_bar: float) -> str:
    """The stage that made ``final`` uncertain (``final.danger == "uncertain"``)."""
    if refined.danger == "present":
        if p_present is not None and p_present < importlib.import_module("nlp.danger").ASK_BELOW:
            return "check band"
        return "calm scorers" if calm_bar >= 0.9 else "low scorers"
    if rules.danger == "uncertain":
        return "rules"
    if rules.danger == "present":
        return "veto weak cue"
    if rules.cancelled and not rules.cancelled_as_other_senses:
        return "both over frame"
    if rules.cancelled:
        return "sense raise framed"  # a head past SENSE_RAISE over a word of another sense, the message settled
    if refined.urgency == "high" and refined.danger == "uncertain" and not rules.cancelled:
        return "head band or framed raise"
    return "other"


def asked_rows() -> Iterator[dict]:
    """Every labelled tuning line classified, with what each stage saw."""
    classify_module = importlib.import_module("nlp.classify")
    urgency_module = importlib.import_module("nlp.urgency")
    danger_module = importlib.import_module("nlp.danger")
    from nlp import segment
    from nlp.halves import POOLED_PROBES

    seen: dict = {}
    unsure: list[str] = []
    real_refine, real_review, real_cancelled = classify_module.refine, classify_module.review_danger, urgency_module._cancelled

    def spy_cancelled(text, m, group):
        reason = real_cancelled(text, m, group)
        if reason in urgency_module._UNSURE_REASONS:
            unsure.append(reason)
        return reason

    def spy_refine(result, p_emergency, p_high, category, text="", p_char=None):
        out = real_refine(result, p_emergency, p_high, category, text, p_char)
        seen.update(rules=result, refined=out, p_emergency=p_emergency, p_high=p_high, text=text)
        return out

    def spy_review(result, text, p_high, tokens=None, **kw):
        out = real_review(result, text, p_high, tokens=tokens, **kw)
        spans = danger_module.spans_of(text, result) if result.danger != "none" else []
        model = danger_module.load_model()
        seen.update(spans=spans, tokens=tokens,
                    p_present=model.p_present(text, spans, tokens) if spans and model is not None else None,
                    says_now=bool(spans) and danger_module.says_now(text, spans),
                    today=bool(spans) and danger_module._today_at_cue(text, spans),
                    urge=bool(danger_module._URGE.search(text)))
        return out

    classify_module.refine, classify_module.review_danger = spy_refine, spy_review
    urgency_module._cancelled = spy_cancelled
    try:
        classify_module.initialize()
        for name, row in tuning_lines():
            if not row.get("urgency"):
                continue
            seen.clear()
            unsure.clear()
            result = classify_module.classify(row["text"])
            rules, refined = seen.get("rules"), seen.get("refined")
            if rules is None:
                continue
            norm = segment.normalize(row["text"])
            p_char = classify_module._char_p_emergency(norm)
            p_em = seen["p_emergency"]
            calm_bar = danger_module._calm_bar(max(p_em, p_char or 0.0))
            out = {
                "set": name, "part": "A" if name in POOLED_PROBES else "older", "gold": row["urgency"],
                "text": row["text"], "pred": result.urgency, "danger": result.danger,
                "rules_danger": rules.danger, "refined_danger": refined.danger,
                "unsure": sorted(set(unsure)), "reasons": sorted(set(rules.cancel_reasons)),
                "cues": list(refined.cues), "cancelled": list(rules.cancelled),
                "groups": sorted({s.group for s in seen.get("spans", []) if s.verdict != "cancelled"}),
                "n_kept": sum(s.verdict != "cancelled" for s in seen.get("spans", [])),
                "p_emergency": p_em, "p_char": p_char, "p_high": seen["p_high"], "p_present": seen.get("p_present"),
                "says_now": seen.get("says_now"), "today": seen.get("today"), "urge": seen.get("urge"),
                "bare": rules.bare, "length": len(norm),
            }
            out["stage"] = (stage(rules, refined, result, out["p_present"], calm_bar)
                            if result.danger == "uncertain" else None)
            if out["stage"] == "rules":
                # (a bare cry is judged after ``_cancelled``: no reason recorded for it)
                out["stage"] = "rules:" + "/".join(out["unsure"] or ["exclaim"])
            elif out["stage"] == "head band or framed raise":
                raised = (max(p_em, p_char or 0.0) >= urgency_module.RAISE_EMERGENCY
                          or min(p_em, p_char or 0.0) >= urgency_module.BOTH_RAISE_EMERGENCY)
                out["stage"] = "head raise framed" if raised else "head band"
            yield out
    finally:
        classify_module.refine, classify_module.review_danger = real_refine, real_review
        urgency_module._cancelled = real_cancelled


def table(rows: list[dict]) -> None:
    """Questions by stage: present emergencies / others, A halves and older sets apart."""
    counts: Counter = Counter()
    for r in rows:
        if r["danger"] == "uncertain":
            counts[(r["stage"], r["part"], r["gold"] == "emergency")] += 1
    print("questions by stage: A em / A other | older em / older other")
    for s in sorted({k[0] for k in counts}, key=lambda s: -sum(v for k, v in counts.items() if k[0] == s)):
        print(f"  {counts[(s, 'A', True)]:4d} {counts[(s, 'A', False)]:4d} | "
              f"{counts[(s, 'older', True)]:4d} {counts[(s, 'older', False)]:4d}  {s}")


def screen(rows: list[dict], rules: dict[str, Callable[[dict], bool]]) -> None:
    """For each candidate rule: questions it turns into emergencies, present emergencies : others (A / older)."""
    asked = [r for r in rows if r["danger"] == "uncertain"]
    print(f"\nscreen (asked {len(asked)}: {sum(r['gold'] == 'emergency' for r in asked)} present emergencies):")
    for name, take in rules.items():
        hit = [r for r in asked if take(r)]
        cell = "  ".join(f"{part} {sum(r['gold'] == 'emergency' for r in hit if r['part'] == part)}:"
                         f"{sum(r['gold'] != 'emergency' for r in hit if r['part'] == part)}" for part in ("A", "older"))
        print(f"  {cell}   {name}")


def _min(r: dict) -> float:
    return min(r["p_emergency"], r["p_char"] or 0.0)


def _frame(r: dict, scorers: float, present: float) -> bool:
    """A question over a frame of time or genre (not a denial) with both scorers and P(present) at least so high."""
    denied = importlib.import_module("nlp.urgency").DENIED_REASONS
    return (r["stage"] == "both over frame" and not denied.intersection(r["reasons"]) and _min(r) >= scorers
            and (r["p_present"] or 0) >= present)


CANDIDATES: dict[str, Callable[[dict], bool]] = {
    "both scorers >= 0.6": lambda r: _min(r) >= 0.6,
    "both scorers >= 0.7": lambda r: _min(r) >= 0.7,
    "both scorers >= 0.8": lambda r: _min(r) >= 0.8,
    "head band, both >= 0.6": lambda r: r["stage"] == "head band" and _min(r) >= 0.6,
    "head band, both >= 0.65": lambda r: r["stage"] == "head band" and _min(r) >= 0.65,
    "head band, char >= 0.7": lambda r: r["stage"] == "head band" and (r["p_char"] or 0) >= 0.7,
    "head band, char >= 0.75": lambda r: r["stage"] == "head band" and (r["p_char"] or 0) >= 0.75,
    "check band, P(present) >= 0.15": lambda r: r["stage"] == "check band" and (r["p_present"] or 0) >= 0.15,
    "rules asked, both >= 0.6": lambda r: r["stage"].startswith("rules") and _min(r) >= 0.6,
    "rules asked, P(present) >= 0.8": lambda r: r["stage"].startswith("rules") and (r["p_present"] or 0) >= 0.8,
    "frame, both >= 0.8": lambda r: r["stage"] == "both over frame" and _min(r) >= 0.8,
    "frame not denied, both >= 0.7, P(present) >= 0.5": lambda r: _frame(r, 0.7, 0.5),
    "frame not denied, both >= 0.9": lambda r: _frame(r, 0.9, 0.0),
    "frame not denied, both >= 0.9, P(present) >= 0.5 (shipped)": lambda r: _frame(r, 0.9, 0.5),
}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--dump")
    args = parser.parse_args()
    rows = list(asked_rows())
    if args.dump:
        with open(args.dump, "w", encoding="utf-8") as fh:
            for r in rows:
                fh.write(json.dumps(r, ensure_ascii=False) + "\n")
    em = [r for r in rows if r["gold"] == "emergency"]
    print(f"tuning lines {len(rows)}: present emergencies {len(em)}, found {sum(r['pred'] == 'emergency' for r in em)},"
          f" asked {sum(r['danger'] == 'uncertain' for r in em)}; others asked "
          f"{sum(r['danger'] == 'uncertain' for r in rows if r['gold'] != 'emergency')}, false emergencies "
          f"{sum(r['pred'] == 'emergency' for r in rows if r['gold'] != 'emergency')}")
    table(rows)
    screen(rows, CANDIDATES)


if __name__ == "__main__":
    main()
