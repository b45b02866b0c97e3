"""``linli seed-demo-data`` and ``linli report`` on a fresh database, through a Typer app of our own."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest
import typer
from openpyxl import load_workbook
from sqlalchemy import func, select
from typer.testing import CliRunner

from bot.report_cli import register
from storage import models as m
from storage.db import make_engine, make_session_factory


@pytest.fixture
def cli(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[typer.Typer, CliRunner, str]:
    url = f"sqlite:///{tmp_path / 'fresh.db'}"
    monkeypatch.setenv("LINLI_DATABASE_URL", url)
    app = typer.Typer()
    register(app)
    return app, CliRunner(), url


def _count(url: str, *where: object) -> int:
    async def go() -> int:
        engine = make_engine(url)
        async with make_session_factory(engine)() as s:
            n = await s.scalar(select(func.count()).select_from(m.Case).where(*where))
        await engine.dispose()
        return int(n or 0)

    return asyncio.run(go())


def test_seed_report_and_clear_on_a_fresh_database(cli: tuple[typer.Typer, CliRunner, str], tmp_path: Path) -> None:
    app, runner, url = cli
    result = runner.invoke(app, ["seed-demo-data", "--cases", "120", "--seed", "7"])
    assert result.exit_code == 0, result.output
    assert "120" in result.output and "DEMO" in result.output
    assert _count(url, m.Case.is_demo.is_(True)) == 120
    assert _count(url, m.Case.number.contains("DEMO")) == 120
    assert _count(url, m.Case.reopen_count > 0) > 0
    assert _count(url, m.Case.satisfaction.is_not(None)) > 0
    assert _count(url, m.Case.closed_at > m.Case.resolution_due) > 0  # clocks missed, too

    out = tmp_path / "out"
    result = runner.invoke(app, ["report", "--from", "2000-01-01", "--to", "2100-12-31", "--format", "xlsx",
                                 "--output", str(out)])
    assert result.exit_code == 0, result.output
    books = list(out.glob("*.xlsx"))
    assert len(books) == 1 and len(list(out.glob("*.png"))) == 3
    wb = load_workbook(books[0])
    assert len(list(wb["案件明细"].iter_rows())) == 1 + 120
    assert any("演示数据" in str(v) for row in wb["汇总"].iter_rows(values_only=True) for v in row if v)
    # Routed as the bot routes: grid workers, mediators and police officers all hold cases.
    roles = {row[1] for row in wb["承办人考核"].iter_rows(min_row=2, values_only=True) if row[0]}
    assert {"网格员", "调解员", "社区民警"} <= roles, roles

    result = runner.invoke(app, ["report", "--from", "2000-01-01", "--to", "2100-12-31"])
    assert result.exit_code == 0 and "响应率" in result.output and "演示数据" in result.output

    result = runner.invoke(app, ["report", "--from", "2000-01-01", "--to", "2100-12-31", "--no-demo"])
    assert result.exit_code == 0 and "没有案件" in result.output

    # a second seeding adds, without clashing case numbers
    assert runner.invoke(app, ["seed-demo-data", "--cases", "30"]).exit_code == 0
    assert _count(url, m.Case.is_demo.is_(True)) == 150

    result = runner.invoke(app, ["seed-demo-data", "--clear"])
    assert result.exit_code == 0 and "150" in result.output
    assert _count(url) == 0


def test_report_empty_period_and_bad_input(cli: tuple[typer.Typer, CliRunner, str], tmp_path: Path) -> None:
    app, runner, _ = cli
    result = runner.invoke(app, ["report", "--from", "2020-01-01", "--to", "2020-01-31"])
    assert result.exit_code == 0, result.output
    assert "没有案件" in result.output
    result = runner.invoke(app, ["report", "--from", "2020-01-01", "--to", "2020-01-31", "--format", "png",
                                 "--output", str(tmp_path)])
    assert result.exit_code == 0 and len(list(tmp_path.glob("*.png"))) == 3
    assert runner.invoke(app, ["report", "--from", "1 May"]).exit_code == 2
    assert runner.invoke(app, ["report", "--from", "2020-02-01", "--to", "2020-01-01"]).exit_code == 2
    assert runner.invoke(app, ["report", "--format", "pdf"]).exit_code == 2
    result = runner.invoke(app, ["report", "--community", "nowhere"])
    assert result.exit_code == 2
    result = runner.invoke(app, ["report", "--community", "nanhai"])
    assert result.exit_code == 0, result.output


def test_demo_cases_are_classified_and_routed_as_the_bot_would(cli: tuple[typer.Typer, CliRunner, str]) -> None:
    """Demo history reads like a district's: each category reaches the handler the roster names."""
    app, runner, url = cli
    assert runner.invoke(app, ["seed-demo-data", "--cases", "300", "--seed", "3"]).exit_code == 0

    async def rows() -> list[tuple[str, str, str | None, str | None, str]]:
        engine = make_engine(url)
        async with make_session_factory(engine)() as s:
            found = (await s.execute(select(m.Case.category, m.Case.urgency, m.Case.room_id, m.Case.department_id,
                                            m.Case.state))).all()
        await engine.dispose()
        return [tuple(r) for r in found]

    cases = asyncio.run(rows())
    assert len(cases) == 300
    assert not [c for c in cases if c[0] == "other"]  # greetings and thanks open no case
    labour = [c for c in cases if c[0] == "labor" and c[1] != "emergency"]
    assert labour and all(c[2] == "mage" for c in labour)  # the sample roster's labour room
    consumer = [c for c in cases if c[0] == "consumer" and c[1] != "emergency"]
    assert consumer and all(c[3] == "market" for c in consumer)
    assert sum(c[1] == "emergency" for c in cases) < 30


def test_report_refuses_an_unknown_language(cli: tuple[typer.Typer, CliRunner, str]) -> None:
    app, runner, _ = cli
    result = runner.invoke(app, ["report", "--lang", "fr"])
    assert result.exit_code == 2 and "fr" in result.output and "zh, en" in result.output


def test_report_speaks_the_command_lines_language(cli: tuple[typer.Typer, CliRunner, str]) -> None:
    app, runner, _ = cli
    english = runner.invoke(app, ["report", "--from", "2020-01-01", "--to", "2020-01-31"], env={"LINLI_LOCALE": "en"})
    chinese = runner.invoke(app, ["report", "--from", "2020-01-01", "--to", "2020-01-31"], env={"LINLI_LOCALE": "zh"})
    assert english.exit_code == 0 and chinese.exit_code == 0, english.output + chinese.output
    assert "no cases" in english.output.lower() and "没有案件" in chinese.output
