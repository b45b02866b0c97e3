"""The outbox: messages to anyone but the speaker, written with the change that caused them.

Why: a case change and its notifications commit together, so a crash never loses one; the
drainer sends each row at most once (marked sent in the same transaction right after the send)
and retries temporary failures with exponential backoff.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable, Collection, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from handlers.messages import MAX_TEXT, Button, Outgoing
from storage import models as m

log = logging.getLogger(__name__)

MAX_ATTEMPTS = 5
BASE_DELAY = timedelta(seconds=5)
MAX_DELAY = timedelta(hours=1)
HELD = "held"  # a message for a staff member who has not bound a chat yet


class TemporarySendError(Exception):
    """The channel could not send now (flood limit, network); try again later."""

    def __init__(self, retry_after: float | None = None, message: str = "", parts_sent: int = 0) -> None:
        """``parts_sent``: of a message sent in parts, how many went out before this failure."""
        super().__init__(message or f"temporary send failure (retry after {retry_after})")
        self.retry_after = retry_after
        self.parts_sent = parts_sent


class PermanentSendError(Exception):
    """The message can never be delivered (chat gone, bot blocked): do not retry."""


class ChatMovedError(Exception):
    """The chat goes on under another id: send there and remember it.

    Why not a permanent failure: when a Telegram group becomes a supergroup its chat id changes
    and the old id refuses every message; a grid worker team enrolled from the group would hear
    nothing more. The sender re-sends to ``new_chat_id`` (once) and the core re-points whatever
    was bound to the old id (``rebind_chat``)."""

    def __init__(self, new_chat_id: str, message: str = "", parts_sent: int = 0) -> None:
        """``parts_sent``: of a message sent in parts, how many went out before the refusal."""
        super().__init__(message or f"chat moved to {new_chat_id}")
        self.new_chat_id = str(new_chat_id)
        self.parts_sent = parts_sent


@dataclass(frozen=True, slots=True)
class OutboxMessage:
    id: int
    channel: str
    chat_id: str
    text: str
    buttons: tuple[tuple[Button, ...], ...]
    edit_of: str | None
    document: str | None
    case_id: int | None
    parts_sent: int = 0  # parts of it already delivered by an earlier attempt: skip them

    def to_outgoing(self) -> Outgoing:
        return Outgoing(
            chat_id=self.chat_id,
            text=self.text,
            buttons=self.buttons,
            edit_of=self.edit_of,
            document=self.document,
            channel=self.channel,
        )


def buttons_to_json(buttons: tuple[tuple[Button, ...], ...]) -> list[Any]:
    return [[{"label": b.label, "payload": b.payload} for b in row] for row in buttons]


def buttons_from_json(rows: list[Any] | None) -> tuple[tuple[Button, ...], ...]:
    return tuple(tuple(Button(b["label"], b["payload"]) for b in row) for row in rows or [])


def new_row(
    channel: str,
    chat_id: str,
    text: str,
    now: datetime,
    buttons: tuple[tuple[Button, ...], ...] = (),
    case_id: int | None = None,
    *,
    held: bool = False,
    document: str | None = None,
) -> m.Outbox:
    if len(text) > MAX_TEXT:  # e.g. a report joined from several long messages, quoted to its handler
        text = text[: MAX_TEXT - 2] + " …"
    return m.Outbox(
        channel=channel,
        chat_id=chat_id,
        text=text,
        buttons=buttons_to_json(buttons),
        document=document,
        case_id=case_id,
        state=HELD if held else "pending",
        attempts=0,
        next_attempt_at=now,
        created_at=now,
    )


def _message(row: m.Outbox) -> OutboxMessage:
    return OutboxMessage(
        id=row.id,
        channel=row.channel,
        chat_id=row.chat_id,
        text=row.text,
        buttons=buttons_from_json(row.buttons),
        edit_of=row.edit_of,
        document=row.document,
        case_id=row.case_id,
        parts_sent=row.parts_sent or 0,
    )


def backoff(attempts: int, retry_after: float | None) -> timedelta:
    """5 s, 10 s, 20 s … capped at an hour; the channel's own retry_after wins when longer."""
    delay = min(BASE_DELAY * (2 ** max(attempts - 1, 0)), MAX_DELAY)
    if retry_after is not None:
        delay = max(delay, timedelta(seconds=retry_after))
    return delay


async def drain(
    uow_factory: Callable[[], Any],
    send: Callable[[OutboxMessage], Awaitable[str | None]],
    now: Callable[[], datetime],
    limit: int = 100,
    max_attempts: int = MAX_ATTEMPTS,
    claim: Callable[[Any, datetime], Awaitable[Sequence[m.Outbox]]] | None = None,
    channels: Collection[str] | None = None,
) -> int:
    """Send up to ``limit`` due rows, one transaction each; returns how many were sent.

    ``claim(uow, now)`` picks the row (default: the oldest due one of ``channels``, or of any
    channel); the runtime passes one that claims the row whose chat may send now, so one busy
    chat does not hold up the others."""
    sent = 0
    for _ in range(limit):
        async with uow_factory() as uow:
            at = now()
            rows = await (claim(uow, at) if claim is not None else uow.outbox.claim_pending(at, limit=1, channels=channels))
            if not rows:
                break
            row = rows[0]
            row.attempts += 1
            try:
                native_id = await _send_following(uow, send, row)
            except TemporarySendError as exc:
                row.parts_sent = max(row.parts_sent or 0, exc.parts_sent)
                _retry_or_fail(row, at, str(exc), exc.retry_after, max_attempts)
            except PermanentSendError as exc:
                row.state, row.last_error = "failed", str(exc) or "permanent send error"
                log.warning("outbox %s failed permanently: %s", row.id, exc)
            except Exception as exc:  # a bug in a channel must not stop the queue
                log.exception("outbox %s: unexpected send error", row.id)
                _retry_or_fail(row, at, repr(exc), None, max_attempts)
            else:
                row.state, row.sent_at, row.native_id = "sent", at, native_id
                sent += 1
            await uow.commit()
    return sent


async def _send_following(uow: Any, send: Callable[[OutboxMessage], Awaitable[str | None]],
                          row: m.Outbox) -> str | None:
    """Send the row; if its chat moved, re-point the chat and send once more to the new id.

    Why the move happens here, in the drain's transaction, and not in a transaction of its own:
    this transaction holds the row (locked on PostgreSQL; on SQLite it holds the one pooled
    connection), so a second transaction that re-points the row's chat would wait for this one,
    which waits for it. Here the row's own ``chat_id`` is set to the new id and committed with
    its state: the sent row records where it went."""
    try:
        return await send(_message(row))
    except ChatMovedError as exc:
        row.parts_sent = max(row.parts_sent or 0, exc.parts_sent)
        old_chat_id = row.chat_id
        await rebind_chat(uow, row.channel, old_chat_id, exc.new_chat_id)
        row.chat_id = exc.new_chat_id
        log.info("outbox %s: chat %s moved to %s, sending there", row.id, old_chat_id, exc.new_chat_id)
    try:
        return await send(_message(row))
    except ChatMovedError as exc:  # moved again at once: something is wrong, do not chase it
        raise PermanentSendError(f"chat moved twice in a row (now to {exc.new_chat_id})") from exc


async def rebind_chat(uow: Any, channel: str, old_chat_id: str, new_chat_id: str) -> bool:
    """Re-point everything bound to ``old_chat_id`` at ``new_chat_id``, in the caller's transaction.

    The conversation (unless the new chat has one already: that one is kept), the staff member
    and the resident bound to the chat, and the messages still waiting for it. Idempotent: a
    second call finds nothing under the old id. True when anything moved. The order (the
    conversation first) is the one an update takes, so two movers never lock in opposite orders.
    """
    if old_chat_id == new_chat_id:
        return False
    moved = {
        "conversation": await uow.conversations.move(channel, old_chat_id, new_chat_id),
        "staff": await uow.roster.move_staff_chat(channel, old_chat_id, new_chat_id),
        "resident": await uow.residents.move_chat(channel, old_chat_id, new_chat_id),
        "outbox": await uow.outbox.move_chat(channel, old_chat_id, new_chat_id),
    }
    if any(moved.values()):
        log.info("chat %s/%s moved to %s: %s", channel, old_chat_id, new_chat_id,
                 ", ".join(f"{count} {what}" for what, count in moved.items()))
    return any(moved.values())


def _retry_or_fail(row: m.Outbox, at: datetime, error: str, retry_after: float | None, max_attempts: int) -> None:
    row.last_error = error
    if row.attempts >= max_attempts:
        row.state = "failed"
        log.warning("outbox %s failed after %s attempts: %s", row.id, row.attempts, error)
    else:
        row.next_attempt_at = at + backoff(row.attempts, retry_after)
