"""The webhook refuses requests without the right ``X-Telegram-Bot-Api-Secret-Token``: nothing
reaches the bot from anyone who merely knows the URL."""

from __future__ import annotations

from typing import Any

from aiohttp.test_utils import TestClient, TestServer

from bot.channels.base import WebhookConfig
from bot.channels.webhook import SECRET_HEADER, WebhookServer

UPDATE = {"update_id": 1, "message": {"message_id": 1, "chat": {"id": 5, "type": "private"}, "text": "hi"}}


async def _client(secret: str, accepted: list[dict[str, Any]]) -> TestClient:
    async def handle(update: dict[str, Any]) -> None:
        accepted.append(update)

    server = WebhookServer(WebhookConfig(url="https://bot.example/tg/hook", secret=secret), dict, handle)
    client = TestClient(TestServer(server.make_app()))
    await client.start_server()
    return client


async def test_webhook_refuses_requests_without_the_secret() -> None:
    accepted: list[dict[str, Any]] = []
    client = await _client("s3cret-token", accepted)
    try:
        assert (await client.post("/tg/hook", json=UPDATE)).status == 403
        for wrong in ("", "wrong", "s3cret-toke", "s3cret-token-", "S3CRET-TOKEN"):
            assert (await client.post("/tg/hook", json=UPDATE, headers={SECRET_HEADER: wrong})).status == 403
        assert accepted == []
        assert (await client.post("/tg/hook", json=UPDATE, headers={SECRET_HEADER: "s3cret-token"})).status == 200
        assert accepted == [UPDATE]
        ok = {SECRET_HEADER: "s3cret-token"}
        assert (await client.post("/tg/hook", data=b"\x00not json", headers=ok)).status == 400
        assert (await client.post("/tg/hook", json=[1, 2], headers=ok)).status == 400
        assert len(accepted) == 1
    finally:
        await client.close()


async def test_webhook_with_an_empty_secret_refuses_everything() -> None:
    accepted: list[dict[str, Any]] = []
    client = await _client("", accepted)
    try:
        assert (await client.post("/tg/hook", json=UPDATE)).status == 403
    finally:
        await client.close()
