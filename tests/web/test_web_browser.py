"""The web chat in a real browser: the system's headless Chromium driven by Selenium.

Nothing downloads a browser: the test uses /usr/bin/chromium and /usr/bin/chromedriver (Debian's
``chromium`` and ``chromium-driver``; ``.ci/run`` installs them) and is skipped without them.
The server is the real runtime (outbox, clocks) with the web channel, on a virtual clock and the
keyword classifier. Selenium is synchronous: its calls run in a thread while the server runs on
the test's event loop.
"""

from __future__ import annotations

import asyncio
import os
import re
import shutil
import socket
from collections.abc import AsyncIterator, Callable
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest

from bot.channels.web import WebChannel, WebConfig
from bot.ratelimit import Bucket, RateLimiter
from bot.runtime import Runtime
from handlers.dispatcher import Dispatcher
from handlers.testing import KeywordClassifier, VirtualClock

CHROMIUM = os.environ.get("LINLI_CHROMIUM", "/usr/bin/chromium")
CHROMEDRIVER = os.environ.get("LINLI_CHROMEDRIVER", "/usr/bin/chromedriver")
# Where the README's screenshot is written when asked (LINLI_WEB_SCREENSHOT=docs/web-chat.png).
SCREENSHOT = os.environ.get("LINLI_WEB_SCREENSHOT")
WAIT = 20  # seconds a condition may take (two CPUs shared by many jobs)

pytestmark = pytest.mark.skipif(not (shutil.which(CHROMIUM) and shutil.which(CHROMEDRIVER)),
                                reason="system chromium and chromedriver not installed (apt-get install "
                                       "chromium chromium-driver)")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class Page:
    """One browser window on the chat (its own profile, so its own cookie)."""

    def __init__(self, base: str, width: int = 390, height: int = 844) -> None:
        from selenium import webdriver
        from selenium.webdriver.chrome.service import Service

        options = webdriver.ChromeOptions()
        options.binary_location = CHROMIUM
        for arg in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                    "--disable-background-networking", "--disable-component-update", "--disable-sync",
                    "--disable-default-apps", "--disable-extensions", "--no-first-run", "--mute-audio",
                    "--disable-features=Translate,MediaRouter,OptimizationHints", f"--window-size={width},{height}",
                    "--lang=zh-CN", "--force-device-scale-factor=1"):
            options.add_argument(arg)
        options.add_experimental_option("prefs", {"intl.accept_languages": "zh-CN,zh"})
        self.driver = webdriver.Chrome(service=Service(executable_path=CHROMEDRIVER), options=options)
        self.driver.set_window_size(width, height)
        if width < 600:  # a phone: exactly this viewport, as a phone's browser reports it
            self.driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", {
                "width": width, "height": height, "deviceScaleFactor": 1, "mobile": True})
        self.base = base

    def open(self, path: str = "/") -> None:
        self.driver.get(self.base + path)

    def _wait(self, condition: Callable[[Any], Any]) -> Any:
        from selenium.webdriver.support.ui import WebDriverWait

        return WebDriverWait(self.driver, WAIT, poll_frequency=0.1).until(condition)

    def texts(self) -> list[str]:
        return [e.text for e in self.driver.find_elements("css selector", ".msg .bubble")]

    def wait_text(self, needle: str | re.Pattern[str]) -> str:
        def found(_: Any) -> str | bool:
            for text in self.texts():
                if (needle.search(text) if isinstance(needle, re.Pattern) else needle in text):
                    return text
            return False

        from selenium.common.exceptions import TimeoutException

        try:
            return str(self._wait(found))
        except TimeoutException:
            raise AssertionError(f"{needle!r} not on the page; it shows {self.texts()!r}") from None

    def chips(self) -> list[str]:
        return [e.text for e in self.driver.find_elements("css selector", "#chips .chip")]

    def tap(self, label: str) -> None:
        def chip(_: Any) -> Any:
            return next((e for e in self.driver.find_elements("css selector", "#chips .chip")
                         if e.text == label), False)

        self._wait(chip).click()

    def type(self, text: str, enter: bool = True) -> None:
        from selenium.webdriver.common.keys import Keys

        box = self.driver.find_element("id", "text")
        box.send_keys(text)
        if enter:
            box.send_keys(Keys.ENTER)

    def close(self) -> None:
        self.driver.quit()


@pytest.fixture
async def server(uow_factory: Any, clock: VirtualClock, tmp_path: Path) -> AsyncIterator[tuple[str, Runtime]]:
    if uow_factory.session_factory.kw["bind"].dialect.name != "sqlite":
        pytest.skip("the browser test runs once, on SQLite")
    port = _free_port()
    dispatcher = Dispatcher(uow_factory, KeywordClassifier(), clock, channel_default="web")
    config = WebConfig(port=port, photo_dir=tmp_path / "photos")
    runtime = Runtime(dispatcher, uow_factory, clock,
                      lambda on_incoming: WebChannel(on_incoming, uow_factory, config, now=clock),
                      limiter=RateLimiter(bot=Bucket(1000, 10_000), private=Bucket(100, 1000)))
    await runtime.start()
    try:
        yield f"http://127.0.0.1:{port}", runtime
    finally:
        await runtime.stop()


async def test_poster_link_to_case_number_mediator_signs_survey_reopens(
        server: tuple[str, Runtime], dispatcher: Dispatcher, clock: VirtualClock) -> None:
    base, runtime = server
    run = asyncio.to_thread
    code = await dispatcher.invite("room-mage-1")  # 马哥调解室: labour disputes
    mediator = await run(Page, base)
    resident = await run(Page, base)
    try:
        # The mediator enrols in a browser of their own.
        await run(mediator.open)
        await run(mediator.wait_text, "请选择您所在的社区")
        await run(mediator.type, f"/start {code}")
        await run(mediator.wait_text, "周海生")

        # The resident scans the poster: the community is chosen, only the building is asked.
        await run(resident.open, "/?start=c-huixin")
        await run(resident.wait_text, "请选择您住的楼栋")
        assert "start=" not in await run(lambda: resident.driver.current_url)
        await run(resident.tap, "跳过")
        await run(resident.wait_text, "手机号")
        await run(resident.tap, "跳过")
        await run(resident.wait_text, "登记完成（回新社区）")

        # Enter while the input method composes picks characters; it does not send.
        await run(resident.driver.execute_script,
                  "document.getElementById('text').dispatchEvent(new CompositionEvent('compositionstart'))")
        await run(resident.type, "laoban")
        kept = await run(lambda: resident.driver.find_element("id", "text").get_attribute("value"))
        assert kept.strip() == "laoban" and not any("laoban" in t for t in await run(resident.texts))
        await run(resident.driver.execute_script,
                  "var t = document.getElementById('text'); t.value = '';"
                  "t.dispatchEvent(new CompositionEvent('compositionend'))")

        await run(resident.type, "老板拖欠我三个月工资不给")
        await run(resident.tap, "确认提交")
        receipt = await run(resident.wait_text, re.compile(r"[A-Z]{2}\d{8}-\d{4}"))
        number = re.search(r"[A-Z]{2}\d{8}-\d{4}", receipt).group(0)  # type: ignore[union-attr]
        if SCREENSHOT:
            Path(SCREENSHOT).parent.mkdir(parents=True, exist_ok=True)
            await run(resident.driver.save_screenshot, SCREENSHOT)

        # The mediator's page shows the new case; signing for it reaches the resident's open page.
        await run(mediator.wait_text, number)
        await run(mediator.tap, "签收")
        signed = await run(resident.wait_text, re.compile(f"{number}.*签收"))
        assert "周海生" in signed
        await run(mediator.tap, "结案")
        await run(mediator.tap, "已解释说明")
        await run(mediator.type, "已向居民解释劳动仲裁的办理途径。")
        await run(mediator.wait_text, "结案")

        # A day later the survey arrives; 不满意 reopens the case.
        clock.advance(timedelta(hours=24))
        await runtime.tick()
        await run(resident.wait_text, "回访")
        await run(resident.tap, "不满意")
        await run(resident.wait_text, "重新打开")
        await run(mediator.wait_text, "重新打开")
    finally:
        await run(resident.close)
        await run(mediator.close)


async def test_reload_restores_history_and_english_page(server: tuple[str, Runtime]) -> None:
    base, _ = server
    run = asyncio.to_thread
    page = await run(Page, base, 1280, 800)  # a desktop window
    try:
        await run(page.open, "/?lang=en")
        await run(page.wait_text, "Please choose your community")
        await run(page.type, "<b>hello</b>")
        await run(page.wait_text, "<b>hello</b>")  # shown as text, not markup
        assert await run(lambda: page.driver.find_elements("css selector", ".bubble b")) == []
        before = await run(page.texts)
        await run(page.driver.refresh)
        await run(page.wait_text, "<b>hello</b>")
        assert await run(page.texts) == before
        assert await run(lambda: page.driver.find_element("id", "send").text) == "Send"
    finally:
        await run(page.close)


async def test_share_location_from_the_browser_finds_the_micro_grid(server: tuple[str, Runtime]) -> None:
    base, _ = server
    run = asyncio.to_thread
    page = await run(Page, base, 360, 740)  # the narrowest common phone
    try:
        origin = base + "/"
        await run(page.driver.execute_cdp_cmd, "Browser.grantPermissions",
                  {"origin": origin.rstrip("/"), "permissions": ["geolocation"]})
        await run(page.driver.execute_cdp_cmd, "Emulation.setGeolocationOverride",
                  {"latitude": 18.246, "longitude": 109.512, "accuracy": 10})
        await run(page.open)
        await run(page.wait_text, "请选择您所在的社区")
        await run(lambda: page.driver.find_element("id", "loc").click())
        await run(page.wait_text, "已根据位置确定您的网格")
        await run(page.wait_text, "手机号")  # registration goes on from the location
        width = await run(page.driver.execute_script, "return document.documentElement.scrollWidth")
        assert width <= 360  # nothing wider than the screen: no sideways scrolling
    finally:
        await run(page.close)


async def test_photo_from_the_browser_is_shown_in_the_chat(server: tuple[str, Runtime], tmp_path: Path) -> None:
    from PIL import Image

    base, _ = server
    run = asyncio.to_thread
    picture = tmp_path / "leak.png"
    Image.new("RGB", (40, 30), "#3366cc").save(picture)
    page = await run(Page, base)
    try:
        await run(page.open)
        await run(page.wait_text, "请选择您所在的社区")
        await run(lambda: page.driver.find_element("id", "photo").send_keys(str(picture)))

        def shown(_: Any) -> bool:
            images = page.driver.find_elements("css selector", ".msg.me img")
            return bool(images) and page.driver.execute_script("return arguments[0].naturalWidth", images[0]) == 40

        await run(page._wait, shown)  # uploaded, stored, and served back to this session only
    finally:
        await run(page.close)
