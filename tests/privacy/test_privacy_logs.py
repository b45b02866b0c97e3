"""Phone and ID-card numbers never reach the logs, and staff see them only after 签收.

The logs are captured the way ``bot.app.configure_logging`` sets them up: ``nlp.MaskingFilter``
on the handler, everything at DEBUG (SQLAlchemy then logs its statements and parameters too).
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from datetime import timedelta

import pytest
from flow_helpers import get_case, register, report

from handlers.dispatcher import Dispatcher
from handlers.testing import ChatHarness, KeywordClassifier, VirtualClock
from nlp import MaskingFilter
from storage.uow import UnitOfWorkFactory

CONTACT = "13912345678"  # shared at registration
SPOKEN = "13700001111"  # written in the report
ID_CARD = "460200199001011234"
SECRETS = (CONTACT, SPOKEN, ID_CARD)
W = "staff:room-mage-1"


@pytest.fixture
def masked_logs(caplog: pytest.LogCaptureFixture) -> Iterator[pytest.LogCaptureFixture]:
    """caplog with the production filter on its handler, capturing everything."""
    masking = MaskingFilter()
    caplog.handler.addFilter(masking)
    caplog.set_level(logging.DEBUG)
    # aiosqlite at DEBUG dumps every statement with its parameters, JSON-escaped, where the masker
    # cannot see the numbers (test_aiosqlite_debug_dump below); production runs it at INFO.
    caplog.set_level(logging.INFO, logger="aiosqlite")
    yield caplog
    caplog.handler.removeFilter(masking)


def _assert_clean(caplog: pytest.LogCaptureFixture) -> None:
    assert caplog.records, "nothing was logged: the test proves nothing"
    for record in caplog.records:
        message = record.getMessage()
        for secret in SECRETS:
            assert secret not in message, (record.name, message[:300])
    for secret in SECRETS:  # the formatted text, tracebacks included
        assert secret not in caplog.text


def _assert_masked(text: str) -> None:
    for secret in SECRETS:
        assert secret not in text, text


async def test_resident_flow_logs_no_personal_numbers(
    chat: ChatHarness, uow_factory: UnitOfWorkFactory, masked_logs: pytest.LogCaptureFixture
) -> None:
    await register(chat, "alice", phone=CONTACT)
    number = await report(chat, "alice", f"老板拖欠工资，我电话{SPOKEN}，身份证{ID_CARD}")
    await chat.say("alice", f"补充：工头电话也是{SPOKEN}")
    await chat.press("alice", 1)  # add to the open case
    await chat.say("alice", f"/case {number}")
    await chat.say("alice", "/mydata")
    await chat.advance(timedelta(hours=3))  # sign-for reminder and escalation run
    await chat.press(W, "签收")
    await chat.say("alice", "砍人了！快来人，我电话" + SPOKEN)  # emergency while registered
    case = await get_case(uow_factory, number)
    await chat._send("alice", payload=f"c:{case.id}:acc")  # a refused press is logged
    _assert_clean(masked_logs)


async def test_a_failing_update_logs_no_personal_numbers(
    uow_factory: UnitOfWorkFactory, masked_logs: pytest.LogCaptureFixture
) -> None:
    """An exception that carries the resident's words (here from the classifier) is logged with
    its traceback: the numbers in it must be masked too."""

    def broken(text: str) -> object:
        if "工资" in text:
            raise ValueError(f"cannot classify {text!r}")
        return KeywordClassifier()(text)

    clock = VirtualClock()
    chat = ChatHarness(Dispatcher(uow_factory, broken, clock), uow_factory, clock)
    await chat.bind_all_staff()
    await register(chat, "alice", phone=CONTACT)
    replies = await chat.say("alice", f"老板拖欠工资，我电话{SPOKEN}，身份证{ID_CARD}")
    assert "系统出了点问题" in replies[0].text
    assert any(r.levelno >= logging.ERROR for r in masked_logs.records)
    _assert_clean(masked_logs)


async def test_assignment_hides_numbers_until_accepted(chat: ChatHarness, uow_factory: UnitOfWorkFactory) -> None:
    await register(chat, "alice", phone=CONTACT)
    await report(chat, "alice", f"老板拖欠工资，我电话{SPOKEN}，身份证{ID_CARD}")
    assignment = chat.last(W)
    assert "签收" in [b.label for b in assignment.flat_buttons()]
    _assert_masked(assignment.text)
    assert "137****1111" in assignment.text
    await chat.say("alice", f"再补充一下，我老婆电话{SPOKEN}")
    await chat.press("alice", 1)
    _assert_masked(chat.last(W).text)  # the addition, before 签收
    await chat.say(W, "/mine")
    await chat.press(W, 1)  # the case view, before 签收
    _assert_masked(chat.last(W).text)
    for name in ("staff:huixin-head", "staff:centre-1"):  # anyone told about it
        for message in chat.received(name):
            _assert_masked(message.text)

    accepted = await chat.press(W, "签收")  # by design the assignee now sees how to reach the resident
    assert CONTACT in accepted[0].text and SPOKEN in accepted[0].text


async def test_emergency_notices_hide_numbers(chat: ChatHarness) -> None:
    await register(chat, "alice", phone=CONTACT)
    await chat.say("alice", f"有人拿刀要砍我，我电话{SPOKEN}，身份证{ID_CARD}")
    staff = [name for name in {e.recipient for e in chat.transcript} if name.startswith("staff:")]
    assert staff
    for name in staff:
        for message in chat.received(name):
            if "签收" in [b.label for b in message.flat_buttons()] or "知悉" in message.text:
                _assert_masked(message.text)


async def test_aiosqlite_debug_dump(chat: ChatHarness, uow_factory: UnitOfWorkFactory,
                                    caplog: pytest.LogCaptureFixture) -> None:
    if uow_factory().dialect != "sqlite":
        pytest.skip("aiosqlite's DEBUG dump only")
    caplog.handler.addFilter(MaskingFilter())
    caplog.set_level(logging.DEBUG)
    await register(chat, "alice", phone=CONTACT)
    await chat.say("alice", f"老板拖欠工资，身份证{ID_CARD}")
    assert ID_CARD not in caplog.text


def test_tracebacks_are_masked_too() -> None:
    """A traceback may quote the resident's words; the filter masks it like the message."""
    record = logging.LogRecord("t", logging.ERROR, __file__, 1, "failed", None, None)
    try:
        raise ValueError(f"bad text 联系{CONTACT} 身份证{ID_CARD}")
    except ValueError:
        import sys

        record.exc_info = sys.exc_info()
    MaskingFilter().filter(record)
    formatted = logging.Formatter().format(record)
    assert "ValueError" in formatted
    assert CONTACT not in formatted and ID_CARD not in formatted


def test_masking_filter_is_installed_by_configure_logging() -> None:
    from bot.app import configure_logging

    root = logging.getLogger()
    added = logging.StreamHandler()
    root.addHandler(added)
    try:
        configure_logging("INFO")
        assert any(isinstance(f, MaskingFilter) for f in added.filters)
    finally:
        root.removeHandler(added)


def test_keyword_classifier_is_the_default_here() -> None:
    """Guard: the flows above rely on the keyword table (砍 = emergency, 工资 = labour)."""
    assert KeywordClassifier()("有人拿刀要砍我").urgency == "emergency"
    assert KeywordClassifier()("老板拖欠工资").category == "labor"
