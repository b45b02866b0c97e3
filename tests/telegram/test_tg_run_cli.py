"""``linli run``: the token check, and a real start from a fresh database against the fake API."""

from __future__ import annotations

import asyncio
import os
import signal
import sys
from pathlib import Path

import typer
from fakebotapi import FakeBotAPI
from typer.testing import CliRunner

from bot.run_cli import register


def _app() -> typer.Typer:
    app = typer.Typer()
    app.command()(lambda: None)  # a second command keeps "run" a sub-command
    register(app)
    return app


def test_missing_token_names_the_variable(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.delenv("LINLI_TELEGRAM_TOKEN", raising=False)
    monkeypatch.setenv("LINLI_DATABASE_URL", f"sqlite:///{tmp_path / 'x.db'}")
    monkeypatch.setenv("LINLI_CONFIG", str(tmp_path / "none.toml"))
    result = CliRunner().invoke(_app(), ["run", "--channel", "telegram"])
    assert result.exit_code == 2
    assert "LINLI_TELEGRAM_TOKEN" in result.output and "未设置" in result.output


async def test_linli_run_starts_fresh_and_stops_on_sigterm(tmp_path: Path) -> None:
    async with FakeBotAPI(limits=None) as server:
        env = {**os.environ, "LINLI_TELEGRAM_TOKEN": server.token, "LINLI_TELEGRAM_API_BASE": server.base_url,
               "LINLI_DATABASE_URL": f"sqlite:///{tmp_path / 'fresh.db'}", "LINLI_CONFIG": str(tmp_path / "no.toml")}
        code = "import typer, bot.run_cli as r; a = typer.Typer(); a.command()(lambda: None); r.register(a); a()"
        proc = await asyncio.create_subprocess_exec(
            sys.executable, "-c", code, "run", "--channel", "telegram", "--framework", "aiogram",
            env=env, stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.STDOUT)
        user = server.user("alice")
        await server.wait_for(lambda: server.polling > 0, 60)  # up: its first long poll is waiting
        user.send("你好")
        await user.wait_message(lambda m: bool(m.labels), timeout=30)
        proc.send_signal(signal.SIGTERM)
        out, _ = await asyncio.wait_for(proc.communicate(), 30)
        assert proc.returncode == 0, out.decode()
        assert "已停止" in out.decode()
