"""The web chat's JSON API: every endpoint, the resident's path through it, and bad inputs."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
from aiohttp import FormData
from webstack import Browser, web_stack

from handlers.testing import VirtualClock

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
JPEG = b"\xff\xd8\xff\xe0" + b"\x00" * 64


@pytest.fixture
def photos(tmp_path: Path) -> Path:
    return tmp_path / "photos"


async def _register(b: Browser) -> list[dict]:
    await b.open()
    welcome = await b.bot_says()
    asked = await b.press("群众街社区", welcome)
    phone = await b.press("跳过", asked)
    return await b.press("跳过", phone)


async def test_page_is_served_with_csp_and_no_external_resources(uow_factory, clock, photos) -> None:
    async with web_stack(uow_factory, clock, photos) as (_, client):
        page = await client.get("/?lang=en")
        html = await page.text()
        assert page.status == 200
        assert "default-src 'self'" in page.headers["Content-Security-Policy"]
        assert page.headers["X-Frame-Options"] == "DENY"
        assert 'lang="en"' in html and "Type here" in html
        assert "http://" not in html and "https://" not in html  # nothing from a CDN
        for asset in ("/static/app.js", "/static/app.css"):
            response = await client.get(asset)
            assert response.status == 200
            assert "https://" not in await response.text()


async def test_new_session_is_greeted_and_resumed_by_cookie(uow_factory, clock, photos) -> None:
    async with web_stack(uow_factory, clock, photos) as (_, client):
        b = Browser(client)
        response = await b.post("/api/session", {})
        opened = await response.json()
        assert opened["resumed"] is False and "token" not in opened
        set_cookie = response.headers["Set-Cookie"]
        assert "linli_session=" in set_cookie and "HttpOnly" in set_cookie and "SameSite=Lax" in set_cookie
        assert "Secure" not in set_cookie  # plain http here; behind a TLS proxy it is (test below)
        first = await b.bot_says()
        assert "请选择您所在的社区" in first[0]["text"] and first[0]["buttons"]
        again = await b.open()
        assert again["resumed"] is True and again["last_id"] == first[-1]["id"]
        b.last_id = 0
        assert [m["id"] for m in await b.new()] == [m["id"] for m in first]  # no second greeting


async def test_poster_link_preselects_the_community(uow_factory, clock, photos) -> None:
    async with web_stack(uow_factory, clock, photos) as (_, client):
        b = Browser(client)
        await b.open(start="c-qunzhongjie")
        said = await b.bot_says()
        assert "隐私说明" in said[0]["text"]
        assert "楼栋" in said[-1]["text"] and said[-1]["request_location"] is True
        skip = await b.press("跳过", said)
        done = await b.press("跳过", skip)
        assert "群众街社区" in done[-1]["text"]


async def test_report_by_text_and_buttons_gets_a_case_number(uow_factory, clock, photos) -> None:
    async with web_stack(uow_factory, clock, photos) as (stack, client):
        b = Browser(client)
        done = await _register(b)
        assert "登记完成" in done[-1]["text"]
        summary = await b.say("老板拖欠我三个月工资不给")
        confirmed = await b.press("确认提交", summary)
        number = next(re.search(r"TY\d{8}-\d{4}", m["text"]) for m in confirmed if "TY" in m["text"]).group(0)
        async with uow_factory() as uow:
            case = await uow.cases.by_number(number)
            assert case is not None and case.category == "labor"  # the resident's own case, routed


async def test_sessions_are_isolated(uow_factory, clock, photos) -> None:
    async with web_stack(uow_factory, clock, photos) as (stack, client):
        alice = Browser(client)
        await _register(alice)
        summary = await alice.say("老板拖欠我三个月工资不给")
        assert summary[-1]["buttons"]
        payload = summary[-1]["buttons"][0][0]["payload"]
        client.session.cookie_jar.clear()
        mallory = Browser(client)
        await mallory.open()
        mallory.last_id = 0
        mine = await mallory.new()
        assert all("工资" not in m["text"] for m in mine)  # none of alice's bubbles
        refused = await mallory.post("/api/press", {"payload": payload})
        assert refused.status == 409 and (await refused.json())["error"] == "stale_button"
        forged = await mallory.post("/api/press", {"payload": "c:1:withdraw"})
        assert forged.status == 409


async def test_without_session_everything_is_401(uow_factory, clock, photos) -> None:
    async with web_stack(uow_factory, clock, photos) as (_, client):
        for path in ("/api/send", "/api/press", "/api/location", "/api/contact"):
            response = await client.post(path, json={"text": "x", "payload": "x", "latitude": 1, "longitude": 1,
                                                     "phone": "13800000000"})
            assert response.status == 401, path
            assert (await response.json())["error"] == "no_session"
        assert (await client.get("/api/messages")).status == 401
        assert (await client.get("/api/ws")).status == 401
        bad = await client.get("/api/messages", headers={"Authorization": "Bearer not-a-token"})
        assert bad.status == 401


@pytest.mark.parametrize(("body", "status", "error"), [
    ("{not json", 400, "bad_json"),
    ("[1, 2]", 400, "bad_json"),
    ('{"text": 5}', 400, "bad_field"),
    ('{"text": "   "}', 400, "empty"),
    ('{"text": "' + "长" * 2001 + '"}', 413, "too_long"),
    ('{"text": "hi", "client_id": "../../x"}', 400, "bad_field"),
    ('{"text": "' + "x" * 20000 + '"}', 413, "too_large"),
])
async def test_bad_send_bodies_get_a_reason(uow_factory, clock, photos, body: str, status: int, error: str) -> None:
    async with web_stack(uow_factory, clock, photos) as (_, client):
        b = Browser(client)
        await b.open()
        response = await client.post("/api/send", data=body.encode(),
                                     headers={"Content-Type": "application/json", "Origin": b.origin})
        assert response.status == status
        data = await response.json()
        assert data["error"] == error and data["message"]


async def test_wrong_content_type_and_origin_are_refused(uow_factory, clock, photos) -> None:
    async with web_stack(uow_factory, clock, photos) as (_, client):
        b = Browser(client)
        await b.open()
        plain = await client.post("/api/send", data=b"hi", headers={"Content-Type": "text/plain", "Origin": b.origin})
        assert plain.status == 415
        evil = await client.post("/api/send", json={"text": "hi"}, headers={"Origin": "https://evil.example"})
        assert evil.status == 403 and (await evil.json())["error"] == "origin"
        no_origin = await client.post("/api/send", json={"text": "hi"})  # cookie but no Origin: a browser lies
        assert no_origin.status == 403
        english = await client.post("/api/send", json={"text": "hi"},
                                    headers={"Origin": "https://evil.example", "Accept-Language": "en-GB"})
        assert "not allowed" in (await english.json())["message"]


async def test_cookie_is_secure_behind_a_trusted_tls_proxy(uow_factory, clock, photos) -> None:
    async with web_stack(uow_factory, clock, photos, trust_proxy=True) as (_, client):
        origin = str(client.make_url("/")).rstrip("/").replace("http://", "https://")
        response = await client.post("/api/session", json={},
                                     headers={"X-Forwarded-Proto": "https", "Origin": origin})
        assert response.status == 200
        assert "Secure" in response.headers["Set-Cookie"]


async def test_bearer_token_for_apps(uow_factory, clock, photos) -> None:
    async with web_stack(uow_factory, clock, photos) as (_, client):
        response = await client.post("/api/session", json={"bearer": True, "locale": "en"})
        token = (await response.json())["token"]
        client.session.cookie_jar.clear()
        auth = {"Authorization": f"Bearer {token}"}
        history = await client.get("/api/messages", headers=auth)
        messages = (await history.json())["messages"]
        assert "Please choose your community" in messages[0]["text"]
        sent = await client.post("/api/send", json={"text": "/help"}, headers=auth)
        assert sent.status == 200


async def test_per_session_rate_limit_answers_429(uow_factory, clock, photos) -> None:
    async with web_stack(uow_factory, clock, photos, messages_per_minute=3) as (_, client):
        b = Browser(client)
        await b.open()
        statuses = [(await b.post("/api/send", {"text": "/help"})).status for _ in range(4)]
        assert statuses == [200, 200, 200, 429]
        limited = await b.post("/api/send", {"text": "/help"})
        assert int(limited.headers["Retry-After"]) >= 1
        assert "太快" in (await limited.json())["message"]


async def test_per_ip_limits_on_requests_and_new_sessions(uow_factory, clock, photos) -> None:
    async with web_stack(uow_factory, clock, photos, requests_per_ip_per_minute=5,
                         sessions_per_ip_per_hour=1) as (_, client):
        b = Browser(client)
        await b.open()
        client.session.cookie_jar.clear()
        second = await b.post("/api/session", {})
        assert second.status == 429 and (await second.json())["error"] == "rate_ip"
        codes = [(await client.get("/api/messages")).status for _ in range(4)]
        assert codes[-1] == 429


async def test_location_matches_the_micro_grid(uow_factory, clock, photos) -> None:
    async with web_stack(uow_factory, clock, photos) as (_, client):
        b = Browser(client)
        await b.open()
        await b.new()
        response = await b.post("/api/location", {"latitude": 18.246, "longitude": 109.512})
        assert response.status == 200
        said = await b.new()
        assert said[0]["from"] == "me" and said[0]["location"] == {"latitude": 18.246, "longitude": 109.512}
        assert any("网格" in m["text"] for m in said if m["from"] == "bot")
        for bad in ({"latitude": 91, "longitude": 0}, {"latitude": "18", "longitude": 109}, {"latitude": True,
                                                                                               "longitude": 1}):
            refused = await b.post("/api/location", bad)
            assert refused.status == 400 and (await refused.json())["error"] == "bad_location"


async def test_contact_saves_the_phone_and_bad_phones_are_refused(uow_factory, clock, photos) -> None:
    async with web_stack(uow_factory, clock, photos) as (_, client):
        b = Browser(client)
        await b.open()
        said = await b.press("群众街社区", await b.bot_says())
        await b.press("跳过", said)
        ok = await b.post("/api/contact", {"phone": "13800001111"})
        assert ok.status == 200
        assert any("登记完成" in m["text"] for m in await b.bot_says())
        bad = await b.post("/api/contact", {"phone": "<script>"})
        assert bad.status == 400


async def test_photo_upload_checked_stored_and_private(uow_factory, clock, photos) -> None:
    async with web_stack(uow_factory, clock, photos, max_photo_bytes=1000) as (_, client):
        b = Browser(client)
        await _register(b)

        def form(data: bytes, kind: str) -> FormData:
            f = FormData()
            f.add_field("photo", io.BytesIO(data), filename="p", content_type=kind)
            f.add_field("caption", "漏水的照片")
            return f

        ok = await client.post("/api/photo", data=form(PNG, "image/png"), headers={"Origin": b.origin})
        assert ok.status == 200, await ok.text()
        mine = [m for m in await b.new() if m["from"] == "me"][-1]
        assert mine["text"] == "漏水的照片" and mine["photo"].startswith("/api/photo/")
        assert len(list(photos.iterdir())) == 1
        got = await client.get(mine["photo"])
        assert got.status == 200 and await got.read() == PNG
        fake = await client.post("/api/photo", data=form(b"GIF89a" + b"\x00" * 10, "image/png"),
                                 headers={"Origin": b.origin})
        assert fake.status == 415 and (await fake.json())["error"] == "photo_type"
        gif = await client.post("/api/photo", data=form(b"GIF89a", "image/gif"), headers={"Origin": b.origin})
        assert gif.status == 415
        big = await client.post("/api/photo", data=form(JPEG + b"\x00" * 2000, "image/jpeg"),
                                headers={"Origin": b.origin})
        assert big.status == 413
        not_multipart = await b.post("/api/photo", {"photo": "x"})
        assert not_multipart.status == 415
        client.session.cookie_jar.clear()
        other = Browser(client)
        await other.open()
        assert (await client.get(mine["photo"])).status == 404  # not that session's photo
        assert (await client.get("/api/photo/..%2F..%2Fetc%2Fpasswd")).status == 404


async def test_long_poll_waits_for_the_next_message(uow_factory, clock, photos) -> None:
    import asyncio

    async with web_stack(uow_factory, clock, photos) as (_, client):
        b = Browser(client)
        await b.open()
        last = (await b.open())["last_id"]
        waiting = asyncio.create_task(client.get(f"/api/messages?after={last}&wait=10"))
        await asyncio.sleep(0)
        await b.post("/api/send", {"text": "/help"})
        data = await (await waiting).json()
        assert data["messages"] and all(m["id"] > last for m in data["messages"])
        bad = await client.get("/api/messages?after=-1")
        assert bad.status == 400


async def test_websocket_replays_after_id_then_pushes_each_message_once(uow_factory, clock, photos) -> None:
    async with web_stack(uow_factory, clock, photos) as (_, client):
        b = Browser(client)
        await b.open()
        first = (await b.open())["last_id"]
        ws = await client.ws_connect(f"/api/ws?after={first - 1}", headers={"Origin": b.origin})
        replay = await ws.receive_json(timeout=5)
        assert replay["message"]["id"] == first
        await b.post("/api/send", {"text": "/help"})
        ids = []
        for _ in range(2):  # the resident's bubble, then the bot's answer
            ids.append((await ws.receive_json(timeout=5))["message"]["id"])
        assert ids == sorted(set(ids)) and ids[0] > first
        await ws.close()


async def test_websocket_refused_from_other_origin_and_over_the_socket_limit(uow_factory, clock, photos) -> None:
    from aiohttp import WSServerHandshakeError

    async with web_stack(uow_factory, clock, photos, sockets_per_session=1) as (_, client):
        b = Browser(client)
        await b.open()
        with pytest.raises(WSServerHandshakeError) as refused:
            await client.ws_connect("/api/ws", headers={"Origin": "https://evil.example"})
        assert refused.value.status == 403
        ws = await client.ws_connect("/api/ws", headers={"Origin": b.origin})
        with pytest.raises(WSServerHandshakeError) as over:
            await client.ws_connect("/api/ws", headers={"Origin": b.origin})
        assert over.value.status == 429
        await ws.close()


async def test_html_in_texts_is_data_not_markup(uow_factory, clock, photos) -> None:
    async with web_stack(uow_factory, clock, photos) as (_, client):
        b = Browser(client)
        await b.open()
        await b.post("/api/send", {"text": "<img src=x onerror=alert(1)>"})
        mine = [m for m in await b.new() if m["from"] == "me"]
        assert mine[-1]["text"] == "<img src=x onerror=alert(1)>"  # the page sets textContent
        page = await (await client.get("/", headers={"Accept-Language": "en"})).text()
        assert "<img src=x" not in page
        js = await (await client.get("/static/app.js")).text()
        assert "innerHTML" not in js


async def test_forget_erases_the_web_history(uow_factory, clock: VirtualClock, photos) -> None:
    async with web_stack(uow_factory, clock, photos) as (_, client):
        b = Browser(client)
        await _register(b)
        await b.say("老板拖欠我三个月工资不给")
        asked = await b.say("/forget")
        await b.press("确认", asked)
        b.last_id = 0
        left = await b.new()
        assert all("工资" not in m["text"] for m in left)
        assert len(left) <= 2  # only the erasure's own answer (and the confirming press)


async def test_staff_enrol_by_invite_code_in_the_web_chat(uow_factory, clock, photos) -> None:
    async with web_stack(uow_factory, clock, photos) as (stack, client):
        code = await stack.dispatcher.invite("qunzhongjie-gw1")
        b = Browser(client)
        await b.open()
        said = await b.say(f"/start {code}")
        assert any("陈春梅" in m["text"] for m in said)
        async with uow_factory() as uow:
            member = await uow.roster.staff("qunzhongjie-gw1")
            assert member.channel == "web"


async def test_healthz(uow_factory, clock, photos) -> None:
    async with web_stack(uow_factory, clock, photos) as (_, client):
        assert (await (await client.get("/healthz")).json()) == {"ok": True}


async def test_expired_sessions_and_their_history_are_deleted(uow_factory, clock: VirtualClock, photos) -> None:
    from datetime import timedelta

    async with web_stack(uow_factory, clock, photos, session_days=1, port=0) as (stack, client):
        b = Browser(client)
        await b.open()
        assert await b.new()
        clock.advance(timedelta(days=2))
        assert (await client.get("/api/messages")).status == 401  # the cookie's lifetime is over
        await stack.channel.start()  # what a (re)start does
        await stack.channel.stop()
    async with uow_factory() as uow:
        from sqlalchemy import func, select

        from storage import models as m

        assert await uow.session.scalar(select(func.count()).select_from(m.WebMessage)) == 0
        assert await uow.session.scalar(select(func.count()).select_from(m.WebSession)) == 0


async def test_registry_builds_the_web_channel(tmp_path: Path) -> None:
    from bot.channels.base import Channel
    from bot.channels.registry import RunOptions, build
    from bot.settings import Settings

    async def on_incoming(_: object) -> None:
        return None

    settings = Settings(database_url=f"sqlite:///{tmp_path / 'r.db'}", web_session_days=3)
    channel = build("web", RunOptions(settings=settings, on_incoming=on_incoming, listen="127.0.0.1:9"))
    assert isinstance(channel, Channel) and channel.name == "web"
    assert channel.capabilities.buttons and channel.capabilities.locations
    assert (channel.config.port, channel.config.session_days) == (9, 3)
    await channel.stop()  # closes the engine it opened for itself
