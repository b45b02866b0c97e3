"""The working set of one update or one clock run: unit of work, time, district, replies.

Why one object: every flow needs the same things, and it makes the one important decision in a
single place: a message to the speaker is a reply; a message to anyone else is an outbox row
written in the same transaction.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from handlers import outbox
from handlers.convdata import ConvState
from handlers.messages import Button, Outgoing
from i18n import normalize_locale, t
from nlp import mask as nlp_mask
from storage import models as m
from storage.roster_schema import DistrictSettings

log = logging.getLogger(__name__)

Buttons = tuple[tuple[Button, ...], ...]

_WEEKDAYS = ("周一", "周二", "周三", "周四", "周五", "周六", "周日")

__all__ = ["Buttons", "ConvState", "Ctx", "mask", "rows", "settings_of"]


def mask(text: str) -> str:
    """Phone and ID-card numbers masked: shown to staff before they have accepted the case."""
    return nlp_mask(text)


def rows(*buttons: Button, per_row: int = 3) -> Buttons:
    """Lay buttons out in rows of ``per_row``."""
    return tuple(tuple(buttons[i : i + per_row]) for i in range(0, len(buttons), per_row))


@dataclass
class Ctx:
    uow: Any  # storage.uow.UnitOfWork
    now: datetime
    district: m.District
    settings: DistrictSettings
    channel: str
    chat_id: str | None
    locale: str = "zh"
    replies: list[Outgoing] = field(default_factory=list)
    # The language of a resident who gave no sign of theirs (``LINLI_LOCALE``).
    default_locale: str = "zh"

    @property
    def tz(self) -> ZoneInfo:
        return ZoneInfo(self.district.timezone or "Asia/Shanghai")

    def tr(self, key: str, **params: object) -> str:
        return t(key, self.locale, **params)

    def reply(self, text: str, buttons: Buttons = (), **kw: Any) -> None:
        if kw.get("request_contact"):
            kw.setdefault("contact_label", self.tr("channel.share_contact"))
        if kw.get("request_location"):
            kw.setdefault("location_label", self.tr("channel.share_location"))
        self.replies.append(Outgoing(chat_id=self.chat_id or "", text=text, buttons=buttons, **kw))

    def say(self, key: str, buttons: Buttons = (), **params: object) -> None:
        self.reply(self.tr(key, **params), buttons)

    def local(self, at: datetime) -> datetime:
        return at.astimezone(self.tz)

    def when(self, at: datetime | None, locale: str | None = None) -> str:
        """A due time as people read it, in the district's timezone, with the weekday; a deadline
        at midnight is the end of the day before (“12月15日（周二）”, not “12月16日 00:00”)."""
        if at is None:
            return "—"
        local = self.local(at)
        whole_day = local.time() == time(0)
        if whole_day:
            local -= timedelta(days=1)
        en = normalize_locale(locale or self.locale) == "en"
        day = f"{local:%a} {local.day} {local:%b}" if en else f"{local.month}月{local.day}日（{_WEEKDAYS[local.weekday()]}）"
        return day if whole_day else f"{day}{' ' if en else ''}{local:%H:%M}"

    def duration(self, span: timedelta, locale: str | None = None) -> str:
        """A span as people say it: whole days, else hours, else minutes."""
        minutes = int(span.total_seconds() // 60)
        for key, size in (("duration.days", 1440), ("duration.hours", 60)):
            if minutes >= size and minutes % size == 0:
                n = minutes // size
                return t(f"{key}.one" if n == 1 else key, locale or self.locale, n=n)
        return t("duration.minutes", locale or self.locale, n=minutes)

    # ------------------------------------------------------------------ messages to others

    def send(self, channel: str, chat_id: str, text: str, buttons: Buttons = (), case_id: int | None = None) -> None:
        """To the speaker it is a reply; to anyone else an outbox row in this transaction."""
        if channel == self.channel and chat_id == self.chat_id:
            self.reply(text, buttons)
            return
        self.uow.outbox.add(outbox.new_row(channel, chat_id, text, self.now, buttons, case_id))

    def to_resident(
        self, resident: m.Resident, key: str, case: m.Case | None = None, buttons: Buttons = (), **params: object
    ) -> None:
        if resident.forgotten_at is not None:
            return
        text = t(key, resident.locale, **params)
        self.send(resident.channel, resident.chat_id, text, buttons, case.id if case else None)

    def to_staff(
        self, staff: m.Staff, key: str, case: m.Case | None = None, buttons: Buttons = (), **params: object
    ) -> None:
        """A staff member not yet bound to a chat gets the message when they enrol (held row)."""
        text = t(key, staff.locale, **params)
        case_id = case.id if case else None
        if staff.channel and staff.chat_id:
            self.send(staff.channel, staff.chat_id, text, buttons, case_id)
        else:
            log.info("staff %s has no chat yet; message held until enrolment", staff.id)
            self.uow.outbox.add(
                outbox.new_row(outbox.HELD, f"staff:{staff.id}", text, self.now, buttons, case_id, held=True)
            )


def settings_of(district: m.District) -> DistrictSettings:
    """The district's clocks and limits, validated (a bad document falls back to the defaults)."""
    try:
        return DistrictSettings.model_validate(district.settings or {})
    except ValueError:
        log.exception("district settings invalid; using defaults")
        return DistrictSettings()
