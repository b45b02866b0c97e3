"""bot.nlp_cli: classify over JSON Lines, eval and train."""

from __future__ import annotations

import json
from pathlib import Path

import typer
from typer.testing import CliRunner

from bot.nlp_cli import app, classify_command

runner = CliRunner()


def _classify_app() -> typer.Typer:
    cli = typer.Typer()
    cli.command("classify")(classify_command)
    cli.command("noop")(lambda: None)  # two commands, so "classify" stays a subcommand
    return cli


def test_classify_jsonl_keeps_order_and_reports_bad_lines() -> None:
    lines = [
        json.dumps({"id": "a", "text": "老板拖欠我工资"}, ensure_ascii=False),
        "",
        "{not json",
        json.dumps({"id": 4}),
        json.dumps({"id": 5, "text": ""}),
        json.dumps({"id": 6, "text": "x" * 100_001}),
        json.dumps({"id": 7, "text": "我妈说不想活了"}, ensure_ascii=False),
    ]
    result = runner.invoke(_classify_app(), ["classify"], input="\n".join(lines) + "\n")
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in result.output.splitlines()]
    assert len(rows) == len(lines)
    assert rows[0]["id"] == "a" and rows[0]["category"] == "labor"
    assert set(rows[0]) == {"id", "category", "urgency", "confidence", "keywords", "flags"}
    assert [r["id"] for r in rows[1:6]] == [2, 3, 4, 5, 6]
    assert all("error" in r for r in rows[1:6])
    assert rows[2]["error"] == "不是有效的 JSON"
    assert rows[6]["urgency"] == "emergency"


def test_classify_plain_text_mode() -> None:
    result = runner.invoke(_classify_app(), ["classify", "--text"], input="房东不退押金\n\nmy landlord won't return my deposit\n")
    rows = [json.loads(line) for line in result.output.splitlines()]
    assert [r["id"] for r in rows] == [1, 2, 3]
    assert rows[0]["category"] == "rental" and "error" in rows[1] and rows[2]["category"] == "rental"


def _labelled(tmp_path: Path) -> Path:
    path = tmp_path / "set.jsonl"
    rows = [
        {"text": "老板欠我三个月工资", "category": "labor", "urgency": "normal"},
        {"text": "房东不退押金", "category": "rental", "urgency": "normal"},
        {"text": "他拿着菜刀说要砍人", "category": "security", "urgency": "emergency"},
        {"text": "几十个工人被拖欠工资", "category": "labor", "urgency": "high"},
    ]
    path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows) + "\n", encoding="utf-8")
    return path


def test_eval_json(tmp_path: Path) -> None:
    result = runner.invoke(app, ["eval", str(_labelled(tmp_path)), "--json"])
    assert result.exit_code == 0, result.output
    figures = json.loads(result.output)
    for key in ("accuracy", "macro_f1", "per_category", "confusion", "emergency_recall",
                "emergency_precision", "high_recall"):
        assert key in figures
    assert figures["n"] == 4


def test_eval_table(tmp_path: Path) -> None:
    result = runner.invoke(app, ["eval", str(_labelled(tmp_path))])
    assert result.exit_code == 0, result.output
    assert "准确率" in result.output and "labor" in result.output


def test_eval_missing_file(tmp_path: Path) -> None:
    result = runner.invoke(app, ["eval", str(tmp_path / "nope.jsonl")])
    assert result.exit_code == 2


def test_train_with_corrections_writes_a_model(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus.jsonl"
    rows = [{"text": f"老板欠我工资{i}个月", "category": "labor"} for i in range(6)]
    rows += [{"text": f"房东不退押金{i}千", "category": "rental"} for i in range(6)]
    corpus.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows), encoding="utf-8")
    corrections = tmp_path / "fix.jsonl"
    corrections.write_text(json.dumps({"text": "楼上太吵了", "category": "neighbor"}, ensure_ascii=False) + "\nbad\n",
                           encoding="utf-8")
    output = tmp_path / "model.npz"
    result = runner.invoke(app, ["train", "--corpus", str(corpus), "--corrections", str(corrections),
                                 "--output", str(output), "--dev", str(_labelled(tmp_path))])
    assert result.exit_code == 0, result.output
    assert output.is_file()
    from nlp.model import LinearModel

    assert set(LinearModel.load(output).classes) == {"labor", "rental", "neighbor"}
    # restore the shipped model for the other tests in this process
    from nlp.classify import use_model

    use_model(None)


def test_eval_confusion_matrix_is_readable_in_80_columns(tmp_path: Path) -> None:
    from nlp.taxonomy import CATEGORIES

    path = tmp_path / "all.jsonl"
    path.write_text("\n".join(json.dumps({"text": f"测试{cat}", "category": cat, "urgency": "normal"})
                              for cat in CATEGORIES) + "\n", encoding="utf-8")
    result = runner.invoke(app, ["eval", str(path)], env={"COLUMNS": "80"})
    assert result.exit_code == 0, result.output
    assert "…" not in result.output
    assert all(len(line) <= 80 for line in result.output.splitlines())
    assert "env environment" in result.output and " cst " in result.output
