"""Grow the training corpus from a writer's JSON Lines file: ``python -m nlp.corpus add FILE``.

Why a tool: writers produce thousands of lines; a misspelt id, a line copied from an evaluation
set or a repeat must be caught before training, with the line number, not found in a figure later.
Every line is checked against the taxonomy (category, urgency, counterparty, problems); lines that
repeat the corpus or any evaluation set (compared after normalisation, ignoring punctuation and
spaces) are skipped and counted; the rest are appended in the corpus's own format.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from i18n import t
from nlp.segment import normalize
from nlp.taxonomy import CATEGORIES, COUNTERPARTIES, URGENCIES

#: Sets nobody developing the model reads: measured before and after a change, never tuned on.
HELD_OUT_SETS = ("holdout2.jsonl", "problems_test.jsonl", "parties_test.jsonl", "urgency_test.jsonl",
                 "danger_test.jsonl", "emergency_test.jsonl", "blind3.jsonl", "blind4.jsonl", "blind5.jsonl",
                 "blind6.jsonl", "blind7.jsonl", "blind8.jsonl", "blind9.jsonl",
                 "blind10.jsonl", "blind11.jsonl", "blind12.jsonl", "blind13.jsonl",
                 "blind14.jsonl", "blind15.jsonl", "blind16.jsonl", "blind17.jsonl",
                 "blind18.jsonl")
#: Development sets: read and tuned on, so their figures are optimistic (each card says how it was used).
DEVELOPMENT_SETS = (
    "dev.jsonl", "check.jsonl", "holdout.jsonl", "dev_long.jsonl", "problems_dev.jsonl", "parties_dev.jsonl",
    "urgency_dev.jsonl", "danger_dev.jsonl", "emergency_dev.jsonl", "real_dev.jsonl", "emergency_dev2.jsonl",
    "reported_dev.jsonl", "redteam_recall.jsonl", "redteam_false.jsonl", "emergency_probe3.jsonl",
    "real_dev2.jsonl", "redteam_false2.jsonl", "emergency_probe4.jsonl", "party_dev.jsonl", "ordinary_probe.jsonl",
    "real_dev3.jsonl", "real_dev4.jsonl",
    "emergency_probe5.jsonl", "ordinary_probe2.jsonl", "danger_dev2.jsonl",
    "urgency_dev2.jsonl", "emergency_probe6.jsonl",
    "medical_dev.jsonl", "urgency_dev3.jsonl", "urgency_probe.jsonl", "danger_dev3.jsonl",
    "emergency_probe7.jsonl", "urgency_dev4.jsonl", "emergency_probe8.jsonl", "false_probe.jsonl",
    "category_probe.jsonl", "urgency_dev5.jsonl", "urgency_probe2.jsonl", "category_probe2.jsonl",
    "false_probe2.jsonl", "emergency_probe9.jsonl", "emergency_probe10.jsonl", "urgency_probe3.jsonl",
    "category_probe3.jsonl", "emergency_probe11.jsonl", "false_probe3.jsonl", "false_probe4.jsonl",
    "emergency_probe12.jsonl", "category_probe4.jsonl", "urgency_probe4.jsonl", "emergency_probe13.jsonl",
    "false_probe5.jsonl", "false_probe6.jsonl", "urgency_probe5.jsonl", "emergency_probe14.jsonl",
    "emergency_probe15.jsonl",
    "false_probe7.jsonl",
    "emergency_probe16.jsonl",
    "false_probe8.jsonl",
)
#: Files never trained on; a corpus line may not repeat any of them.
EVALUATION_SETS = DEVELOPMENT_SETS + HELD_OUT_SETS
_KEPT_FIELDS = ("text", "category", "urgency", "counterparty", "problems")
_NOISE = re.compile(r"[\s\W_]+")


def text_key(text: str) -> str:
    """What two texts must share to count as the same message: normalised, no punctuation or spaces."""
    norm = normalize(text)
    # Emoji or punctuation alone: compared as written (else every such line would be the same).
    return _NOISE.sub("", norm) or "".join(norm.split())


def data_dir() -> Path:
    return Path(__file__).resolve().parent / "data"


@dataclass
class AddReport:
    added: int = 0
    duplicates: int = 0
    #: (line number, reason) for every rejected line
    bad: list[tuple[int, str]] = field(default_factory=list)


def _problem_categories(value: object) -> list[str] | None:
    """The categories of a ``problems`` field (a list of ids or of {"text", "category"}), or None if malformed."""
    if not isinstance(value, list):
        return None
    out: list[str] = []
    for item in value:
        category = item.get("category") if isinstance(item, dict) else item
        if not isinstance(category, str):
            return None
        out.append(category)
    return out


def check_row(row: object) -> str | None:
    """Why a parsed line cannot join the corpus, or None when it can."""
    if not isinstance(row, dict):
        return t("nlp.corpus.not_object")
    text = row.get("text")
    if not isinstance(text, str) or not text.strip():
        return t("nlp.corpus.no_text")
    if row.get("category") not in CATEGORIES:
        return t("nlp.corpus.unknown", field="category", value=row.get("category"))
    if row.get("urgency") not in URGENCIES:
        return t("nlp.corpus.unknown", field="urgency", value=row.get("urgency"))
    if "counterparty" in row and row["counterparty"] is not None and row["counterparty"] not in COUNTERPARTIES:
        return t("nlp.corpus.unknown", field="counterparty", value=row["counterparty"])
    if "problems" in row and row["problems"] is not None:
        cats = _problem_categories(row["problems"])
        if cats is None:
            return t("nlp.corpus.bad_problems")
        unknown = [c for c in cats if c not in CATEGORIES]
        if unknown:
            return t("nlp.corpus.unknown", field="problems", value=unknown[0])
    return None


def _keys(paths: Iterable[Path]) -> set[str]:
    keys: set[str] = set()
    for path in paths:
        if not path.is_file():
            continue
        for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
            try:
                row = json.loads(line)
            except json.JSONDecodeError:
                continue
            if isinstance(row, dict) and isinstance(row.get("text"), str):
                keys.add(text_key(row["text"]))
    return keys


def add(source: Path, corpus: Path, evaluation: Iterable[Path], *, dry_run: bool = False) -> AddReport:
    """Append the good, new lines of ``source`` to ``corpus``; report the rest."""
    report = AddReport()
    held_out = _keys(evaluation)
    seen = _keys([corpus])
    new_lines: list[str] = []
    for number, line in enumerate(source.read_text(encoding="utf-8", errors="replace").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except (json.JSONDecodeError, RecursionError):
            report.bad.append((number, t("nlp.error.invalid_json")))
            continue
        reason = check_row(row)
        if reason is not None:
            report.bad.append((number, reason))
            continue
        key = text_key(row["text"])
        if key in held_out:
            report.bad.append((number, t("nlp.corpus.in_evaluation")))
            continue
        if key in seen:
            report.duplicates += 1
            continue
        seen.add(key)
        kept = {k: row[k] for k in _KEPT_FIELDS if k in row and row[k] is not None}
        new_lines.append(json.dumps(kept, ensure_ascii=False))
    if new_lines and not dry_run:
        existing = corpus.read_text(encoding="utf-8") if corpus.is_file() else ""
        with corpus.open("a", encoding="utf-8") as fh:
            if existing and not existing.endswith("\n"):
                fh.write("\n")
            fh.write("\n".join(new_lines) + "\n")
    report.added = len(new_lines)
    return report


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m nlp.corpus", description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    p_add = sub.add_parser("add", help="check FILE and append its good, new lines to the corpus")
    p_add.add_argument("files", nargs="+", type=Path)
    p_add.add_argument("--corpus", type=Path, default=data_dir() / "corpus.jsonl")
    p_add.add_argument("--dry-run", action="store_true", help="check and count only")
    p_add.add_argument("--against", type=Path, action="append", default=[],
                       help="another evaluation file no corpus line may repeat (repeatable)")
    args = parser.parse_args(argv)
    evaluation = [data_dir() / name for name in EVALUATION_SETS] + list(args.against)
    status = 0
    for source in args.files:
        if not source.is_file():
            print(t("nlp.error.file_not_found", path=source), file=sys.stderr)
            status = 2
            continue
        report = add(source, args.corpus, evaluation, dry_run=args.dry_run)
        for number, reason in report.bad:
            print(t("nlp.corpus.bad_line", path=source, line=number, reason=reason), file=sys.stderr)
        print(t("nlp.corpus.added", path=source, added=report.added, duplicates=report.duplicates,
                bad=len(report.bad)))
        if report.bad:
            status = max(status, 1)
    return status


if __name__ == "__main__":
    raise SystemExit(main())
