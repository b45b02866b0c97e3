"""``AiohttpRequest`` under ptb's own ``Bot``: forms and uploads arrive as ptb sends them, and
refused connections and stalled answers become ptb's ``NetworkError`` and ``TimedOut``."""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator
from typing import Any

import pytest
from aiohttp import web
from telegram import Bot
from telegram.error import NetworkError, TimedOut
from tgstack import free_port

from bot.channels.ptb_request import AiohttpRequest

TOKEN = "123:abc"
ME = {"id": 123, "is_bot": True, "first_name": "linli", "username": "linli_bot"}


class Server:
    """A minimal Bot API: records each call's fields; ``stall`` holds answers until released."""

    def __init__(self) -> None:
        self.calls: list[tuple[str, dict[str, Any]]] = []
        self.stall = False
        self.release = asyncio.Event()
        self.in_flight = 0
        self.most_in_flight = 0

    async def handle(self, request: web.Request) -> web.Response:
        method = request.match_info["method"]
        fields: dict[str, Any] = {}
        if request.content_type == "multipart/form-data":
            reader = await request.multipart()
            async for part in reader:
                data = await part.read()  # type: ignore[union-attr]
                fields[part.name or ""] = (part.filename, bytes(data)) if part.filename else data.decode()  # type: ignore[union-attr]
        else:
            fields = dict(await request.post())
        self.calls.append((method, fields))
        self.in_flight += 1
        self.most_in_flight = max(self.most_in_flight, self.in_flight)
        try:
            if self.stall:
                await self.release.wait()
            for _ in range(3):  # let other requests in, if the pool allowed them
                await asyncio.sleep(0)
        finally:
            self.in_flight -= 1
        result: Any = ME if method == "getMe" else True
        if method == "sendPhoto":
            result = {"message_id": 7, "date": 0, "chat": {"id": 5, "type": "private"}, "photo": []}
        return web.json_response({"ok": True, "result": result})


@pytest.fixture
async def server() -> AsyncIterator[tuple[Server, str]]:
    state = Server()
    app = web.Application()
    app.router.add_post(f"/bot{TOKEN}/{{method}}", state.handle)
    runner = web.AppRunner(app)
    await runner.setup()
    port = free_port()
    await web.TCPSite(runner, "127.0.0.1", port).start()
    try:
        yield state, f"http://127.0.0.1:{port}/bot"
    finally:
        state.release.set()
        await runner.cleanup()


async def test_form_fields_and_answers_reach_ptb(server: tuple[Server, str]) -> None:
    state, base = server
    async with Bot(TOKEN, base_url=base, request=AiohttpRequest(2)) as bot:
        assert bot.username == "linli_bot"  # getMe's answer, read by ptb
        result = await bot.do_api_request("sendMessage", {"chat_id": 5, "text": "你好", "reply_markup": {"a": [1]}})
    assert result is True
    method, fields = state.calls[-1]
    assert method == "sendMessage"
    assert fields["chat_id"] == "5" and fields["text"] == "你好"
    assert json.loads(fields["reply_markup"]) == {"a": [1]}


async def test_files_go_as_multipart(server: tuple[Server, str]) -> None:
    state, base = server
    async with Bot(TOKEN, base_url=base, request=AiohttpRequest(2)) as bot:
        sent = await bot.send_photo(5, photo=b"\x89PNG-bytes", caption="图", filename="map.png")
    assert sent.message_id == 7
    method, fields = state.calls[-1]
    assert method == "sendPhoto"
    assert fields["chat_id"] == "5" and fields["caption"] == "图"
    assert fields["photo"] == ("map.png", b"\x89PNG-bytes")


async def test_connections_are_bounded_by_the_pool_size(server: tuple[Server, str]) -> None:
    state, base = server
    async with Bot(TOKEN, base_url=base, request=AiohttpRequest(2, pool_timeout=10)) as bot:
        await asyncio.gather(*(bot.do_api_request("sendMessage", {"chat_id": 5, "text": str(i)}) for i in range(8)))
    assert len(state.calls) == 9  # getMe and the eight sends
    assert 1 <= state.most_in_flight <= 2


async def test_a_stalled_answer_is_timed_out(server: tuple[Server, str]) -> None:
    state, base = server
    async with Bot(TOKEN, base_url=base, request=AiohttpRequest(2, read_timeout=0.2)) as bot:
        state.stall = True
        with pytest.raises(TimedOut):
            await bot.do_api_request("sendMessage", {"chat_id": 5, "text": "x"})


async def test_a_refused_connection_is_a_network_error() -> None:
    request = AiohttpRequest(2)
    await request.initialize()
    try:
        with pytest.raises(NetworkError) as caught:
            await request.post(f"http://127.0.0.1:{free_port()}/bot{TOKEN}/getMe")
        assert not isinstance(caught.value, TimedOut)
    finally:
        await request.shutdown()


async def test_an_uninitialized_request_refuses_to_send() -> None:
    with pytest.raises(RuntimeError):
        await AiohttpRequest(2).do_request("http://127.0.0.1:1/x", "POST")
    assert AiohttpRequest(2, read_timeout=7.5).read_timeout == 7.5
