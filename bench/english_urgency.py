"""Urgency by language on the tuning lines, at one or more weights of the `high` head's English gloss.

Tuning lines = the A halves of the pooled probes plus the older development sets (``high_misses.tuning_lines``;
B halves are never read). For English (more Latin letters than Han), mixed (8+ Latin letters) and Chinese lines
(traditional included), A halves and older sets apart: `high` found, normals raised to `high`, present
emergencies found and caught (found or asked), false emergencies and questions. Counts only.

    PYTHONPATH=. PYTHONHASHSEED=0 python bench/english_urgency.py [HIGH_GLOSS_WEIGHT ...]   (default: shipped)
"""

from __future__ import annotations

import argparse
import importlib
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from category_mechanisms import language  # noqa: E402
from high_misses import tuning_lines  # noqa: E402


def counts(rows: list[tuple[str, str]], answers: list[tuple[str, str]]) -> dict[str, int]:
    """Confusion counts of (gold urgency, part) rows against (urgency, danger) answers."""
    c = dict.fromkeys(("high", "high_found", "normal", "normal_raised", "emergency", "found", "caught", "other",
                       "false", "questions"), 0)
    for (gold, _), (urgency, danger) in zip(rows, answers, strict=True):
        if gold == "high":
            c["high"] += 1
            c["high_found"] += urgency == "high"
        elif gold == "normal":
            c["normal"] += 1
            c["normal_raised"] += urgency == "high"
        if gold == "emergency":
            c["emergency"] += 1
            c["found"] += urgency == "emergency"
            c["caught"] += urgency == "emergency" or danger == "uncertain"
        else:
            c["other"] += 1
            c["false"] += urgency == "emergency"
            c["questions"] += danger == "uncertain"
    return c


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("weights", nargs="*", type=float)
    args = parser.parse_args()
    classify_module = importlib.import_module("nlp.classify")
    from nlp.halves import POOLED_PROBES

    classify_module.initialize()
    lines = [(name, row) for name, row in tuning_lines() if row.get("urgency")]
    groups: dict[tuple[str, str], list[int]] = {}
    for i, (name, row) in enumerate(lines):
        lang = language(row["text"])
        lang = "chinese" if lang == "traditional" else lang
        groups.setdefault(("A" if name in POOLED_PROBES else "older", lang), []).append(i)
    for weight in args.weights or [classify_module.HIGH_GLOSS_WEIGHT]:
        classify_module.HIGH_GLOSS_WEIGHT = weight
        answers = [(r.urgency, r.danger) for r in (classify_module.classify(row["text"]) for _, row in lines)]
        for (part, lang), index in sorted(groups.items()):
            c = counts([(lines[i][1]["urgency"], part) for i in index], [answers[i] for i in index])
            print(f"weight {weight} {part:5s} {lang:8s} lines {len(index):5d}  high {c['high_found']}/{c['high']}  "
                  f"normal>high {c['normal_raised']}/{c['normal']}  em. found {c['found']}/{c['emergency']} "
                  f"caught {c['caught']}  false {c['false']}/{c['other']}  questions {c['questions']}")


if __name__ == "__main__":
    main()
