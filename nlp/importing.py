"""A district's labelled history (a hotline or case-system export) turned into training examples.

Input: a CSV or XLSX table with a text column and a label column (named by the caller) and a
mapping from the export's labels to our category ids (YAML ``label: category`` or a two-column
CSV). Output: JSON Lines ``{"text", "category", "label", "source"}`` appended to the imported
history that ``linli nlp train`` reads. A label the mapping does not name is reported, never
guessed; empty and oversize texts are skipped and counted; a text already in the history is not
written twice (importing the same export again adds nothing).

Errors are ``DataError``s (a catalogue id and its parameters), so the CLI says them in the
reader's language.
"""

from __future__ import annotations

import csv
import json
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from nlp.segment import MAX_CHARS
from nlp.taxonomy import CATEGORIES
from nlp.train import DataError

#: Longer texts are skipped: the classifier reads only the first MAX_CHARS characters of a
#: message, so a longer training text would teach it words it never sees at run time.
MAX_TEXT_CHARS = MAX_CHARS
HISTORY_FILENAME = "imported_history.jsonl"
#: Encodings tried in order: Chinese government and hotline systems often export GB18030 CSV.
_CSV_ENCODINGS = ("utf-8-sig", "gb18030")

Progress = Callable[[int, int], None]


@dataclass
class ImportReport:
    rows: int = 0
    written: int = 0
    empty: int = 0
    too_long: int = 0
    already: int = 0
    #: source label -> rows with that label that the mapping does not name
    unmapped: Counter[str] = field(default_factory=Counter)
    #: our category -> rows written
    categories: Counter[str] = field(default_factory=Counter)


# --------------------------------------------------------------------------- the mapping


def load_mapping(path: Path) -> dict[str, str]:
    """Export label -> category id, from YAML (``劳动和社会保障: labor``) or a two-column CSV."""
    if not path.is_file():
        raise DataError("nlp.import.no_file", path=path)
    text = _read_text(path)
    entries = _csv_mapping(text) if path.suffix.lower() == ".csv" else _yaml_mapping(text, path)
    mapping: dict[str, str] = {}
    for line, label, category in entries:
        if category not in CATEGORIES:
            raise DataError("nlp.import.unknown_target", path=path, line=line, value=category,
                               known=", ".join(CATEGORIES))
        mapping[label] = category
    if not mapping:
        raise DataError("nlp.import.empty_mapping", path=path)
    return mapping


def _yaml_mapping(text: str, path: Path) -> list[tuple[int, str, str]]:
    # compose (not safe_load) keeps each value's line, so an unknown category names its line.
    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError as exc:
        raise DataError("nlp.import.bad_mapping", path=path, problem=str(exc).splitlines()[0]) from exc
    if node is None:
        return []
    if not isinstance(node, yaml.MappingNode):
        raise DataError("nlp.import.bad_mapping", path=path, problem="not a mapping of label: category")
    entries = []
    for key, value in node.value:
        if not isinstance(key, yaml.ScalarNode) or not isinstance(value, yaml.ScalarNode):
            raise DataError("nlp.import.bad_mapping", path=path,
                               problem=f"line {key.start_mark.line + 1}: not label: category")
        entries.append((value.start_mark.line + 1, str(key.value).strip(), str(value.value).strip()))
    return entries


def _csv_mapping(text: str) -> list[tuple[int, str, str]]:
    entries = []
    for line, row in enumerate(csv.reader(text.splitlines()), start=1):
        cells = [cell.strip() for cell in row]
        if len(cells) < 2 or not cells[0] or cells[0].startswith("#"):
            continue
        if line == 1 and cells[1] not in CATEGORIES and cells[1].lower() in {"category", "target", "类别"}:
            continue  # a header row
        entries.append((line, cells[0], cells[1]))
    return entries


# --------------------------------------------------------------------------- the table


def read_table(path: Path, text_column: str, label_column: str) -> tuple[int, Iterator[tuple[str, str]]]:
    """(row count, rows as (text, label)) of a CSV or XLSX export; columns found by header name."""
    if not path.is_file():
        raise DataError("nlp.import.no_file", path=path)
    header, rows = _xlsx_rows(path) if path.suffix.lower() in {".xlsx", ".xlsm"} else _csv_rows(path)
    names = [str(cell).strip() if cell is not None else "" for cell in header]
    missing = [col for col in (text_column, label_column) if col not in names]
    if missing:
        raise DataError("nlp.import.no_column", path=path, column=missing[0],
                           present=", ".join(name for name in names if name) or "—")
    ti, li = names.index(text_column), names.index(label_column)

    def cell(row: tuple[object, ...], i: int) -> str:
        value = row[i] if i < len(row) else None
        return "" if value is None else str(value).strip()

    return len(rows), ((cell(row, ti), cell(row, li)) for row in rows)


def _csv_rows(path: Path) -> tuple[tuple[object, ...], list[tuple[object, ...]]]:
    rows = [tuple(row) for row in csv.reader(_read_text(path).splitlines()) if any(c.strip() for c in row)]
    if not rows:
        raise DataError("nlp.import.empty_table", path=path)
    return rows[0], rows[1:]


def _xlsx_rows(path: Path) -> tuple[tuple[object, ...], list[tuple[object, ...]]]:
    from openpyxl import load_workbook  # only here: the bot never reads workbooks

    try:
        workbook = load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # noqa: BLE001 - a corrupt or mislabelled file: one clear line
        raise DataError("nlp.import.bad_table", path=path, problem=str(exc) or type(exc).__name__) from exc
    try:
        sheet = workbook.active
        rows = [row for row in sheet.iter_rows(values_only=True)
                if any(v is not None and str(v).strip() for v in row)] if sheet is not None else []
    finally:
        workbook.close()
    if not rows:
        raise DataError("nlp.import.empty_table", path=path)
    return rows[0], rows[1:]


def _read_text(path: Path) -> str:
    data = path.read_bytes()
    for encoding in _CSV_ENCODINGS:
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise DataError("nlp.import.bad_encoding", path=path)


# --------------------------------------------------------------------------- the import


def existing_texts(path: Path) -> set[str]:
    """Texts already in a history file (malformed lines ignored: it is appended to by hand too)."""
    if not path.is_file():
        return set()
    texts = set()
    with path.open(encoding="utf-8", errors="replace") as fh:
        for line in fh:
            try:
                row = json.loads(line)
            except json.JSONDecodeError:
                continue
            if isinstance(row, dict) and isinstance(row.get("text"), str):
                texts.add(row["text"])
    return texts


def import_history(
    table: Path,
    *,
    text_column: str,
    label_column: str,
    mapping: dict[str, str],
    output: Path,
    progress: Progress | None = None,
) -> ImportReport:
    """Append the mapped rows of ``table`` to ``output``; every row is counted in the report."""
    total, rows = read_table(table, text_column, label_column)
    report = ImportReport()
    seen = existing_texts(output)
    output.parent.mkdir(parents=True, exist_ok=True)
    with output.open("a", encoding="utf-8") as out:
        for text, label in rows:
            report.rows += 1
            category = mapping.get(label)
            if not text:
                report.empty += 1
            elif len(text) > MAX_TEXT_CHARS:
                report.too_long += 1
            elif category is None:
                report.unmapped[label] += 1
            elif text in seen:
                report.already += 1
            else:
                seen.add(text)
                out.write(json.dumps({"text": text, "category": category, "label": label,
                                      "source": table.name}, ensure_ascii=False) + "\n")
                report.written += 1
                report.categories[category] += 1
            if progress is not None:
                progress(report.rows, total)
    return report
