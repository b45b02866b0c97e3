"""``linli run --channel web``: a real process from a fresh database serves the page and the API."""

from __future__ import annotations

import asyncio
import os
import signal
import socket
import sys
from pathlib import Path

import aiohttp
from typer.testing import CliRunner

from bot.cli import app


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def test_bad_listen_address_is_named(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("LINLI_DATABASE_URL", f"sqlite:///{tmp_path / 'x.db'}")
    monkeypatch.setenv("LINLI_CONFIG", str(tmp_path / "none.toml"))
    result = CliRunner().invoke(app, ["run", "--channel", "web", "--listen", "nowhere"])
    assert result.exit_code == 2 and "nowhere" in result.output


async def test_linli_run_web_serves_a_chat_and_stops_on_sigterm(tmp_path: Path) -> None:
    port = _free_port()
    env = {**os.environ, "LINLI_DATABASE_URL": f"sqlite:///{tmp_path / 'fresh.db'}",
           "LINLI_CONFIG": str(tmp_path / "no.toml"), "LINLI_WEB_PHOTO_DIR": str(tmp_path / "photos"),
           "PYTHONPATH": str(Path(__file__).resolve().parents[2])}  # this checkout, from any directory
    proc = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "bot.cli", "run", "--channel", "web", "--listen", f"127.0.0.1:{port}",
        env=env, cwd=tmp_path, stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.STDOUT)
    try:
        assert proc.stdout is not None
        line = await asyncio.wait_for(proc.stdout.readline(), 120)
        assert f"127.0.0.1:{port}" in line.decode()
        base = f"http://127.0.0.1:{port}"
        async with aiohttp.ClientSession() as http:
            async with http.get(base + "/") as page:
                assert page.status == 200 and "/static/app.js" in await page.text()
            async with http.post(base + "/api/session", json={"bearer": True, "start": "c-nanhai"}) as opened:
                token = (await opened.json())["token"]
            auth = {"Authorization": f"Bearer {token}"}
            async with http.get(base + "/api/messages", headers=auth) as got:
                texts = [m["text"] for m in (await got.json())["messages"]]
            assert any("楼栋" in t for t in texts)
    finally:
        proc.send_signal(signal.SIGTERM)
        out, _ = await asyncio.wait_for(proc.communicate(), 30)
    assert proc.returncode == 0, out.decode()
    assert "已停止" in out.decode()
