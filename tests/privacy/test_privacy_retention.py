"""Retention: ended cases older than ``settings.privacy.retention_days`` past closure lose what
people wrote; residents with no case left in the period lose their phone; figures do not move."""

from __future__ import annotations

import asyncio
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
import typer
from flow_helpers import get_case, register, report
from pydantic import ValidationError
from typer.testing import CliRunner

from bot.privacy_cli import register as register_privacy_cli
from handlers import figures
from handlers.privacy import PLACEHOLDER, RetentionResult, apply_retention, retention
from handlers.testing import ChatHarness
from storage import migrate
from storage import models as m
from storage.db import make_engine, make_session_factory
from storage.roster import import_roster, load_roster, sample_roster_path
from storage.roster_schema import DistrictSettings
from storage.uow import UnitOfWorkFactory

W = "staff:room-mage-1"


async def _set_days(uow_factory: UnitOfWorkFactory, days: int) -> None:
    async with uow_factory() as uow:
        district = await uow.roster.district()
        district.settings = {**(district.settings or {}), "privacy": {"retention_days": days}}
        await uow.commit()


async def _close(chat: ChatHarness, number: str) -> None:
    await chat.say(W, f"/case {number}")
    await chat.press(W, "签收")
    await chat.press(W, "结案")
    await chat.press(W, "调解成功")
    await chat.say(W, "双方达成协议")


async def _history(chat: ChatHarness) -> tuple[str, str]:
    """alice: a wage case closed now, with an added note; bob: a leak case still open;
    carol: registered with a phone, never reported."""
    await register(chat, "alice", phone="13800138000")
    closed = await report(chat, "alice", "老板拖欠我三个月工资")
    await chat.say("alice", "他还欠我加班费")
    await chat.press("alice", 1)  # add to the open case
    await _close(chat, closed)
    await register(chat, "bob", phone="13900139000")
    open_ = await report(chat, "bob", "楼上漏水")
    await register(chat, "carol", phone="13700137000")
    return closed, open_


async def _figures(uow_factory: UnitOfWorkFactory, now: datetime) -> figures.Figures:
    period = figures.Period(date(2026, 1, 1), date(2028, 12, 31), ZoneInfo("Asia/Shanghai"))
    async with uow_factory() as uow:
        return figures.compute(await figures.load_facts(uow, period), period, now)


async def _phones(uow_factory: UnitOfWorkFactory) -> dict[str, str | None]:
    async with uow_factory() as uow:
        return {name: (await uow.residents.by_chat("console", name)).phone for name in ("alice", "bob", "carol")}


async def test_retention_anonymises_ended_cases_past_the_period(
    chat: ChatHarness, uow_factory: UnitOfWorkFactory
) -> None:
    closed, open_ = await _history(chat)
    later = chat.clock() + timedelta(days=366)
    before = await _figures(uow_factory, later)

    assert await retention(uow_factory, chat.clock() + timedelta(days=100)) == RetentionResult(365, 0, 0)
    dry = await retention(uow_factory, later, dry_run=True)
    assert dry == RetentionResult(365, 1, 2)  # alice's case; alice's and carol's phones
    assert (await get_case(uow_factory, closed)).text == "老板拖欠我三个月工资"

    assert await apply_retention(uow_factory, later) == 1
    case = await get_case(uow_factory, closed)
    assert case.text == PLACEHOLDER and (case.state, case.outcome) == ("closed", "mediated")
    async with uow_factory() as uow:
        assert all(n.text in (None, PLACEHOLDER) for n in await uow.cases.notes(case.id))
        assert all("加班费" not in (e.note or "") for e in await uow.cases.events(case.id))
        assert all("工资" not in row.text for row in await uow.outbox.of_case(case.id))
    assert (await get_case(uow_factory, open_)).text == "楼上漏水"
    assert await _phones(uow_factory) == {"alice": None, "bob": "13900139000", "carol": None}

    after = await _figures(uow_factory, later)
    assert (after.total, after.closed, after.open, after.resolution, after.by_category) == (
        before.total, before.closed, before.open, before.resolution, before.by_category)
    assert await apply_retention(uow_factory, later) == 0  # idempotent


async def test_retention_zero_keeps_forever_and_a_short_period_applies(
    chat: ChatHarness, uow_factory: UnitOfWorkFactory
) -> None:
    closed, _ = await _history(chat)
    await _set_days(uow_factory, 0)
    assert await retention(uow_factory, chat.clock() + timedelta(days=5000)) == RetentionResult(0, 0, 0)
    assert (await get_case(uow_factory, closed)).text != PLACEHOLDER
    await _set_days(uow_factory, 30)
    assert await apply_retention(uow_factory, chat.clock() + timedelta(days=29)) == 0
    assert await apply_retention(uow_factory, chat.clock() + timedelta(days=31)) == 1
    assert (await get_case(uow_factory, closed)).text == PLACEHOLDER


def test_privacy_settings_default_and_validation() -> None:
    assert DistrictSettings().privacy.retention_days == 365
    assert load_roster(sample_roster_path()).settings.privacy.retention_days == 365  # old rosters stay valid
    assert DistrictSettings.model_validate({"privacy": {"retention_days": 30}}).privacy.retention_days == 30
    with pytest.raises(ValidationError):
        DistrictSettings.model_validate({"privacy": {"retention_days": -1}})
    with pytest.raises(ValidationError):
        DistrictSettings.model_validate({"privacy": {"keep": 1}})


# --------------------------------------------------------------------------- the CLI


async def _cli_database(path: Path) -> None:
    """The sample roster, one resident with a case closed 400 days ago (real time: the CLI's clock)."""
    await asyncio.to_thread(migrate.upgrade, f"sqlite:///{path}")  # as the CLI's own databases are made
    engine = make_engine(f"sqlite:///{path}")
    sessions = make_session_factory(engine)
    await import_roster(sessions, sample_roster_path())
    long_ago = datetime.now(UTC) - timedelta(days=400)
    async with UnitOfWorkFactory(sessions)() as uow:
        resident = m.Resident(channel="console", chat_id="old", phone="13800138000", created_at=long_ago)
        uow.residents.add(resident)
        await uow.flush()
        uow.cases.add(m.Case(number="TY20250101-0001", resident_id=resident.id, district_id="tianya",
                             text="老板拖欠工资", category="labor", urgency="normal", state="settled",
                             outcome="mediated", created_at=long_ago, closed_at=long_ago))
        await uow.commit()
    await engine.dispose()


async def _case_text(path: Path) -> str:
    engine = make_engine(f"sqlite:///{path}")
    async with UnitOfWorkFactory(make_session_factory(engine))() as uow:
        text = (await uow.cases.by_number("TY20250101-0001")).text
    await engine.dispose()
    return text


def test_cli_privacy_retain(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "cli.db"
    asyncio.run(_cli_database(path))
    monkeypatch.setenv("LINLI_DATABASE_URL", f"sqlite:///{path}")
    monkeypatch.setenv("LINLI_CONFIG", str(tmp_path / "none.toml"))
    app = typer.Typer()
    app.command("noop")(lambda: None)  # a second command, so that ``privacy`` stays a group
    register_privacy_cli(app)
    runner = CliRunner()

    dry = runner.invoke(app, ["privacy", "retain", "--dry-run"])
    assert dry.exit_code == 0, dry.output
    assert "将匿名化 1 件" in dry.output and "清除 1 位" in dry.output
    assert asyncio.run(_case_text(path)) == "老板拖欠工资"

    done = runner.invoke(app, ["privacy", "retain"])
    assert done.exit_code == 0, done.output
    assert "已匿名化 1 件" in done.output
    assert asyncio.run(_case_text(path)) == PLACEHOLDER
    assert "已匿名化 0 件" in runner.invoke(app, ["privacy", "retain"]).output


def test_cli_privacy_retain_on_a_fresh_database(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Like every command, it creates the database and imports the roster itself."""
    monkeypatch.setenv("LINLI_DATABASE_URL", f"sqlite:///{tmp_path / 'fresh.db'}")
    monkeypatch.setenv("LINLI_CONFIG", str(tmp_path / "none.toml"))
    app = typer.Typer()
    app.command("noop")(lambda: None)
    register_privacy_cli(app)
    result = CliRunner().invoke(app, ["privacy", "retain"])
    assert result.exit_code == 0, result.output
    assert "已匿名化 0 件" in result.output or "永久保留" in result.output, result.output
