"""The roster file's schema: a district described as data (pydantic models, strict).

Why pydantic: the roster is written by hand by district staff; every mistake must be refused
with the place it stands, before anything touches the database.
"""

from __future__ import annotations

import re
from datetime import date, timedelta
from typing import Annotated, Any, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, PlainSerializer

from vocab import CATEGORIES, LOCALES, ROLES, URGENCIES

__all__ = ["CATEGORIES", "ROLES", "URGENCIES"]  # re-exported for old importers

_DURATION = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*(d|h|m|s|天|小时|分钟|秒)\s*$")
_UNIT_SECONDS = {"d": 86400, "天": 86400, "h": 3600, "小时": 3600, "m": 60, "分钟": 60, "s": 1, "秒": 1}


def parse_duration(value: Any) -> timedelta:
    """``2h``, ``30m``, ``7d``, ``90s`` (or 小时/分钟/天); numbers are seconds."""
    if isinstance(value, timedelta):
        return value
    if isinstance(value, int | float):
        return timedelta(seconds=value)
    if isinstance(value, str):
        match = _DURATION.match(value)
        if match:
            return timedelta(seconds=float(match.group(1)) * _UNIT_SECONDS[match.group(2)])
    raise ValueError(f"不是有效的时长: {value!r}（示例: 2h, 30m, 7d）/ not a duration (e.g. 2h, 30m, 7d)")


def format_duration(value: timedelta) -> str:
    seconds = int(value.total_seconds())
    for unit, size in (("d", 86400), ("h", 3600), ("m", 60)):
        if seconds % size == 0 and seconds >= size:
            return f"{seconds // size}{unit}"
    return f"{seconds}s"


Duration = Annotated[timedelta, BeforeValidator(parse_duration), PlainSerializer(format_duration)]
Id = Annotated[str, Field(pattern=r"^[A-Za-z0-9_\-]{1,64}$")]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class SignForClock(Strict):
    normal: Duration = timedelta(hours=2)
    high: Duration = timedelta(minutes=30)
    emergency: Duration = timedelta(minutes=15)


class Clocks(Strict):
    sign_for: SignForClock = SignForClock()
    # After a missed sign-for: the assignee is reminded, and after this much more the station head.
    escalate_after: Duration = timedelta(hours=1)
    first_contact: Duration = timedelta(hours=24)
    resolution_working_days: int = 7
    resolution_complex_working_days: int = 15
    # Labour mediation has its own statutory period, in calendar days.
    resolution_labor_days: int = 15
    survey_after: Duration = timedelta(hours=24)
    survey_reminder_after: Duration = timedelta(hours=48)
    survey_visit_after: Duration = timedelta(hours=72)
    agreement_check_after: Duration = timedelta(days=7)
    # A possible danger (told as maybe past): minutes the resident has to answer the question
    # before it is handled as an emergency.
    danger_question_minutes: int = Field(3, ge=1, le=60)


class Limits(Strict):
    cases_per_day: int = Field(5, ge=1)
    # More messages than this in one minute from one chat get one polite answer, then silence.
    messages_per_minute: int = Field(20, ge=1)


class Schedule(Strict):
    """Cron expressions (minute hour day month weekday) in the district's timezone."""

    daily_digest: str = "30 8 * * *"
    weekly_report: str = "30 8 * * mon"
    # Anonymise closed cases older than ``privacy.retention_days`` (see README, privacy).
    retention: str = "0 3 * * *"


class CalendarOverrides(Strict):
    """Days the ``chinese_calendar`` package does not know yet (it learns each year's holidays
    after the State Council announces them) or that the district keeps differently."""

    holidays: list[date] = []
    workdays: list[date] = []


class Privacy(Strict):
    """How long closed cases keep what residents wrote: after ``retention_days`` past closure the
    text, notes and comments are anonymised (the case row stays for the figures); 0 keeps them."""

    retention_days: int = Field(365, ge=0)


class DistrictSettings(Strict):
    clocks: Clocks = Clocks()
    calendar: CalendarOverrides = CalendarOverrides()
    limits: Limits = Limits()
    schedule: Schedule = Schedule()
    privacy: Privacy = Privacy()


class MicroGridSpec(Strict):
    id: Id
    name: str
    buildings: list[str] = []
    # [[longitude, latitude], ...]; at least three points when given
    polygon: list[tuple[float, float]] = []
    grid_worker: Id | None = None


class GridSpec(Strict):
    id: Id
    name: str
    grid_worker: Id | None = None
    micro_grids: list[MicroGridSpec] = []


class StationSpec(Strict):
    id: Id
    name: str


class CommunitySpec(Strict):
    id: Id
    name: str
    kind: Literal["community", "village"] = "community"
    station: StationSpec | None = None
    grids: list[GridSpec] = []


class StaffSpec(Strict):
    id: Id
    name: str
    role: Literal[ROLES]  # type: ignore[valid-type]
    community: Id | None = None
    department: Id | None = None
    phone: str | None = None
    # The language of every message this person gets; None: the client's language at enrolment.
    locale: Literal[LOCALES] | None = None  # type: ignore[valid-type]


class RoomSpec(Strict):
    id: Id
    name: str
    community: Id | None = None
    categories: list[Literal[CATEGORIES]] = []  # type: ignore[valid-type]
    members: list[Id] = Field(min_length=1)


class DepartmentSpec(Strict):
    id: Id
    name: str
    hotline: str | None = None
    categories: list[Literal[CATEGORIES]] = []  # type: ignore[valid-type]


class RuleSpec(Strict):
    id: Id
    categories: list[Literal[CATEGORIES]] = []  # type: ignore[valid-type]
    urgencies: list[Literal[URGENCIES]] = []  # type: ignore[valid-type]
    communities: list[Id] = []
    target: Annotated[str, Field(pattern=r"^(grid_worker|police|station_head|centre|none|room:[A-Za-z0-9_\-]+|dept:[A-Za-z0-9_\-]+)$")]
    notify: list[Literal["police", "station_head", "centre", "grid_worker"]] = []
    referred: bool = False
    complex: bool = False


class DistrictSpec(Strict):
    id: Id
    name: str
    case_prefix: Annotated[str, Field(pattern=r"^[A-Z]{1,8}$")]
    timezone: str = "Asia/Shanghai"


class Roster(Strict):
    district: DistrictSpec
    settings: DistrictSettings = DistrictSettings()
    communities: list[CommunitySpec] = Field(min_length=1)
    staff: list[StaffSpec] = []
    rooms: list[RoomSpec] = []
    departments: list[DepartmentSpec] = []
    routing: list[RuleSpec] = Field(min_length=1)
