"""The operator's commands, run as a new user would: version, help, db, roster import and show."""

from __future__ import annotations

import asyncio
import socket
import threading
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
        assert line.split(command, 1)[1].strip(" │"), f"{command} has no one-line description"


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


def test_every_command_creates_the_database_itself(env: Path) -> None:
    """One rule: no command asks for ``linli db upgrade`` first."""
    result = runner.invoke(app, ["roster", "import", str(sample_roster_path())])
    assert result.exit_code == 0 and "新增" in result.output, result.output
    (env / "cli.db").unlink()
    shown = runner.invoke(app, ["roster", "show"])
    assert shown.exit_code == 0 and "马哥调解室" in shown.output
    for command in (["privacy", "retain", "--dry-run"], ["report"], ["staff", "invite", "room-mage-1"],
                    ["seed-demo-data", "--cases", "3"]):
        (env / "cli.db").unlink()
        result = runner.invoke(app, command)
        assert result.exit_code == 0 and "db upgrade" not in result.output, (command, result.output)


def test_roster_check_speaks_the_chosen_language(env: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    result = runner.invoke(app, ["roster", "import", "--check", str(sample_roster_path())])
    assert result.exit_code == 0 and "名册校验通过" in result.output
    assert not (env / "cli.db").exists()
    monkeypatch.setenv("LINLI_LOCALE", "en")
    result = runner.invoke(app, ["roster", "import", "--check", str(sample_roster_path())])
    assert result.exit_code == 0 and "The roster is valid" in result.output


def test_invite_without_a_token_gives_the_code_and_no_made_up_link(env: Path) -> None:
    result = runner.invoke(app, ["staff", "invite", "room-mage-1"])
    assert result.exit_code == 0, result.output
    assert "t.me/" not in result.output and "/start " in result.output and "--bot" in result.output
    result = runner.invoke(app, ["staff", "invite", "room-mage-1", "--bot", "tianya_linli_bot"])
    assert "https://t.me/tianya_linli_bot?start=" in result.output


def test_invite_asks_telegram_for_the_username(env: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from aiohttp import web

    async def get_me(request: web.Request) -> web.Response:
        assert request.match_info["token"] == "123:abc"
        return web.json_response({"ok": True, "result": {"id": 1, "is_bot": True, "username": "tianya_bot"}})

    listening = socket.socket()
    listening.bind(("127.0.0.1", 0))
    port = listening.getsockname()[1]

    async def serve() -> web.AppRunner:
        server = web.Application()
        server.router.add_get("/bot{token}/getMe", get_me)
        runner_ = web.AppRunner(server)
        await runner_.setup()
        await web.SockSite(runner_, listening).start()
        return runner_

    loop = asyncio.new_event_loop()
    web_runner = loop.run_until_complete(serve())
    thread = threading.Thread(target=loop.run_forever, daemon=True)
    thread.start()
    try:
        monkeypatch.setenv("LINLI_TELEGRAM_TOKEN", "123:abc")
        monkeypatch.setenv("LINLI_TELEGRAM_API_BASE", f"http://127.0.0.1:{port}")
        result = runner.invoke(app, ["staff", "invite", "room-mage-1"])
    finally:
        asyncio.run_coroutine_threadsafe(web_runner.cleanup(), loop).result(5)
        loop.call_soon_threadsafe(loop.stop)
        thread.join(5)
    assert result.exit_code == 0, result.output
    assert "https://t.me/tianya_bot?start=" in result.output


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
