"""A resident who writes English is answered in English from the first reply to the survey, with
no Chinese but the names the roster gives (communities, buildings, rooms, people)."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest

from handlers.dispatcher import Dispatcher
from handlers.language import detect, first_locale
from handlers.testing import DEFAULT_KEYWORDS, ChatHarness, KeywordClassifier, VirtualClock
from storage.uow import UnitOfWorkFactory

HAN = re.compile(r"[\u3400-\u9fff]")
ENGLISH = (("wages", {"category": "labor"}), *DEFAULT_KEYWORDS)


def test_detect() -> None:
    assert detect("Hello, my landlord keeps my deposit") == "en"
    assert detect("房东不退押金") == "zh"
    assert detect("my boss owes me 工资") == "zh"  # any Han: Chinese is understood
    assert detect("😡😡") is None and detect("123") is None and detect("Привет") is None
    assert first_locale("/start", "en-US", "zh") == "en"
    assert first_locale("/start", None, "en") == "en"
    assert first_locale("hello", "zh-hans", "zh") == "en"


async def _roster_names(uow_factory: UnitOfWorkFactory) -> set[str]:
    async with uow_factory() as uow:
        names = {c.name for c in await uow.roster.communities()}
        names |= {b for mg in await uow.roster.micro_grids() for b in mg.buildings or []}
        names |= {mg.name for mg in await uow.roster.micro_grids()}
        names |= {r.name for r in await uow.roster.rooms()} | {s.name for s in await uow.roster.all_staff()}
    return names


@pytest.fixture
async def english(uow_factory: UnitOfWorkFactory, clock: VirtualClock) -> ChatHarness:
    harness = ChatHarness(Dispatcher(uow_factory, KeywordClassifier(ENGLISH), clock), uow_factory, clock)
    await harness.bind_all_staff()
    return harness


async def test_an_english_writer_is_answered_in_english_throughout(english: ChatHarness,
                                                                   uow_factory: UnitOfWorkFactory) -> None:
    chat, name, w = english, "ed", "staff:room-mage-1"
    await chat.say(name, "Hello")  # no language hint from the client: the text decides
    await chat.press(name, "回新社区")
    await chat.press(name, "5栋")
    await chat.press(name, "Skip")
    await chat.say(name, "My boss has not paid my wages for three months")
    assert "Wages and employment" in chat.last(name).text
    await chat.press(name, "Submit")
    assert "Case number" in chat.last(name).text
    await chat.press(w, "签收")
    await chat.press(w, "结案")
    await chat.press(w, "调解成功")
    await chat.say(w, "Both sides agreed; wages paid on Friday.")
    await chat.advance(timedelta(hours=25))
    await chat.press(name, "Satisfied")
    await chat.say(name, "Thank you, all good")
    await chat.say(name, "/help")
    await chat.say(name, "/mycases")
    await chat.press(name, 1)

    names = await _roster_names(uow_factory)
    texts = chat.texts(name)
    assert any("satisfied" in t for t in texts) and any("/mycases" in t for t in texts)
    for message in chat.received(name):
        for text in (message.text, *(b.label for b in message.flat_buttons())):
            for name_ in sorted(names, key=len, reverse=True):
                text = text.replace(name_, "")
            assert not HAN.search(text), text


async def test_lang_switches_and_sticks(chat: ChatHarness) -> None:
    await chat.say("lin", "你好")
    await chat.say("lin", "/lang")
    assert [b.label for b in chat.last("lin").flat_buttons()] == ["中文", "English"]
    replies = await chat.press("lin", "English")
    assert "English" in replies[0].text and replies[-1].text == "Please choose your community:"
    chat.locale = "zh-hans"  # the client's hint does not undo a choice
    await chat.press("lin", "回新社区")
    assert chat.last("lin").text.startswith("Please choose your building")
    await chat.say("lin", "/lang zh")
    assert "中文" in chat.last("lin").text


async def test_default_locale_for_residents_without_a_sign(uow_factory: UnitOfWorkFactory,
                                                          clock: VirtualClock) -> None:
    chat = ChatHarness(Dispatcher(uow_factory, KeywordClassifier(), clock, default_locale="en"), uow_factory, clock)
    assert "Privacy" in (await chat.say("ann", "/start"))[0].text
    assert "隐私" in (await chat.say("bo", "你好"))[0].text


async def test_staff_language_comes_from_the_roster(uow_factory: UnitOfWorkFactory, clock: VirtualClock) -> None:
    from storage.roster import import_roster, load_roster, sample_roster_path

    roster = load_roster(sample_roster_path())
    staff = [s.model_copy(update={"locale": "en"}) if s.id == "huixin-gw1" else s for s in roster.staff]
    await import_roster(uow_factory.session_factory, roster.model_copy(update={"staff": staff}))
    async with uow_factory() as uow:
        member = await uow.roster.staff("huixin-gw1")
        assert member.locale == "en"
        member.channel = member.chat_id = None  # enrolled afresh below, from a Chinese client
        await uow.commit()
    chat = ChatHarness(Dispatcher(uow_factory, KeywordClassifier(), clock), uow_factory, clock, locale="zh-hans")
    await chat.bind_all_staff()
    assert "/mine your open cases" in (await chat.say("staff:huixin-gw1", "/help"))[0].text
    await chat.say("ann", "你好")
    await chat.press("ann", "回新社区")
    await chat.press("ann", "5栋")
    await chat.press("ann", "跳过")
    await chat.say("ann", "楼上漏水")
    await chat.press("ann", "确认提交")
    assert chat.last("staff:huixin-gw1").text.startswith("New case")
