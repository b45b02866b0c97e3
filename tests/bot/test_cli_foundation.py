"""The operator's commands, run as a new user would: version, help, db, roster import and show."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from bot.cli import app
from storage.roster import sample_roster_path

runner = CliRunner()


@pytest.fixture
def env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("LINLI_DATABASE_URL", f"sqlite:///{tmp_path / 'cli.db'}")
    return tmp_path


def test_help_lists_every_command_with_a_description() -> None:
    result = runner.invoke(app, ["--help"])
    assert result.exit_code == 0
    for command in ("version", "db", "roster", "staff"):
        line = next(ln for ln in result.output.splitlines() if f" {command} " in ln)
        assert "/" in line, f"{command} has no one-line description"


def test_version() -> None:
    result = runner.invoke(app, ["version"])
    assert result.exit_code == 0 and result.output.startswith("linli ")


def test_upgrade_import_twice_and_show(env: Path) -> None:
    assert runner.invoke(app, ["db", "upgrade"]).exit_code == 0
    first = runner.invoke(app, ["roster", "import", str(sample_roster_path())])
    assert first.exit_code == 0 and "新增" in first.output
    second = runner.invoke(app, ["roster", "import", str(sample_roster_path())])
    assert second.exit_code == 0 and "没有变化" in second.output
    shown = runner.invoke(app, ["roster", "show"])
    assert shown.exit_code == 0
    for name in ("三亚市天涯区", "群众街社区", "儋州村社区", "马哥调解室", "大榕树调解室", "第1微网格"):
        assert name in shown.output


def test_import_before_upgrade_says_what_to_do(env: Path) -> None:
    result = runner.invoke(app, ["roster", "import", str(sample_roster_path())])
    assert result.exit_code == 1 and "linli db upgrade" in result.output


def test_broken_roster_is_refused_with_its_place(env: Path) -> None:
    bad = env / "bad.yaml"
    bad.write_text("district: {id: x, name: X, case_prefix: X}\ncommunities:\n  - id: a\n    name: A\n"
                   "routing:\n  - id: r\n    categories: [wages]\n    target: police\n", encoding="utf-8")
    result = runner.invoke(app, ["roster", "import", str(bad)])
    assert result.exit_code == 1
    assert "第 7 行" in result.output and "routing[0].categories[0]" in result.output


def test_invalid_setting_names_the_variable(env: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LINLI_TIMEZONE", "Mars/Olympus")
    result = runner.invoke(app, ["db", "upgrade"])
    assert result.exit_code == 2 and "LINLI_TIMEZONE" in result.output


def test_settings_from_linli_toml(env: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("LINLI_DATABASE_URL")
    (env / "linli.toml").write_text(f'database_url = "sqlite:///{env / "from_toml.db"}"\n', encoding="utf-8")
    assert runner.invoke(app, ["db", "upgrade"]).exit_code == 0
    assert (env / "from_toml.db").exists()
