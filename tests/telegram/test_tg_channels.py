"""Channel mapping against the fake Bot API with a stand-in core: both frameworks, both modes."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from tgstack import WEBHOOK_SECRET, EchoCore, Stack, fake_server, open_stack

from handlers.messages import Outgoing

MATRIX = [("ptb", "polling"), ("ptb", "webhook"), ("aiogram", "polling"), ("aiogram", "webhook")]


@pytest.fixture(params=MATRIX, ids=lambda p: f"{p[0]}-{p[1]}")
async def echo(request: pytest.FixtureRequest, tmp_path: Path):  # type: ignore[no-untyped-def]
    framework, mode = request.param
    async with fake_server() as server:
        stack = await open_stack(tmp_path, framework, mode, server, core_kind="echo")
        try:
            yield stack
        finally:
            await stack.close()


async def test_text_buttons_and_callback_answered(echo: Stack) -> None:
    alice = echo.server.user("alice")
    alice.send("你好")
    reply = await alice.wait_message("echo 你好")
    assert reply.buttons == [("OK", "echo:ok")]
    query_id = alice.press("OK")
    await alice.wait_message("pressed echo:ok")
    assert query_id in echo.server.answered
    # answered before the reply was sent: the answer call comes first in the log
    methods = [c.method for c in echo.server.calls if c.method in ("answerCallbackQuery", "sendMessage")]
    assert methods.index("answerCallbackQuery") < len(methods) - 1


async def test_commands_contact_location_photo(echo: Stack) -> None:
    bob = echo.server.user("bob", language_code="en")
    bob.send("/start ABCDEF1234")
    await bob.wait_message("echo /start ABCDEF1234")
    bob.send("/phone")
    asked = await bob.wait_message("share please")
    assert asked.requests == ["contact", "location"]
    bob.share_contact("+8613800138000")
    await bob.wait_message("phone +8613800138000")
    bob.share_location(18.25, 109.5)
    await bob.wait_message("at 18.25,109.5")
    bob.send_photo("PHOTO-XL", caption="墙上裂缝")
    await bob.wait_message("photo PHOTO-XL")
    assert isinstance(echo.core, EchoCore)
    incoming = echo.core.seen[-1]
    assert incoming.text == "墙上裂缝" and incoming.locale == "en" and incoming.channel == "telegram"
    assert incoming.chat_id == str(bob.chat_id) and incoming.user_id == str(bob.id)


async def test_edit_and_document(echo: Stack, tmp_path: Path) -> None:
    carol = echo.server.user("carol")
    assert echo.runtime is not None
    first = await echo.runtime.reply(Outgoing(str(carol.chat_id), "案件已登记"))
    assert first is not None
    same = await echo.runtime.reply(Outgoing(str(carol.chat_id), "案件已签收", edit_of=first))
    assert same == first
    message = echo.server.messages[(carol.chat_id, int(first))]
    assert message.text == "案件已签收" and message.edits == 1
    report = tmp_path / "weekly.txt"
    report.write_text("report")
    doc_id = await echo.runtime.reply(Outgoing(str(carol.chat_id), "周报", document=str(report)))
    assert echo.server.messages[(carol.chat_id, int(doc_id or 0))].kind == "document"


async def test_order_within_a_chat_is_kept(echo: Stack) -> None:
    dave = echo.server.user("dave")
    for n in range(6):
        dave.send(f"m{n}")
    await echo.server.wait_for(lambda: len(dave.messages) >= 6)
    assert isinstance(echo.core, EchoCore)
    assert [i.text for i in echo.core.seen] == [f"m{n}" for n in range(6)]
    assert echo.server.limit_429s == 0


async def test_webhook_secret_and_healthz(tmp_path: Path) -> None:
    import aiohttp

    async with fake_server() as server:
        stack = await open_stack(tmp_path, "aiogram", "webhook", server, core_kind="echo")
        try:
            update = {"update_id": 1, "message": {"message_id": 1, "date": 0, "chat": {"id": 5, "type": "private"},
                                                  "from": {"id": 5, "is_bot": False, "first_name": "x"}, "text": "hi"}}
            assert await server.post_to_webhook(update, None) == 403
            assert await server.post_to_webhook(update, "wrong") == 403
            assert await server.post_to_webhook(update, WEBHOOK_SECRET) == 200
            url = server.webhook["url"].rsplit("/tg/hook", 1)[0]  # type: ignore[index]
            async with aiohttp.ClientSession() as http, http.get(url + "/healthz") as response:
                assert response.status == 200
        finally:
            await stack.close()


async def test_webhook_answers_by_how_handling_ended() -> None:
    """200 once handled; 500 when handling raised (Telegram resends); 200 for what cannot be parsed
    (a resend would fail alike); nothing at all while the update is still being handled."""
    import asyncio

    from aiohttp.test_utils import TestClient, TestServer

    from bot.channels.base import WebhookConfig
    from bot.channels.webhook import SECRET_HEADER, WebhookServer

    handled: list[int] = []
    started, gate = asyncio.Event(), asyncio.Event()

    def parse(data: dict[str, Any]) -> int:
        if "message" not in data:
            raise ValueError("not a message")
        return int(data["update_id"])

    async def handle(update_id: int) -> None:
        if update_id == 2:
            raise RuntimeError("database gone")
        if update_id == 3:
            started.set()
            await gate.wait()
        handled.append(update_id)

    server = WebhookServer(WebhookConfig(url="https://bot.example/tg/hook", secret="s"), parse, handle)
    client = TestClient(TestServer(server.make_app()))
    await client.start_server()
    ok = {SECRET_HEADER: "s"}
    try:
        assert (await client.post("/tg/hook", json={"update_id": 1, "message": {}}, headers=ok)).status == 200
        assert (await client.post("/tg/hook", json={"update_id": 2, "message": {}}, headers=ok)).status == 500
        assert (await client.post("/tg/hook", json={"update_id": 9, "poll": {}}, headers=ok)).status == 200
        slow = asyncio.ensure_future(client.post("/tg/hook", json={"update_id": 3, "message": {}}, headers=ok))
        await asyncio.wait_for(started.wait(), 5)
        assert not slow.done()  # handling in progress: no answer yet
        gate.set()
        assert (await slow).status == 200
        assert handled == [1, 3]
    finally:
        await client.close()


@pytest.mark.parametrize("framework", ["ptb", "aiogram"])
async def test_webhook_drops_an_update_it_cannot_read(tmp_path: Path, framework: str) -> None:
    """Answered 200 and dropped (a resend would fail alike), never 500 for Telegram to resend forever."""
    async with fake_server() as server:
        stack = await open_stack(tmp_path, framework, "webhook", server, core_kind="echo")
        try:
            chatless = {"update_id": 7, "message": {"message_id": 1, "date": 0, "text": "hi",
                                                    "from": {"id": 5, "is_bot": False, "first_name": "x"}}}
            assert await server.post_to_webhook(chatless, WEBHOOK_SECRET) == 200
            assert isinstance(stack.core, EchoCore) and stack.core.seen == []
            erin = server.user("erin")
            erin.send("still here")
            await erin.wait_message("echo still here")
        finally:
            await stack.close()


@pytest.mark.parametrize("framework", ["ptb", "aiogram"])
async def test_send_maps_the_bot_apis_errors_alike(tmp_path: Path, framework: str) -> None:
    """Both channels read a failed sendMessage the same way: a flood limit or a 5xx may be tried
    again (with Telegram's wait, if any), a moved group names its new id, a refusal is final."""
    from handlers.messages import Button
    from handlers.outbox import ChatMovedError, PermanentSendError, TemporarySendError

    async with fake_server() as server:
        stack = await open_stack(tmp_path, framework, "polling", server, core_kind="echo")
        try:
            assert stack.runtime is not None
            channel = stack.runtime.channel
            chat = server.user("frank").chat_id
            message = Outgoing(str(chat), "你好", buttons=((Button("OK", "ok"),),))
            server.fail_next(1, status=429, retry_after=3)
            with pytest.raises(TemporarySendError) as flood:
                await channel.send(message)
            assert flood.value.retry_after == 3.0
            server.fail_next(1, status=502)
            with pytest.raises(TemporarySendError) as gateway:
                await channel.send(message)
            assert gateway.value.retry_after is None
            server.fail_next(1, status=403)
            with pytest.raises(PermanentSendError):
                await channel.send(message)
            server.migrate_chat(-500, -1000500)
            with pytest.raises(ChatMovedError) as moved:
                await channel.send(Outgoing("-500", "hello group"))
            assert moved.value.new_chat_id == "-1000500"
            native_id = await channel.send(message)
            assert native_id is not None
            assert [(m.text, m.labels) for m in server.chats[chat]] == [("你好", ["OK"])]
            assert str(server.chats[chat][0].message_id) == native_id
        finally:
            await stack.close()
