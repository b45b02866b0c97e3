"""A web channel on aiohttp's test server, wired to a real Dispatcher (keyword classifier)."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

from aiohttp.test_utils import TestClient, TestServer

from bot.channels.web import WebChannel, WebConfig
from handlers.dispatcher import Dispatcher
from handlers.messages import Incoming
from handlers.outbox import OutboxMessage, drain
from handlers.testing import KeywordClassifier, VirtualClock


class WebStack:
    def __init__(self, uow_factory: Any, clock: VirtualClock, photo_dir: Path, **config: Any) -> None:
        self.uow_factory, self.clock = uow_factory, clock
        self.dispatcher = Dispatcher(uow_factory, KeywordClassifier(), clock, channel_default="web")
        self.channel = WebChannel(self.on_incoming, uow_factory, WebConfig(photo_dir=photo_dir, **config), now=clock)

    async def on_incoming(self, inc: Incoming) -> None:
        for reply in await self.dispatcher.handle(inc):
            await self.channel.send(reply)

    async def deliver(self) -> int:
        """The outbox rows for web chats, sent through the channel (the runtime's job)."""

        async def send(msg: OutboxMessage) -> str | None:
            if msg.channel != "web":
                return "elsewhere"  # staff bound on other channels: not this test's concern
            return await self.channel.send(msg.to_outgoing())

        sent = await drain(self.uow_factory, send, self.clock)
        await self.channel.flush()
        return sent


class Browser:
    """One client with its own cookie jar, sending the page's Origin."""

    def __init__(self, client: TestClient) -> None:
        self.client = client
        self.origin = str(client.make_url("/")).rstrip("/")
        self.last_id = 0

    async def post(self, path: str, body: Any = None, **kw: Any) -> Any:
        headers = {"Origin": self.origin, **kw.pop("headers", {})}
        return await self.client.post(path, json=body if body is not None else {}, headers=headers, **kw)

    async def open(self, **body: Any) -> dict[str, Any]:
        response = await self.post("/api/session", body)
        assert response.status == 200, await response.text()
        return dict(await response.json())

    async def new(self) -> list[dict[str, Any]]:
        """Messages since the last call."""
        response = await self.client.get(f"/api/messages?after={self.last_id}")
        assert response.status == 200, await response.text()
        data = await response.json()
        self.last_id = data["last_id"]
        return list(data["messages"])

    async def bot_says(self) -> list[dict[str, Any]]:
        return [m for m in await self.new() if m["from"] == "bot"]

    async def say(self, text: str) -> list[dict[str, Any]]:
        response = await self.post("/api/send", {"text": text})
        assert response.status == 200, await response.text()
        return await self.bot_says()

    async def press(self, label: str, messages: list[dict[str, Any]]) -> list[dict[str, Any]]:
        payload = next(b["payload"] for m in reversed(messages) for row in m.get("buttons", ()) for b in row
                       if b["label"] == label or label in b["label"])
        response = await self.post("/api/press", {"payload": payload})
        assert response.status == 200, await response.text()
        return await self.bot_says()


@asynccontextmanager
async def web_stack(uow_factory: Any, clock: VirtualClock, photo_dir: Path,
                    **config: Any) -> AsyncIterator[tuple[WebStack, TestClient]]:
    stack = WebStack(uow_factory, clock, photo_dir, **config)
    async with TestClient(TestServer(stack.channel.app)) as client:
        yield stack, client
