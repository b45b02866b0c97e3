"""bot.nlp_cli: classify over JSON Lines, eval and train."""

from __future__ import annotations

import dataclasses
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
    from nlp.classify import Classification

    assert set(rows[0]) == {"id"} | {f.name for f in dataclasses.fields(Classification)}
    assert isinstance(rows[0]["flags"], list) and isinstance(rows[0]["alternatives"], list)
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


def test_eval_unknown_category_names_the_line_and_value(tmp_path: Path) -> None:
    path = _labelled(tmp_path)
    path.write_text(path.read_text(encoding="utf-8") + json.dumps({"text": "欠钱不还", "category": "loan"}) + "\n",
                    encoding="utf-8")
    result = runner.invoke(app, ["eval", str(path)])
    assert result.exit_code == 2
    assert "第 5 行" in result.output and "“loan”" in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)


def test_eval_unknown_urgency_names_the_line_and_value(tmp_path: Path) -> None:
    path = tmp_path / "u.jsonl"
    path.write_text(json.dumps({"text": "欠钱不还", "category": "debt", "urgency": "urgent"}) + "\n", encoding="utf-8")
    result = runner.invoke(app, ["eval", str(path), "--json"], env={"LINLI_LOCALE": "en"})
    assert result.exit_code == 2
    assert 'line 1: unknown urgency "urgent"' in result.output


def test_eval_counts_and_reports_bad_json_lines(tmp_path: Path) -> None:
    path = _labelled(tmp_path)
    path.write_text(path.read_text(encoding="utf-8") + "{broken\n[1, 2]\n\n" + json.dumps({"text": "x"}) + "\n",
                    encoding="utf-8")
    table = runner.invoke(app, ["eval", str(path)])
    assert table.exit_code == 0, table.output
    assert "跳过 3 行" in table.output and "5, 6, 8" in table.output
    figures = json.loads(runner.invoke(app, ["eval", str(path), "--json"]).stdout)
    assert figures["bad_lines"] == [5, 6, 8] and figures["n"] == 4


def test_eval_without_emergencies_prints_a_dash_not_one(tmp_path: Path) -> None:
    path = tmp_path / "calm.jsonl"
    rows = [{"text": "老板欠我三个月工资", "category": "labor", "urgency": "normal"},
            {"text": "房东不退押金", "category": "rental", "urgency": "normal"}]
    path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows) + "\n", encoding="utf-8")
    figures = json.loads(runner.invoke(app, ["eval", str(path), "--json"]).output)
    assert figures["emergency_recall"] is None and figures["emergency_precision"] is None
    assert figures["high_recall"] is None and figures["false_emergencies_per_100"] == 0.0
    table = runner.invoke(app, ["eval", str(path)]).output
    recall_line = next(line for line in table.splitlines() if "紧急召回率" in line)
    assert "—" in recall_line and "1.000" not in recall_line


def test_eval_with_emergencies_gives_figures(tmp_path: Path) -> None:
    figures = json.loads(runner.invoke(app, ["eval", str(_labelled(tmp_path)), "--json"]).output)
    assert figures["emergency_recall"] == 1.0 and figures["bad_lines"] == []


def _tiny_corpus(tmp_path: Path) -> Path:
    corpus = tmp_path / "corpus.jsonl"
    rows = [{"text": f"老板欠我工资{i}个月", "category": "labor"} for i in range(6)]
    rows += [{"text": f"房东不退押金{i}千", "category": "rental"} for i in range(6)]
    corpus.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows), encoding="utf-8")
    return corpus


def test_train_refuses_a_model_that_falls_on_dev_and_force_overrides(tmp_path: Path) -> None:
    """A corpus of three categories cannot classify the dev set's consumer and traffic messages."""
    dev = tmp_path / "set.jsonl"
    rows = [{"text": "老板欠我三个月工资", "category": "labor", "urgency": "normal"},
            {"text": "网购的手机是翻新机，商家不给退货", "category": "consumer", "urgency": "normal"},
            {"text": "我的电动车在路口被小轿车撞了，对方不肯赔", "category": "traffic", "urgency": "normal"}]
    dev.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows) + "\n", encoding="utf-8")
    corrections = tmp_path / "fix.jsonl"
    corrections.write_text(json.dumps({"text": "楼上太吵了", "category": "neighbor"}, ensure_ascii=False)
                           + "\nbad\n", encoding="utf-8")
    output = tmp_path / "model.npz"
    args = ["train", "--corpus", str(_tiny_corpus(tmp_path)), "--corrections", str(corrections),
            "--no-database", "--output", str(output), "--dev", str(dev), "--dev-long", str(dev)]
    refused = runner.invoke(app, args)
    assert refused.exit_code == 1, refused.output
    assert not output.exists()
    assert "准确率下降" in refused.output and "set.jsonl" in refused.output
    assert "现有模型 set.jsonl" in refused.output and "新模型 set.jsonl" in refused.output
    assert "fix.jsonl" in refused.output and "2" in refused.output  # the bad line, by number

    forced = runner.invoke(app, [*args, "--force"])
    assert forced.exit_code == 0, forced.output
    from nlp.classify import classify
    from nlp.model import LinearModel

    assert set(LinearModel.load(output).classes) == {"labor", "rental", "neighbor"}
    assert classify("网购的手机是翻新机，商家不给退货").category == "consumer"  # back on the shipped model


def test_train_replaces_the_model_when_dev_accuracy_holds(tmp_path: Path) -> None:
    dev = tmp_path / "dev.jsonl"
    dev.write_text(json.dumps({"text": "老板欠我工资不给", "category": "labor", "urgency": "normal"},
                              ensure_ascii=False) + "\n", encoding="utf-8")
    dev_long = tmp_path / "long.jsonl"
    dev_long.write_text(json.dumps({"text": "尊敬的领导：我们在工地干了半年，老板一直拖欠工资，请帮帮我们。",
                                    "category": "labor", "urgency": "high"}, ensure_ascii=False) + "\n",
                        encoding="utf-8")
    output = tmp_path / "model.npz"
    result = runner.invoke(app, ["train", "--corpus", str(_tiny_corpus(tmp_path)), "--no-database",
                                 "--output", str(output), "--dev", str(dev), "--dev-long", str(dev_long)])
    assert result.exit_code == 0, result.output
    assert output.is_file()
    assert "long.jsonl" in result.output and "dev.jsonl" in result.output
    assert "—" in result.output  # no emergency in either set: undefined, not 1.000


def test_train_with_a_missing_dev_set_is_a_clear_error(tmp_path: Path) -> None:
    result = runner.invoke(app, ["train", "--corpus", str(_tiny_corpus(tmp_path)), "--no-database",
                                 "--output", str(tmp_path / "m.npz"), "--dev", str(tmp_path / "nope.jsonl")])
    assert result.exit_code == 2 and "nope.jsonl" in result.output
    assert not (tmp_path / "m.npz").exists()


def test_train_without_scikit_learn_says_how_to_install_it(tmp_path: Path, monkeypatch) -> None:
    import sys

    monkeypatch.setitem(sys.modules, "sklearn", None)  # find_spec answers None, as when not installed
    result = runner.invoke(app, ["train", "--corpus", str(_tiny_corpus(tmp_path)), "--no-database",
                                 "--output", str(tmp_path / "m.npz")])
    assert result.exit_code == 2
    assert "pip install 'linli[train]'" in result.output
    assert not (tmp_path / "m.npz").exists()


def test_train_reads_an_unknown_category_as_an_error_naming_the_line(tmp_path: Path) -> None:
    corpus = _tiny_corpus(tmp_path)
    corpus.write_text(corpus.read_text(encoding="utf-8") + "\n" + json.dumps(
        {"text": "楼上吵", "category": "noise"}) + "\n", encoding="utf-8")
    result = runner.invoke(app, ["train", "--corpus", str(corpus), "--no-database",
                                 "--output", str(tmp_path / "m.npz")])
    assert result.exit_code == 2
    assert "第 13 行" in result.output and "noise" in result.output and "Traceback" not in result.output


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


def test_classification_dict_takes_new_fields_and_nested_problems() -> None:
    """`linli classify` prints whatever fields Classification has, nested dataclasses included."""
    from bot.nlp_cli import classification_dict

    @dataclasses.dataclass(frozen=True)
    class Problem:
        text: str
        category: str

    @dataclasses.dataclass(frozen=True)
    class Future:
        category: str
        flags: frozenset[str]
        numbers: tuple[str, ...]
        problems: tuple[Problem, ...]
        ask: str | None = None

    row = classification_dict(Future("rental", frozenset({"repeat", "group"}), ("119", "120"),
                                     (Problem("房东不退押金", "rental"), Problem("楼上天天半夜吵", "neighbor"))))
    assert row == {"category": "rental", "flags": ["group", "repeat"], "numbers": ["119", "120"],
                   "problems": [{"text": "房东不退押金", "category": "rental"},
                                {"text": "楼上天天半夜吵", "category": "neighbor"}], "ask": None}
    assert json.loads(json.dumps(row, ensure_ascii=False)) == row

    class WithAsDict:
        def as_dict(self) -> dict[str, object]:
            return {"category": "labor", "danger": "none"}

    assert classification_dict(WithAsDict()) == {"category": "labor", "danger": "none"}  # type: ignore[arg-type]


def _rows(path: Path, rows: list[dict[str, object]]) -> Path:
    path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows) + "\n", encoding="utf-8")
    return path


def test_eval_several_files_each_reported_with_the_new_figures(tmp_path: Path) -> None:
    short = _labelled(tmp_path)
    long = _rows(tmp_path / "long.jsonl", [
        {"text": "房东不退押金，请帮我要回来", "category": "rental", "urgency": "normal", "counterparty": "landlord"},
        {"text": "他说要砍死我", "category": "security", "urgency": "high", "counterparty": "unknown"},
        {"text": "老板拖欠我两个月工资一共七千块，打电话也不接。另外，我租的房子到期了，房东不退押金，说墙面弄脏了要扣钱。",
         "category": "labor", "urgency": "normal", "counterparty": "employer", "problems": ["labor", "rental"]},
        {"text": "楼上邻居装修太吵了", "category": "neighbor", "urgency": "normal", "counterparty": "neighbor"},
    ])
    both = json.loads(runner.invoke(app, ["eval", str(short), str(long), "--json"]).output)
    assert set(both) == {str(short), str(long)}
    figures = both[str(long)]
    assert figures["uncertain_per_100"] == 25.0  # the threat is asked about, one in four
    assert figures["counterparty_accuracy"] == 0.75  # the threat's counterparty is "stranger", labelled unknown
    assert figures["problems_precision"] == 1.0 and figures["problems_recall"] == 1.0
    assert both[str(short)]["problems_recall"] is None and both[str(short)]["counterparty_accuracy"] is None
    table = runner.invoke(app, ["eval", str(short), str(long)]).output
    assert table.count("评估结果") == 2 and "询问是否有危险" in table and "对方识别准确率" in table


def test_eval_unknown_counterparty_or_problem_names_the_line_and_value(tmp_path: Path) -> None:
    bad_party = _rows(tmp_path / "p.jsonl", [
        {"text": "房东不退押金", "category": "rental", "urgency": "normal", "counterparty": "landlord"},
        {"text": "楼上吵", "category": "neighbor", "urgency": "normal", "counterparty": "upstairs"},
    ])
    result = runner.invoke(app, ["eval", str(bad_party)])
    assert result.exit_code == 2 and "第 2 行" in result.output and "upstairs" in result.output
    bad_problem = _rows(tmp_path / "q.jsonl", [
        {"text": "两件事", "category": "rental", "urgency": "normal", "problems": ["rental", "noise"]},
    ])
    result = runner.invoke(app, ["eval", str(bad_problem)])
    assert result.exit_code == 2 and "第 1 行" in result.output and "noise" in result.output
