"""Category errors of dialect, colloquial and traditional-character lines, and the dialect gloss's weight
(cat8 round).

Reads two ``evalall.py`` dumps (before and after the gloss), drops the pooled probes' B halves before anything
else (``bench/category_mechanisms.development_rows``), and prints per group of lines (language, Cantonese
function words, northern/southwestern markers, a ``DIALECT_GLOSS`` word) the category errors before and after.
With ``--weights`` it re-classifies the A-half and older lines that hold a glossary word at each gloss weight.
Prints counts only.

    PYTHONPATH=. python bench/dialect_gloss.py BEFORE.jsonl AFTER.jsonl [--weights]
"""

from __future__ import annotations

import argparse
import importlib
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from category_mechanisms import development_rows, language  # noqa: E402

from nlp import segment  # noqa: E402
from nlp.lexicon import ENGLISH_GLOSS  # noqa: E402

# ``nlp.classify`` the module (the package exports the function under the same name).
nc = importlib.import_module("nlp.classify")

#: Rough markers of a writer's variety (for counting, not for classifying).
_CANTONESE = re.compile(r"佢|唔|冇|喺|咗|嘅|嗰|啲|咁|嚟|睇|俾|乜|嘢|哋|喇|咩")
_NORTH_SOUTHWEST = re.compile(r"咋|啥子|嘎哈|俺|娃|屋头|巴适|晓得|莫得|没得|整哪样|恁|咱家|老铁|贼拉")


def tabulate(before: Path, after: Path) -> None:
    start = {(r["set"], r["num"]): r for r in development_rows(before)}
    end = {(r["set"], r["num"]): r for r in development_rows(after)}
    groups: dict[str, list[int]] = {}
    for key, row in start.items():
        norm = segment.normalize(row["text"])
        tags = ["all", language(row["text"])]
        if _CANTONESE.search(norm):
            tags.append("Cantonese function words")
        if _NORTH_SOUTHWEST.search(norm):
            tags.append("northern/southwestern markers")
        if nc._DIALECT_WORDS.search(norm):
            tags.append("a DIALECT_GLOSS word")
            if not ENGLISH_GLOSS.keys().isdisjoint(segment.tokenize(norm)):
                tags.append("a DIALECT_GLOSS word and an English one")
        for tag in tags:
            counts = groups.setdefault(tag, [0, 0, 0])
            counts[0] += 1
            counts[1] += row["pc"] != row["gc"]
            counts[2] += end[key]["pc"] != end[key]["gc"]
    for tag, (n, wrong_before, wrong_after) in groups.items():
        print(f"{tag:42s} {n:6d}  wrong {wrong_before:5d} ({wrong_before / n:.3f}) -> {wrong_after:5d} ({wrong_after / n:.3f})")


def weights(before: Path) -> None:
    nc.initialize()
    rows = [r for r in development_rows(before) if nc._DIALECT_WORDS.search(segment.normalize(r["text"]))]
    print(f"glossed lines {len(rows)}, right before {sum(r['pc'] == r['gc'] for r in rows)}")
    for weight in (0.0, 0.3, 0.5, 0.7, 1.0):
        nc.GLOSS_WEIGHT = weight
        gained = lost = right = 0
        for row in rows:
            ok = nc.classify(row["text"]).category == row["gc"]
            right += ok
            gained += ok and row["pc"] != row["gc"]
            lost += not ok and row["pc"] == row["gc"]
        print(f"weight {weight}: right {right} (+{gained} -{lost})")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("before", type=Path)
    parser.add_argument("after", type=Path)
    parser.add_argument("--weights", action="store_true")
    args = parser.parse_args()
    tabulate(args.before, args.after)
    if args.weights:
        weights(args.before)


if __name__ == "__main__":
    main()
