"""CLI for the understanding layer: ``linli classify`` and ``linli nlp train|eval``.

Wiring (in bot/cli.py): ``cli.command("classify")(classify_command)`` and
``cli.add_typer(nlp_cli.app, name="nlp")``. Typer lives here, never in ``nlp/`` (import contract).
"""

from __future__ import annotations

import contextlib
import json
import sys
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.table import Table

from i18n import t

app = typer.Typer(help=t("nlp.cli.help"), no_args_is_help=True)

MAX_TEXT_CHARS = 100_000
# Three-letter heads for every category, so the 15x15 confusion matrix fits an 80-column terminal
# (a borderless table: 15 columns of 3 + 1 characters, plus the row names).
_SHORT = {
    "labor": "lab", "rental": "ren", "neighbor": "nei", "family": "fam", "property": "pro",
    "consumer": "con", "traffic": "tra", "debt": "deb", "land": "lan", "security": "sec",
    "minors": "min", "hazard": "haz", "environment": "env", "consult": "cst", "other": "oth",
}


def _error(line_id: Any, key: str, **params: object) -> dict[str, Any]:
    return {"id": line_id, "error": t(key, **params)}


def _classify_line(line: str, number: int, plain_text: bool) -> dict[str, Any]:
    """One output object for one input line; bad input becomes an error object, never an exception."""
    from nlp import classify

    raw = line.rstrip("\r\n")
    line_id: Any = number
    if plain_text:
        text: Any = raw
    else:
        if not raw.strip():
            return _error(line_id, "nlp.error.empty_line")
        try:
            row = json.loads(raw)
        except (json.JSONDecodeError, RecursionError):
            return _error(line_id, "nlp.error.invalid_json")
        if not isinstance(row, dict):
            return _error(line_id, "nlp.error.invalid_json")
        line_id = row.get("id", number)
        text = row.get("text")
        if not isinstance(text, str):
            return _error(line_id, "nlp.error.missing_text")
    if not text.strip():
        return _error(line_id, "nlp.error.empty_text")
    if len(text) > MAX_TEXT_CHARS:
        return _error(line_id, "nlp.error.too_long", limit=MAX_TEXT_CHARS)
    result = classify(text)
    return {
        "id": line_id,
        "category": result.category,
        "urgency": result.urgency,
        "confidence": result.confidence,
        "keywords": list(result.keywords),
        "flags": sorted(result.flags),
    }


def classify_command(
    text: Annotated[
        bool, typer.Option("--text", help="One plain-text message per line; id = line number.")
    ] = False,
) -> None:
    """Read JSON Lines {"id", "text"} on stdin, write one JSON object per input line, in order."""
    from nlp import initialize

    initialize()
    stream = sys.stdin
    reconfigure = getattr(stream, "reconfigure", None)
    if reconfigure is not None:
        with contextlib.suppress(ValueError, OSError):
            reconfigure(errors="replace")  # a stray byte must not end the whole batch
    out = sys.stdout
    for number, line in enumerate(stream, start=1):
        out.write(json.dumps(_classify_line(line, number, text), ensure_ascii=False) + "\n")
        out.flush()


classify_command.__doc__ = t("nlp.cli.classify.help")


def _load_examples(path: Path, *, need_urgency: bool = False) -> list[Any]:
    from nlp.train import read_jsonl

    if not path.is_file():
        typer.echo(t("nlp.error.file_not_found", path=path), err=True)
        raise typer.Exit(2)
    examples = read_jsonl(path, need_urgency=need_urgency)
    if not examples:
        typer.echo(t("nlp.error.no_examples", path=path), err=True)
        raise typer.Exit(2)
    return examples


def _figures_table(title: str, rows: dict[str, dict[str, float]]) -> Table:
    table = Table(title=title)
    table.add_column("")
    for name in rows:
        table.add_column(name, justify="right")
    for key in ("accuracy", "macro_f1", "emergency_recall", "emergency_precision", "high_recall"):
        table.add_row(t(f"nlp.eval.{key}"), *(f"{figures[key]:.3f}" for figures in rows.values()))
    return table


@app.command("eval", help=t("nlp.cli.eval.help"))
def eval_command(
    file: Annotated[Path, typer.Argument(help="JSON Lines with text, category, urgency.")],
    json_output: Annotated[bool, typer.Option("--json", help="Print the figures as one JSON object.")] = False,
) -> None:
    from nlp.evaluate import evaluate
    from nlp.taxonomy import CATEGORIES

    examples = _load_examples(file)
    report = evaluate(examples)
    if json_output:
        typer.echo(json.dumps(report.as_dict(), ensure_ascii=False))
        return
    console = Console()
    console.print(t("nlp.eval.title", path=file, n=report.n))
    console.print(_figures_table("", {"": report.as_dict()}))  # type: ignore[dict-item]
    per_cat = Table(title=t("nlp.eval.category"))
    for header in ("nlp.eval.category", "nlp.eval.precision", "nlp.eval.recall", "F1", "nlp.eval.support"):
        per_cat.add_column(t(header) if header.startswith("nlp.") else header, justify="right")
    for cat, row in report.per_category.items():
        per_cat.add_row(cat, f"{row['precision']:.2f}", f"{row['recall']:.2f}", f"{row['f1']:.2f}",
                        str(int(row["support"])))
    console.print(per_cat)
    present = [c for c in CATEGORIES if c in report.confusion or any(c in r for r in report.confusion.values())]
    confusion = Table(title=t("nlp.eval.confusion"), box=None, padding=(0, 0, 0, 1), show_edge=False)
    confusion.add_column("", no_wrap=True)
    for cat in present:
        confusion.add_column(_SHORT.get(cat, cat[:3]), justify="right", min_width=3, no_wrap=True)
    for gold in present:
        row = report.confusion.get(gold, {})
        confusion.add_row(f"{_SHORT.get(gold, gold[:3])} {gold}",
                          *(str(row.get(pred, 0) or ".") for pred in present))
    console.print(confusion)


@app.command("train", help=t("nlp.cli.train.help"))
def train_command(
    corpus: Annotated[Path | None, typer.Option(help="Labelled corpus (default: the shipped one).")] = None,
    corrections: Annotated[
        Path | None, typer.Option(help="JSON Lines of staff corrections {text, category}.")
    ] = None,
    output: Annotated[Path | None, typer.Option(help="Where to write the model (default: nlp/data).")] = None,
    dev: Annotated[Path | None, typer.Option(help="Dev set for the before/after figures.")] = None,
) -> None:
    from nlp.classify import initialize, use_model
    from nlp.evaluate import evaluate
    from nlp.model import default_model_path
    from nlp.taxonomy import CATEGORIES
    from nlp.train import data_path, merge_corrections, train

    console = Console(stderr=True)
    console.print(t("nlp.train.loading"))
    corpus_examples = _load_examples(corpus or data_path("corpus.jsonl"))
    fixes = _load_examples(corrections) if corrections else []
    unknown = [ex for ex in corpus_examples + fixes if ex.category not in CATEGORIES]
    if unknown:
        names = ", ".join(sorted({ex.category for ex in unknown}))
        console.print(t("nlp.error.unknown_category", count=len(unknown), names=names))
        corpus_examples = [ex for ex in corpus_examples if ex.category in CATEGORIES]
        fixes = [ex for ex in fixes if ex.category in CATEGORIES]
    examples = merge_corrections(corpus_examples, fixes)
    console.print(t("nlp.train.examples", corpus=len(corpus_examples), corrections=len(fixes), total=len(examples)))

    dev_path = dev or data_path("dev.jsonl")
    dev_examples = _load_examples(dev_path) if dev_path.is_file() else []
    figures: dict[str, dict[str, float]] = {}
    if dev_examples and default_model_path().is_file():
        initialize()
        figures[t("nlp.train.before")] = evaluate(dev_examples).as_dict()  # type: ignore[assignment]

    with console.status(t("nlp.train.step", step="…")) as status:
        model = train(examples, progress=lambda step: status.update(t("nlp.train.step", step=step)))
    target = output or default_model_path()
    target.parent.mkdir(parents=True, exist_ok=True)
    model.save(target)
    console.print(t("nlp.train.written", path=target))

    if dev_examples:
        use_model(model)
        figures[t("nlp.train.after")] = evaluate(dev_examples).as_dict()  # type: ignore[assignment]
        Console().print(_figures_table(str(dev_path), figures))
    else:
        console.print(t("nlp.train.no_dev"))
