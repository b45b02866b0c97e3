"""``linli run --channel telegram --channel web --listen ADDR`` with Telegram in webhook mode: one
process, one port, both channels served by one aiohttp app."""

from __future__ import annotations

import asyncio
import os
import signal
import sys
from pathlib import Path

import aiohttp
import pytest
from fakebotapi import FakeBotAPI
from tgstack import free_port

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize("framework", ["ptb", "aiogram"])
async def test_webhook_and_web_chat_share_one_listen_address(tmp_path: Path, framework: str) -> None:
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    async with FakeBotAPI(limits=None) as server:
        env = {**os.environ, "LINLI_TELEGRAM_TOKEN": server.token, "LINLI_TELEGRAM_API_BASE": server.base_url,
               "LINLI_DATABASE_URL": f"sqlite:///{tmp_path / 'fresh.db'}", "LINLI_CONFIG": str(tmp_path / "no.toml"),
               "LINLI_WEB_PHOTO_DIR": str(tmp_path / "photos"), "PYTHONPATH": str(ROOT)}
        proc = await asyncio.create_subprocess_exec(
            sys.executable, "-m", "bot.cli", "run", "--channel", "telegram", "--channel", "web", "--framework", framework,
            "--webhook", f"{base}/tg/hook", "--listen", f"127.0.0.1:{port}",
            env=env, cwd=tmp_path, stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.STDOUT)
        try:
            assert proc.stdout is not None
            seen: list[str] = []
            async with asyncio.timeout(120):  # the start line names the address once serving
                while not any(f"127.0.0.1:{port}" in s and "httpx" not in s for s in seen):
                    line = (await proc.stdout.readline()).decode()
                    assert line, "".join(seen)  # the process ended before serving
                    seen.append(line)
            assert server.webhook is not None and server.webhook["url"] == f"{base}/tg/hook"
            # Telegram's side: an update POSTed to the webhook on the shared port gets its reply.
            alice = server.user("alice")
            alice.send("你好")
            await alice.wait_message(lambda m: bool(m.labels), timeout=30)
            await server.wait_for(lambda: 200 in server.webhook_statuses, 30)  # answered once handled
            # The web chat's side, on the same port: the page, a session, its greeting.
            async with aiohttp.ClientSession() as http:
                async with http.get(base + "/") as page:
                    assert page.status == 200 and "/static/app.js" in await page.text()
                async with http.get(base + "/healthz") as health:
                    assert health.status == 200
                async with http.post(base + "/api/session", json={"bearer": True, "start": "c-nanhai"}) as opened:
                    assert opened.status == 200
                    token = (await opened.json())["token"]
                async with http.get(base + "/api/messages", headers={"Authorization": f"Bearer {token}"}) as got:
                    texts = [m["text"] for m in (await got.json())["messages"]]
                assert any("楼栋" in t for t in texts)
                # The webhook still refuses a caller without Telegram's secret.
                async with http.post(base + "/tg/hook", json={"update_id": 1}) as forged:
                    assert forged.status == 403
        finally:
            proc.send_signal(signal.SIGTERM)
            out, _ = await asyncio.wait_for(proc.communicate(), 60)
        assert proc.returncode == 0, out.decode()
        assert "已停止" in out.decode()
