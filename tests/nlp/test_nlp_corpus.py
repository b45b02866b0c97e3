"""python -m nlp.corpus add: ids checked with line numbers, repeats and evaluation lines kept out."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from nlp.corpus import add, main, text_key


def _write(path: Path, rows: list[object]) -> Path:
    lines = [r if isinstance(r, str) else json.dumps(r, ensure_ascii=False) for r in rows]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_add_validates_dedupes_and_appends(tmp_path: Path) -> None:
    corpus = _write(tmp_path / "corpus.jsonl", [{"text": "房东不退押金", "category": "rental", "urgency": "normal"}])
    dev = _write(tmp_path / "dev.jsonl", [{"text": "老板欠薪三个月", "category": "labor", "urgency": "normal"}])
    source = _write(tmp_path / "new.jsonl", [
        {"text": "房東不退押金！", "category": "rental", "urgency": "normal"},  # same message as the corpus's
        {"text": "老板欠薪 三个月", "category": "labor", "urgency": "normal"},  # in the dev set
        {"text": "楼上半夜吵", "category": "noise", "urgency": "normal"},
        "{not json",
        {"text": "楼上半夜吵", "category": "neighbor", "urgency": "urgent"},
        {"text": "楼上半夜吵", "category": "neighbor", "urgency": "normal", "counterparty": "upstairs"},
        {"text": "两件事", "category": "rental", "urgency": "normal", "problems": ["rental", "noise"]},
        {"text": "楼上天天半夜吵", "category": "neighbor", "urgency": "normal", "counterparty": "neighbor",
         "problems": ["neighbor", "rental"], "extra": 1},
        {"text": "楼上天天半夜吵。", "category": "neighbor", "urgency": "normal"},  # repeat within the file
    ])
    report = add(source, corpus, [dev])
    assert report.added == 1 and report.duplicates == 2
    assert [n for n, _ in report.bad] == [2, 3, 4, 5, 6, 7]
    reasons = dict(report.bad)
    assert "评估集" in reasons[2] and "noise" in reasons[3] and "urgent" in reasons[5]
    assert "upstairs" in reasons[6] and "problems" in reasons[7]
    lines = corpus.read_text(encoding="utf-8").splitlines()
    assert len(lines) == 2
    assert json.loads(lines[1]) == {"text": "楼上天天半夜吵", "category": "neighbor", "urgency": "normal",
                                    "counterparty": "neighbor", "problems": ["neighbor", "rental"]}


def test_dry_run_changes_nothing_and_missing_file_is_an_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    corpus = _write(tmp_path / "corpus.jsonl", [{"text": "a b", "category": "other", "urgency": "normal"}])
    source = _write(tmp_path / "new.jsonl", [{"text": "物业不修电梯", "category": "property", "urgency": "normal"}])
    before = corpus.read_text(encoding="utf-8")
    assert main(["add", str(source), "--corpus", str(corpus), "--dry-run"]) == 0
    assert corpus.read_text(encoding="utf-8") == before
    assert main(["add", str(tmp_path / "missing.jsonl"), "--corpus", str(corpus)]) == 2
    assert "missing.jsonl" in capsys.readouterr().err


def test_text_key_ignores_script_punctuation_and_spaces() -> None:
    assert text_key("房東 不退押金！") == text_key("房东不退押金")


def test_emoji_only_lines_are_not_all_the_same() -> None:
    assert text_key("👍") != text_key("😂😂👍") and text_key("👍") == text_key(" 👍 ")
