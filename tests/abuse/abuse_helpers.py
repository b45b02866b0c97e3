"""Checks shared by the abuse tests: is a message valid for Telegram, is the database consistent,
and a snapshot of one case to prove that a refused press changed nothing."""

from __future__ import annotations

import logging
from typing import Any

from sqlalchemy import select

from handlers.messages import MAX_PAYLOAD_BYTES, MAX_TEXT, Outgoing
from handlers.testing import ChatHarness
from storage import models as m
from storage.uow import UnitOfWorkFactory

MAX_BUTTONS = 100  # Telegram's limit for one inline keyboard

RESIDENT_STATES = {"start", "reg_community", "reg_building", "reg_phone", "idle", "report_pick", "report_confirm",
                   "report_edit", "ask_add", "ask_add_new", "survey_comment"}
STAFF_STATES = {"idle", "await_progress", "await_summary"}


def assert_valid_message(message: Outgoing) -> None:
    """What Telegram accepts: 1..4096 characters, callback data up to 64 bytes, ≤ 100 buttons."""
    assert message.text and message.text.strip(), f"empty message: {message!r}"
    assert len(message.text) <= MAX_TEXT, f"message of {len(message.text)} characters"
    buttons = message.flat_buttons()
    assert len(buttons) <= MAX_BUTTONS, f"{len(buttons)} buttons"
    for button in buttons:
        assert button.label.strip(), f"button without a label: {button!r}"
        assert len(button.payload.encode()) <= MAX_PAYLOAD_BYTES, button.payload


def assert_valid_transcript(chat: ChatHarness, since: int = 0) -> None:
    """Every reply and every delivered outbox message since transcript position ``since``."""
    for entry in chat.transcript[since:]:
        assert_valid_message(entry.message)


async def assert_consistent(uow_factory: UnitOfWorkFactory) -> None:
    """Known case and conversation states, unbroken event chains, no outbox row without a chat."""
    async with uow_factory() as uow:
        s = uow.session
        staff_chats = {(st.channel, st.chat_id) for st in await uow.roster.all_staff() if st.chat_id}
        for case in (await s.scalars(select(m.Case))).all():
            assert case.state in m.CASE_STATES, (case.number, case.state)
            events = await uow.cases.events(case.id)
            assert events, f"{case.number} has no events"
            previous = events[0].from_state
            assert previous == "new", (case.number, previous)
            for event in events:
                assert event.from_state == previous, (case.number, event.action, event.from_state, previous)
                assert event.to_state in m.CASE_STATES, (case.number, event.to_state)
                previous = event.to_state
            assert previous == case.state, (case.number, previous, case.state)
        for row in (await s.scalars(select(m.Outbox))).all():
            assert row.channel and row.chat_id, f"outbox row {row.id} without a chat"
            assert len(row.text) <= MAX_TEXT, f"outbox row {row.id}: {len(row.text)} characters"
        for conv in (await s.scalars(select(m.Conversation))).all():
            known = STAFF_STATES if (conv.channel, conv.chat_id) in staff_chats else RESIDENT_STATES
            assert conv.state in known, (conv.chat_id, conv.state)


async def snapshot(uow_factory: UnitOfWorkFactory, case_id: int) -> dict[str, Any]:
    """Every column of a case, its events, notes, clocks and outbox rows."""

    def columns(row: m.Base) -> dict[str, Any]:
        return {c.key: getattr(row, c.key) for c in row.__table__.columns}

    async with uow_factory() as uow:
        case = await uow.cases.get(case_id)
        assert case is not None
        return {
            "case": columns(case),
            "events": [columns(e) for e in await uow.cases.events(case_id)],
            "notes": [columns(n) for n in await uow.cases.notes(case_id)],
            "clocks": [columns(c) for c in await uow.clocks.pending_for_case(case_id)],
            "outbox": [columns(o) for o in await uow.outbox.of_case(case_id)],
        }


class Records(logging.Handler):
    """Keeps every record of the ``handlers`` loggers (pytest's caplog is per test, not per example)."""

    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)

    def errors(self) -> list[str]:
        return [r.getMessage()[:2000] for r in self.records if r.levelno >= logging.ERROR]
