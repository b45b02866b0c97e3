"""``linli chat`` on the database of a running Telegram bot leaves the bot's staff and notices alone."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime
from pathlib import Path

import pytest
from typer.testing import CliRunner

from bot.app import build_app, prepare_database
from bot.cli import app
from bot.settings import Settings
from handlers.outbox import new_row
from storage import models as m

runner = CliRunner()
TG_CHAT = "4242"
NOW = datetime(2026, 12, 1, 1, 0, tzinfo=UTC)


async def _bot_database(url: str) -> int:
    """What a Telegram bot leaves behind: a mediator bound on Telegram, a notice waiting for them."""
    application = build_app(Settings(database_url=url))
    try:
        await prepare_database(application)
        async with application.uow_factory() as uow:
            member = await uow.roster.staff("room-mage-1")
            assert member is not None
            await uow.roster.bind_staff(member, "telegram", TG_CHAT, NOW)
            row = new_row("telegram", TG_CHAT, "新案件 TY-test", NOW)
            uow.outbox.add(row)
            await uow.commit()
            return row.id
    finally:
        await application.close()


async def _state(url: str, row_id: int) -> tuple[tuple[str | None, str | None], list[tuple[str, str]], tuple]:
    application = build_app(Settings(database_url=url))
    try:
        async with application.uow_factory() as uow:
            member = await uow.roster.staff("room-mage-1")
            assert member is not None
            bindings = [(b.channel, b.chat_id) for b in await uow.roster.bindings(member.id)]
            row = await uow.session.get(m.Outbox, row_id)
            assert row is not None
            return (member.channel, member.chat_id), bindings, (row.state, row.attempts, row.sent_at)
    finally:
        await application.close()


async def _chat(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, url: str, script: str):  # type: ignore[no-untyped-def]
    """``linli chat --script``, in a thread: the command runs its own event loop."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("LINLI_DATABASE_URL", url)
    path = tmp_path / "s.txt"
    path.write_text(script, encoding="utf-8")
    return await asyncio.to_thread(runner.invoke, app, ["chat", "--script", str(path)])


WAGE_CASE = "@alice 你好\n@alice [回新社区]\n@alice [5栋]\n@alice 📞13800138000\n" \
            "@alice 老板拖欠我三个月工资，一共一万二，一直不给\n@alice [确认提交]\n"


async def test_console_leaves_a_telegram_bots_staff_and_notices_alone(
        db_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    row_id = await _bot_database(db_url)
    before = await _state(db_url, row_id)

    result = await _chat(tmp_path, monkeypatch, db_url, WAGE_CASE)
    assert result.exit_code == 0, result.output
    assert "→ alice: " in result.output  # the console works: the resident is answered
    assert "→ staff:room-mage-1" not in result.output  # the mediator's notice is not the console's

    played = await _chat(tmp_path, monkeypatch, db_url, "@staff:room-mage-1 /help\n")
    assert played.exit_code == 1
    assert "telegram" in played.output and "room-mage-1" in played.output  # refused, politely, saying why

    moved = await _chat(tmp_path, monkeypatch, db_url, "~ 25h\n")
    assert moved.exit_code == 1 and "~" in moved.output

    after = await _state(db_url, row_id)
    assert after == before
    assert after[0] == ("telegram", TG_CHAT) and after[1] == [("telegram", TG_CHAT)]
    assert after[2] == ("pending", 0, None)


async def test_console_plays_staff_bound_nowhere_else_on_a_bots_database(
        db_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    await _bot_database(db_url)
    result = await _chat(tmp_path, monkeypatch, db_url, "@staff:huixin-head /help\n")
    assert result.exit_code == 0, result.output
    assert "→ staff:huixin-head: " in result.output


async def test_a_database_the_console_made_is_a_sandbox(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    url = f"sqlite:///{tmp_path / 'sandbox.db'}"
    first = await _chat(tmp_path, monkeypatch, url, WAGE_CASE)
    assert first.exit_code == 0, first.output
    assert "→ staff:room-mage-1" in first.output  # every staff member is played at once
    again = await _chat(tmp_path, monkeypatch, url, "@staff:room-mage-1 /help\n~ 25h\n")
    assert again.exit_code == 0, again.output
