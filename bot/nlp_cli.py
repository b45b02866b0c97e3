"""CLI for the understanding layer: ``linli classify`` and ``linli nlp import|train|eval``.

Wiring (in bot/cli.py): ``cli.command("classify")(classify_command)`` and
``cli.add_typer(nlp_cli.app, name="nlp")``. Typer lives here, never in ``nlp/`` (import contract).
Messages come from the catalogue in the configured locale (``LINLI_LOCALE``); a bad input file is
one clear line and exit code 2, never a traceback.
"""

from __future__ import annotations

import asyncio
import contextlib
import dataclasses
import json
import sys
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from rich.console import Console

from bot.cliutil import help_text
from i18n import t

if TYPE_CHECKING:
    from rich.table import Table

    from nlp.classify import Classification
    from nlp.danger import DangerModel
    from nlp.emchar import EmcharModel
    from nlp.model import LinearModel
    from nlp.train import Example, LabelledFile

app = typer.Typer(help=help_text("nlp.cli.help"), no_args_is_help=True)

MAX_TEXT_CHARS = 100_000
#: Files with more rows than this get a progress bar while they are imported.
_PROGRESS_ROWS = 2_000
#: Bad line numbers named in a message (the count is always complete).
_LINES_SHOWN = 10
# Three-letter heads for every category, so the 15x15 confusion matrix fits an 80-column terminal
# (a borderless table: 15 columns of 3 + 1 characters, plus the row names).
_SHORT = {
    "labor": "lab", "rental": "ren", "neighbor": "nei", "family": "fam", "property": "pro",
    "consumer": "con", "traffic": "tra", "debt": "deb", "land": "lan", "security": "sec",
    "minors": "min", "hazard": "haz", "environment": "env", "consult": "cst", "other": "oth",
}
#: The figures compared before/after training and printed by ``eval``, in this order.
_FIGURES = ("accuracy", "macro_f1", "emergency_recall", "emergency_precision", "false_emergencies_per_100",
            "uncertain_per_100", "emergency_caught", "high_recall", "counterparty_accuracy", "problems_precision",
            "problems_recall")


def _locale() -> str | None:
    from bot.settings import SettingsError, load_settings

    try:
        return load_settings().locale
    except SettingsError:
        return None


def _console(*, stderr: bool = False) -> Console:
    # No markup: catalogue texts hold square brackets ("pip install 'linli[train]'") that rich
    # would take for style tags and drop.
    return Console(stderr=stderr, markup=False, highlight=False)


def _say(key: str, **params: object) -> str:
    return t(key, _locale(), **params)


def _fail(key: str, code: int = 2, **params: object) -> typer.Exit:
    typer.echo(_say(key, **params), err=True)
    return typer.Exit(code)


@contextlib.contextmanager
def _clear_errors() -> Iterator[None]:
    """A DataError (bad file, unknown category, scikit-learn missing) becomes its message and exit 2."""
    from nlp.train import DataError

    try:
        yield
    except DataError as exc:
        raise _fail(exc.key, **exc.params) from None


# --------------------------------------------------------------------------- classify


def _jsonable(value: Any) -> Any:
    """Classification fields as JSON: sets sorted, tuples and nested dataclasses as lists and objects."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: _jsonable(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, (set, frozenset)):
        return sorted(_jsonable(v) for v in value)
    if isinstance(value, (list, tuple)):
        return [_jsonable(v) for v in value]
    return value


def classification_dict(result: Classification) -> dict[str, Any]:
    """Every field of a Classification (its own ``as_dict`` when it has one), JSON-ready."""
    as_dict = getattr(result, "as_dict", None)
    return _jsonable(as_dict() if callable(as_dict) else result)


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
    return {"id": line_id, **classification_dict(classify(text))}


def readable_line(row: dict[str, Any], locale: str | None = None) -> str:
    """One classification (or error) as a line of text in the reader's language."""
    if "error" in row:
        return t("nlp.classify.error", locale, id=row["id"], error=row["error"])
    party = row.get("counterparty") or "unknown"
    numbers = row.get("numbers") or []
    return t(
        "nlp.classify.readable", locale, id=row["id"],
        category=t(f"case.cat.{row['category']}", locale), urgency=t(f"case.urgency.{row['urgency']}", locale),
        confidence=f"{row['confidence']:.2f}", danger=t(f"nlp.danger.{row.get('danger') or 'none'}", locale),
        numbers=t("nlp.classify.numbers", locale, numbers="/".join(numbers)) if numbers else "",
        counterparty=t(f"nlp.counterparty.{party}", locale), ask=row.get("ask") or "—",
    )


def classify_command(
    text: Annotated[
        bool, typer.Option("--text", help=help_text("help.classify.text"))
    ] = False,
    readable: Annotated[bool, typer.Option("--readable", help=help_text("nlp.cli.classify.readable_help"))] = False,
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
    locale = _locale()
    for number, line in enumerate(stream, start=1):
        row = _classify_line(line, number, text)
        out.write((readable_line(row, locale) if readable else json.dumps(row, ensure_ascii=False)) + "\n")
        out.flush()


# --------------------------------------------------------------------------- labelled files


def _lines(numbers: tuple[int, ...]) -> str:
    shown = ", ".join(map(str, numbers[:_LINES_SHOWN]))
    return shown + (" …" if len(numbers) > _LINES_SHOWN else "")


def _load(path: Path, console: Console | None = None) -> LabelledFile:
    """A labelled JSON Lines file; bad lines are reported (to ``console``), bad ids end the command."""
    from nlp.train import read_labelled

    if not path.is_file():
        raise _fail("nlp.error.file_not_found", path=path)
    with _clear_errors():
        labelled = read_labelled(path)
    if labelled.bad_lines and console is not None:
        console.print(_say("nlp.error.bad_lines", path=path, count=len(labelled.bad_lines),
                           lines=_lines(labelled.bad_lines)), soft_wrap=True)
    if not labelled.examples:
        raise _fail("nlp.error.no_examples", path=path)
    return labelled


def _cell(key: str, value: object) -> str:
    if not isinstance(value, float | int):
        return "—"
    return f"{value:.1f}" if key.endswith("_per_100") else f"{value:.3f}"


def _figures_table(title: str, columns: dict[str, dict[str, Any]]) -> Table:
    from rich.table import Table

    table = Table(title=title)
    table.add_column("")
    for name in columns:
        table.add_column(name, justify="right")
    for key in _FIGURES:
        table.add_row(_say(f"nlp.eval.{key}"), *(_cell(key, figures.get(key)) for figures in columns.values()))
    return table


# --------------------------------------------------------------------------- eval


@app.command("eval", help=help_text("nlp.cli.eval.help"))
def eval_command(
    files: Annotated[list[Path], typer.Argument(help=help_text("help.nlp.eval.files"))],
    json_output: Annotated[bool, typer.Option("--json", help=help_text("help.nlp.eval.json"))] = False,
) -> None:
    """Each file is reported on its own; with --json and several files, one object keyed by path."""
    from nlp.evaluate import evaluate

    loaded = [(file, _load(file, None if json_output else _console(stderr=True))) for file in files]
    reports = [(file, labelled, evaluate(labelled.examples)) for file, labelled in loaded]
    if json_output:
        objects = {str(file): {**report.as_dict(), "bad_lines": list(labelled.bad_lines)}
                   for file, labelled, report in reports}
        typer.echo(json.dumps(next(iter(objects.values())) if len(objects) == 1 else objects, ensure_ascii=False))
        return
    for file, _labelled, report in reports:
        _print_report(file, report)
    if len(reports) > 1:
        _console().print(_figures_table("", {file.name: report.as_dict() for file, _, report in reports}))


def _print_report(file: Path, report: Any) -> None:
    from rich.table import Table

    from nlp.taxonomy import CATEGORIES

    console = _console()
    console.print(_say("nlp.eval.title", path=file, n=report.n))
    console.print(_figures_table("", {"": report.as_dict()}))
    per_cat = Table(title=_say("nlp.eval.category"))
    for header in ("nlp.eval.category", "nlp.eval.precision", "nlp.eval.recall", "F1", "nlp.eval.support"):
        per_cat.add_column(_say(header) if header.startswith("nlp.") else header, justify="right")
    for cat, row in report.per_category.items():
        per_cat.add_row(cat, f"{row['precision']:.2f}", f"{row['recall']:.2f}", f"{row['f1']:.2f}",
                        str(int(row["support"])))
    console.print(per_cat)
    present = [c for c in CATEGORIES if c in report.confusion or any(c in r for r in report.confusion.values())]
    confusion = Table(title=_say("nlp.eval.confusion"), box=None, padding=(0, 0, 0, 1), show_edge=False)
    confusion.add_column("", no_wrap=True)
    for cat in present:
        confusion.add_column(_SHORT.get(cat, cat[:3]), justify="right", min_width=3, no_wrap=True)
    for gold in present:
        row = report.confusion.get(gold, {})
        confusion.add_row(f"{_SHORT.get(gold, gold[:3])} {gold}",
                          *(str(row.get(pred, 0) or ".") for pred in present))
    console.print(confusion)


# --------------------------------------------------------------------------- import


def default_history_path() -> Path:
    """Beside the SQLite database that holds the staff corrections; else the working directory."""
    from bot.settings import SettingsError, load_settings
    from nlp.importing import HISTORY_FILENAME
    from storage.db import sqlite_path

    try:
        database = sqlite_path(load_settings().database_url)
    except SettingsError:
        database = None
    return (database.parent if database is not None else Path()) / HISTORY_FILENAME


def _counts(counter: Counter[str]) -> str:
    return ", ".join(f"{name or '∅'} ×{n}" for name, n in counter.most_common())


@app.command("import", help=help_text("nlp.cli.import.help"))
def import_command(
    file: Annotated[Path, typer.Argument(help=help_text("help.nlp.import.file"))],
    text_column: Annotated[str, typer.Option("--text-column", help=help_text("help.nlp.import.text_column"))],
    label_column: Annotated[str, typer.Option("--label-column", help=help_text("help.nlp.import.label_column"))],
    mapping: Annotated[Path, typer.Option("--mapping", help=help_text("help.nlp.import.mapping"))],
    output: Annotated[
        Path | None, typer.Option("--output", help=help_text("help.nlp.import.output"))
    ] = None,
) -> None:
    from rich.progress import Progress

    from nlp.importing import MAX_TEXT_CHARS as HISTORY_TEXT_LIMIT
    from nlp.importing import import_history, load_mapping
    from nlp.train import TRAIN_EXTRA, DataError, require_training

    console = _console(stderr=True)
    target = output or default_history_path()
    with _clear_errors(), Progress(console=console, transient=True) as bar:
        labels = load_mapping(mapping)
        task = bar.add_task(_say("nlp.import.progress", path=file.name), visible=False)

        def progress(done: int, total: int) -> None:
            if done == 1:
                bar.update(task, total=total, visible=total > _PROGRESS_ROWS)
            if done % 100 == 0 or done == total:
                bar.update(task, completed=done)

        report = import_history(file, text_column=text_column, label_column=label_column, mapping=labels,
                                output=target, progress=progress)
    out = _console()
    out.print(_say("nlp.import.summary", rows=report.rows, written=report.written, path=target), soft_wrap=True)
    if report.categories:
        out.print("  " + _counts(report.categories), soft_wrap=True)
    skipped = {"nlp.import.skipped_empty": report.empty, "nlp.import.skipped_long": report.too_long,
               "nlp.import.skipped_already": report.already}
    for key, count in skipped.items():
        if count:
            out.print(_say(key, count=count, limit=HISTORY_TEXT_LIMIT), soft_wrap=True)
    if report.unmapped:
        out.print(_say("nlp.import.unmapped", count=sum(report.unmapped.values()), mapping=mapping,
                       labels=_counts(report.unmapped)), soft_wrap=True)
    try:
        require_training()
        out.print(_say("nlp.import.next"), soft_wrap=True)
    except DataError:  # scikit-learn missing: the hint says how to get it
        out.print(_say("nlp.import.next_install", command=TRAIN_EXTRA), soft_wrap=True)


# --------------------------------------------------------------------------- train


def database_corrections(console: Console) -> list[Example]:
    """Staff category corrections (修改分类) from the configured database; none if it is unreachable."""
    from bot.settings import SettingsError, load_settings
    from nlp.train import Example
    from storage.db import make_engine, make_session_factory, sqlite_path
    from storage.uow import UnitOfWork

    try:
        url = load_settings().database_url
    except SettingsError:
        return []
    database = sqlite_path(url)
    if database is not None and not database.is_file():
        return []  # no bot has run here: nothing to read, and no empty database file left behind

    async def read() -> list[Example]:
        engine = make_engine(url)
        try:
            async with UnitOfWork(make_session_factory(engine)) as uow:
                return [Example(row.text, row.new_category) for row in await uow.cases.corrections()]
        finally:
            await engine.dispose()

    try:
        return asyncio.run(read())
    except Exception as exc:  # noqa: BLE001 - an unreachable or unmigrated database: say so, go on
        console.print(_say("nlp.train.no_database", problem=str(exc).splitlines()[0] if str(exc) else exc))
        return []


def _given_or_present(given: Path | None, default: Path) -> Path | None:
    """A path the user gave (``_load`` fails if it is missing), else the default when it exists."""
    return given if given is not None else default if default.is_file() else None


def _evaluate_with(
    model: LinearModel, dev_sets: dict[str, list[Example]], danger: DangerModel | None = None,
    emchar: EmcharModel | None = None,
) -> dict[str, dict[str, Any]]:
    from nlp import danger as danger_check
    from nlp import emchar as emchar_check
    from nlp.classify import use_model
    from nlp.evaluate import evaluate

    use_model(model)
    danger_check.use_model(danger)  # None: the shipped file, loaded again
    emchar_check.use_model(emchar)
    return {name: evaluate(examples).as_dict() for name, examples in dev_sets.items()}


@app.command("train", help=help_text("nlp.cli.train.help"))
def train_command(
    corpus: Annotated[Path | None, typer.Option(help=help_text("help.nlp.train.corpus"))] = None,
    corrections: Annotated[
        Path | None, typer.Option(help=help_text("help.nlp.train.corrections"))
    ] = None,
    database: Annotated[
        bool, typer.Option("--database/--no-database", help=help_text("help.nlp.train.database"))
    ] = True,
    history: Annotated[
        Path | None, typer.Option(help=help_text("help.nlp.train.history"))
    ] = None,
    output: Annotated[Path | None, typer.Option(help=help_text("help.nlp.train.output"))] = None,
    dev: Annotated[Path | None, typer.Option(help=help_text("help.nlp.train.dev"))] = None,
    dev_long: Annotated[
        Path | None, typer.Option("--dev-long", help=help_text("help.nlp.train.dev_long"))
    ] = None,
    force: Annotated[bool, typer.Option("--force", help=help_text("help.nlp.train.force"))] = False,
) -> None:
    from nlp import danger as danger_check
    from nlp.classify import initialize, use_model
    from nlp.danger import DANGER_MODEL_FILENAME
    from nlp.danger_train import train_danger
    from nlp.emchar import EMCHAR_MODEL_FILENAME
    from nlp.emchar import use_model as use_emchar
    from nlp.emchar_train import train_emchar
    from nlp.model import LinearModel, default_model_path
    from nlp.train import (
        data_path,
        high_training_examples,
        merge_corrections,
        require_training,
        train,
        urgency_training_examples,
    )

    console = _console(stderr=True)
    with _clear_errors():
        require_training()
    console.print(_say("nlp.train.loading"))
    corpus_examples = _load(corpus or data_path("corpus.jsonl"), console).examples
    history_path = _given_or_present(history, default_history_path())
    imported = _load(history_path, console).examples if history_path else []
    fixes = _load(corrections, console).examples if corrections else []
    if database:
        fixes += database_corrections(console)
    # Corrections last: a staff member's category wins over the corpus's and the history's.
    examples = merge_corrections(merge_corrections(corpus_examples, imported), fixes)
    console.print(_say("nlp.train.examples", corpus=len(corpus_examples), history=len(imported),
                       corrections=len(fixes), total=len(examples)))
    urgency_extra = urgency_training_examples()
    high_extra = high_training_examples()
    if urgency_extra or high_extra:
        console.print(_say("nlp.train.urgency_examples", n=len(urgency_extra) + len(high_extra)))

    dev_paths = (_given_or_present(dev, data_path("dev.jsonl")),
                 _given_or_present(dev_long, data_path("dev_long.jsonl")))
    dev_sets = {path.name: _load(path, console).examples for path in dev_paths if path}

    target = output or default_model_path()
    current_path = target if target.is_file() else default_model_path()
    initialize()
    with console.status(_say("nlp.train.step", step="…")) as status:
        model = train(examples, urgency_extra=urgency_extra, high_extra=high_extra,
                      progress=lambda step: status.update(_say("nlp.train.step", step=step)))
        # The present-danger check (nlp.danger) learns from the same examples plus its own files.
        status.update(_say("nlp.train.step", step="danger"))
        danger = train_danger(examples)
        # The character n-gram emergency model (nlp.emchar): the same examples plus urgency_train.
        status.update(_say("nlp.train.step", step="emchar"))
        emchar = train_emchar(examples)
        status.update(_say("nlp.train.step", step="dev"))
        before = _evaluate_with(LinearModel.load(current_path), dev_sets) if current_path.is_file() else {}
        after = _evaluate_with(model, dev_sets, danger, emchar)
    use_model(None)  # back to what is on disk (after writing below: the new model)
    danger_check.use_model(None)
    use_emchar(None)

    if not dev_sets:
        console.print(_say("nlp.train.no_dev"))
    columns: dict[str, dict[str, Any]] = {}
    for name in dev_sets:
        if name in before:
            columns[_say("nlp.train.before", set=name)] = before[name]
        columns[_say("nlp.train.after", set=name)] = after[name]
    if columns:
        out = _console()
        out.print(_say("nlp.train.compare", path=current_path), soft_wrap=True)
        out.print(_figures_table("", columns))
    fallen = [name for name in before if after[name]["accuracy"] < before[name]["accuracy"]]
    if fallen and not force:
        raise _fail("nlp.train.refused", code=1, sets=", ".join(fallen), path=current_path)
    target.parent.mkdir(parents=True, exist_ok=True)
    model.save(target)
    danger_target = target.parent / DANGER_MODEL_FILENAME
    danger.save(danger_target)
    emchar_target = target.parent / EMCHAR_MODEL_FILENAME
    emchar.save(emchar_target)
    use_model(None)
    danger_check.use_model(None)
    use_emchar(None)
    console.print(_say("nlp.train.written", path=target))
    console.print(_say("nlp.train.danger_written", path=danger_target, n=len(danger.terms)))
    console.print(_say("nlp.train.emchar_written", path=emchar_target, n=len(emchar)))
