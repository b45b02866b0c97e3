"""linli nlp import: a labelled CSV/XLSX history, mapped to our categories, appended for training."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest
from typer.testing import CliRunner

from bot.nlp_cli import app

runner = CliRunner()

MAPPING_YAML = "劳动和社会保障: labor\n房屋租赁: rental\n# comments are fine\n噪声扰民: neighbor\n"
ROWS = [
    ("诉求内容", "分类"),
    ("包工头拖欠我们十几个人三个月工资，讨了好几次都说没钱", "劳动和社会保障"),
    ("房东以墙面有污渍为由扣了全部押金两千元", "房屋租赁"),
    ("楼上每天凌晨两点还在拖椅子，睡不着", "噪声扰民"),
    ("小区门口的共享单车乱停", "城市管理"),
    ("路灯不亮", "城市管理"),
    ("", "劳动和社会保障"),
    ("长" * 2001, "房屋租赁"),
]


def _csv(tmp_path: Path, rows: list[tuple[str, str]] = ROWS, encoding: str = "utf-8") -> Path:
    import csv

    path = tmp_path / "history.csv"
    with path.open("w", encoding=encoding, newline="") as fh:
        csv.writer(fh).writerows(rows)
    return path


def _mapping(tmp_path: Path, text: str = MAPPING_YAML, name: str = "map.yaml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def _import(table: Path, mapping: Path, output: Path, *extra: str, env: dict[str, str] | None = None):
    return runner.invoke(app, ["import", str(table), "--text-column", "诉求内容", "--label-column", "分类",
                               "--mapping", str(mapping), "--output", str(output), *extra], env=env)


def _written(output: Path) -> list[dict[str, str]]:
    return [json.loads(line) for line in output.read_text(encoding="utf-8").splitlines()]


def test_csv_with_yaml_mapping_writes_mapped_rows_and_reports_the_rest(tmp_path: Path) -> None:
    output = tmp_path / "out" / "history.jsonl"
    result = _import(_csv(tmp_path), _mapping(tmp_path), output)
    assert result.exit_code == 0, result.output
    rows = _written(output)
    assert [(r["category"], r["label"]) for r in rows] == [
        ("labor", "劳动和社会保障"), ("rental", "房屋租赁"), ("neighbor", "噪声扰民")]
    assert rows[0]["source"] == "history.csv"
    assert "读取 7 行，写入 3 条" in result.output
    assert "2 行的标签" in result.output and "城市管理 ×2" in result.output  # reported, not guessed
    assert "跳过 1 行：文本为空" in result.output
    assert "跳过 1 行：文本超过 2000 个字符" in result.output


def test_import_without_scikit_learn_says_how_to_train(tmp_path: Path, monkeypatch) -> None:
    import sys

    monkeypatch.setitem(sys.modules, "sklearn", None)
    result = _import(_csv(tmp_path), _mapping(tmp_path), tmp_path / "history.jsonl")
    assert result.exit_code == 0, result.output
    assert "pip install 'linli[train]'，然后 linli nlp train" in result.output


def test_importing_the_same_file_twice_adds_nothing(tmp_path: Path) -> None:
    output = tmp_path / "history.jsonl"
    table, mapping = _csv(tmp_path), _mapping(tmp_path)
    _import(table, mapping, output)
    again = _import(table, mapping, output)
    assert again.exit_code == 0
    assert len(_written(output)) == 3 and "跳过 3 行：已经导入过" in again.output


def test_xlsx_with_csv_mapping(tmp_path: Path) -> None:
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["编号", "诉求内容", "分类"])
    for i, (text, label) in enumerate(ROWS[1:4], start=1):
        sheet.append([i, text, label])
    sheet.append([9, "垃圾没人清", None])
    sheet.append([10, None, None])  # blank rows at the end of a sheet are not rows
    table = tmp_path / "history.xlsx"
    workbook.save(table)
    mapping = _mapping(tmp_path, "source,category\n劳动和社会保障,labor\n房屋租赁,rental\n", "map.csv")
    output = tmp_path / "history.jsonl"
    result = _import(table, mapping, output)
    assert result.exit_code == 0, result.output
    assert [r["category"] for r in _written(output)] == ["labor", "rental"]
    assert "噪声扰民 ×1" in result.output and "∅ ×1" in result.output


def test_gb18030_csv_export_is_read(tmp_path: Path) -> None:
    output = tmp_path / "history.jsonl"
    result = _import(_csv(tmp_path, ROWS[:3], encoding="gb18030"), _mapping(tmp_path), output)
    assert result.exit_code == 0, result.output
    assert _written(output)[0]["text"] == ROWS[1][0]


def test_a_missing_column_names_the_columns_present(tmp_path: Path) -> None:
    table = _csv(tmp_path, [("内容", "类别"), ("欠薪", "劳动和社会保障")])
    result = _import(table, _mapping(tmp_path), tmp_path / "out.jsonl")
    assert result.exit_code == 2
    assert "没有“诉求内容”列" in result.output and "内容, 类别" in result.output
    assert not (tmp_path / "out.jsonl").exists()


def test_a_missing_column_in_english(tmp_path: Path) -> None:
    table = _csv(tmp_path, [("text", "label"), ("wages", "x")])
    result = _import(table, _mapping(tmp_path), tmp_path / "out.jsonl", env={"LINLI_LOCALE": "en"})
    assert result.exit_code == 2
    assert 'has no column "诉求内容"; its columns: text, label' in result.output


@pytest.mark.parametrize(("name", "text", "line"), [
    ("map.yaml", "劳动和社会保障: labor\n房屋租赁: rent\n", 2),
    ("map.csv", "劳动和社会保障,labor\n\n房屋租赁,rent\n", 3),
])
def test_an_unknown_target_category_names_the_line_and_value(tmp_path: Path, name: str, text: str,
                                                             line: int) -> None:
    result = _import(_csv(tmp_path), _mapping(tmp_path, text, name), tmp_path / "out.jsonl")
    assert result.exit_code == 2
    assert f"第 {line} 行：未知类别“rent”" in result.output and "Traceback" not in result.output
    assert not (tmp_path / "out.jsonl").exists()


@pytest.mark.parametrize("text", ["- labor\n- rental\n", "a: [1\n", ""])
def test_a_malformed_or_empty_mapping_is_a_clear_error(tmp_path: Path, text: str) -> None:
    result = _import(_csv(tmp_path), _mapping(tmp_path, text), tmp_path / "out.jsonl")
    assert result.exit_code == 2 and "map.yaml" in result.output


def test_missing_files_and_a_corrupt_workbook(tmp_path: Path) -> None:
    mapping = _mapping(tmp_path)
    assert "找不到文件" in _import(tmp_path / "nope.csv", mapping, tmp_path / "o.jsonl").output
    assert "找不到文件" in _import(_csv(tmp_path), tmp_path / "nope.yaml", tmp_path / "o.jsonl").output
    broken = tmp_path / "broken.xlsx"
    broken.write_bytes(b"not a zip file")
    result = _import(broken, mapping, tmp_path / "o.jsonl")
    assert result.exit_code == 2 and "无法读取" in result.output


def test_default_output_sits_beside_the_sqlite_database(tmp_path: Path) -> None:
    env = {"LINLI_DATABASE_URL": f"sqlite:///{tmp_path / 'data' / 'linli.db'}"}
    result = runner.invoke(app, ["import", str(_csv(tmp_path)), "--text-column", "诉求内容", "--label-column",
                                 "分类", "--mapping", str(_mapping(tmp_path))], env=env)
    assert result.exit_code == 0, result.output
    assert len(_written(tmp_path / "data" / "imported_history.jsonl")) == 3


def test_progress_callback_sees_every_row(tmp_path: Path) -> None:
    from nlp.importing import import_history, load_mapping

    rows = [ROWS[0]] + [(f"老板拖欠工资第{i}天", "劳动和社会保障") for i in range(2500)]
    seen: list[tuple[int, int]] = []
    report = import_history(_csv(tmp_path, rows), text_column="诉求内容", label_column="分类",
                            mapping=load_mapping(_mapping(tmp_path)), output=tmp_path / "h.jsonl",
                            progress=lambda done, total: seen.append((done, total)))
    assert report.written == 2500 and seen[-1] == (2500, 2500) and len(seen) == 2500


def test_train_learns_from_the_imported_history_and_database_corrections(tmp_path: Path) -> None:
    """The imported history and the corrections in the database both reach the model."""
    from nlp.model import LinearModel
    from storage import migrate

    history = tmp_path / "history.jsonl"
    _import(_csv(tmp_path), _mapping(tmp_path), history)
    database = tmp_path / "linli.db"
    migrate.upgrade(f"sqlite:///{database}")
    with sqlite3.connect(database) as db:  # foreign keys are off in a plain connection: no case needed
        db.execute("INSERT INTO correction (case_id, text, old_category, new_category, staff_id, at) "
                   "VALUES (1, '菜市场的秤缺斤少两', 'other', 'consumer', 'x', '2026-01-01 00:00:00')")
    corpus = tmp_path / "corpus.jsonl"
    rows = [{"text": f"老板欠我工资{i}个月", "category": "labor"} for i in range(6)]
    rows += [{"text": f"房东不退押金{i}千", "category": "rental"} for i in range(6)]
    corpus.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows), encoding="utf-8")
    output = tmp_path / "model.npz"
    result = runner.invoke(app, ["train", "--corpus", str(corpus), "--history", str(history),
                                 "--output", str(output), "--dev", str(corpus), "--dev-long", str(history),
                                 "--force"],
                           env={"LINLI_DATABASE_URL": f"sqlite:///{database}"})
    assert result.exit_code == 0, result.output
    assert "导入历史 3 条，更正 1 条" in result.output
    assert set(LinearModel.load(output).classes) == {"labor", "rental", "neighbor", "consumer"}
