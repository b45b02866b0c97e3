"""The figures station heads and the district centre are judged on: pure computation, no I/O.

Why pure: the same numbers appear in the terminal table, the Excel workbook, the charts, the
``/stats`` answer and the digests; computing them in one place from plain rows means they cannot
disagree, and tests can check every figure against a hand-made history.

Definitions (also in README.md, "Figures"):

Period
    A case belongs to the period in which it was **created**, by its local date in the district's
    time zone (``District.timezone``, e.g. Asia/Shanghai); both ends of ``--from``/``--to`` are
    included. Every figure below is computed over the cases of the period, in their state at ``now``.

响应率 (response rate)
    cases signed for (签收) within the sign-for clock ÷ cases assigned. *Assigned* means routed to
    someone with a sign-for clock (``sign_for_due`` set; cases referred to a department at routing
    have no such clock and are not counted). A case whose clock is still running and that is not
    yet signed for is neither met nor missed: it is left out and shown as "awaiting sign-for".
    A reassignment or a reopening starts a new clock: the case is judged on its latest one.

按期办结率 (on-time closure rate)
    cases closed within the resolution clock (``closed_at <= resolution_due``) ÷ cases closed.
    *Closed* means in state closed or settled now (a reopened case is open again); withdrawn
    cases (撤回, the resident's choice) are not closures and are counted apart.

解决率 (resolution rate)
    cases closed as 调解成功 (``mediated``) or 已解释说明 (``explained``) and never reopened ÷ cases
    closed. Referrals (court/arbitration, department) and 不属于受理范围 (``not_ours``) stay in the
    denominator, are counted apart, and are never solved.

满意率 (satisfaction rate)
    (满意 + 基本满意) ÷ surveys answered. Beside it: surveys answered ÷ surveys sent (a survey is
    sent when its 回访 clock has run after the latest closure; an answer counts as sent).

Also: reopen rate (cases reopened at least once ÷ cases ever closed), cases by category,
urgency, community, grid, handler (current assignee) and outcome, median time to sign for
(assignment → 签收) and to close (creation → closure), and cases of the period still open at
``now`` by age (since creation).

An empty period gives zero counts and rates of ``None`` (shown as "—"), never a division error.
"""

from __future__ import annotations

import statistics
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from typing import Any, Protocol
from zoneinfo import ZoneInfo

from i18n import MESSAGES, t

OPEN_STATES = ("new", "assigned", "accepted", "in_progress", "reopened", "referred")
CLOSED_STATES = ("closed", "settled")
NOT_SIGNED_STATES = ("new", "assigned", "reopened")
SOLVED_OUTCOMES = ("mediated", "explained")
REFERRAL_OUTCOMES = ("referred_court", "referred_dept")
OUTCOMES = ("mediated", "explained", "referred_court", "referred_dept", "not_ours", "withdrawn")
SATISFACTIONS = ("satisfied", "basic", "unsatisfied")
CATEGORIES = (
    "labor", "rental", "neighbor", "family", "property", "consumer", "traffic", "debt", "land",
    "security", "minors", "hazard", "environment", "consult", "other",
)
URGENCIES = ("emergency", "high", "normal")
# Open cases by age since creation: (upper bound in days or None, bucket id).
AGE_BUCKETS: tuple[tuple[int | None, str], ...] = (
    (1, "lt1d"), (3, "d1_3"), (7, "d3_7"), (15, "d7_15"), (None, "ge15d"),
)
# Events that start a sign-for round (a case may be assigned, reassigned, reopened).
ASSIGN_ACTIONS = ("routed", "reassigned", "reopened")


class CaseLike(Protocol):
    """What ``CaseFacts.from_case`` reads: a ``storage.models.Case`` or anything shaped like it."""

    id: int
    number: str
    created_at: datetime
    community_id: str | None
    grid_id: str | None
    assignee_id: str | None
    category: str
    urgency: str
    state: str
    outcome: str | None
    assigned_at: datetime | None
    accepted_at: datetime | None
    sign_for_due: datetime | None
    closed_at: datetime | None
    resolution_due: datetime | None
    satisfaction: str | None
    reopen_count: int
    is_demo: bool
    text: str


@dataclass(frozen=True)
class Event:
    """The part of a ``case_event`` row the figures need."""

    action: str
    at: datetime
    to_state: str | None = None


@dataclass(frozen=True)
class CaseFacts:
    """One case as the figures see it: the row, plus what only the audit log knows."""

    id: int
    number: str
    created_at: datetime
    community_id: str | None
    grid_id: str | None
    assignee_id: str | None
    category: str
    urgency: str
    state: str
    outcome: str | None
    assigned_at: datetime | None
    signed_at: datetime | None
    sign_for_due: datetime | None
    closed_at: datetime | None
    resolution_due: datetime | None
    satisfaction: str | None
    reopen_count: int
    survey_sent: bool
    is_demo: bool = False
    text: str = ""

    @classmethod
    def from_case(cls, case: CaseLike, events: Sequence[Event] | None = None) -> CaseFacts:
        """Build from a case row and (optionally) its events.

        With events, the sign-for time is the first 签收 after the latest assignment (so a stale
        ``accepted_at`` from before a reopening never counts) and a survey counts as sent when a
        ``survey_sent`` event follows the latest closure. Without them, the row alone is used.
        """
        state = case.state
        assigned_at = case.assigned_at
        signed_at = case.accepted_at if state not in NOT_SIGNED_STATES else None
        closed = state in CLOSED_STATES
        survey_sent = case.satisfaction is not None or closed
        if events is not None:
            ordered = sorted(events, key=lambda e: e.at)
            rounds = [e.at for e in ordered
                      if e.action in ASSIGN_ACTIONS and (e.action != "routed" or e.to_state == "assigned")]
            if rounds:
                assigned_at = rounds[-1]
            since = rounds[-1] if rounds else None
            accepted = [e.at for e in ordered if e.action == "accepted" and (since is None or e.at >= since)]
            if not any(e.action == "accepted" for e in ordered) and case.accepted_at is not None:
                accepted = [case.accepted_at] if since is None or case.accepted_at >= since else []
            signed_at = accepted[0] if accepted and state not in NOT_SIGNED_STATES else None
            sent = case.closed_at is not None and any(
                e.action == "survey_sent" and e.at >= case.closed_at for e in ordered
            )
            survey_sent = case.satisfaction is not None or (closed and sent)
        return cls(
            id=case.id, number=case.number, created_at=case.created_at, community_id=case.community_id,
            grid_id=case.grid_id, assignee_id=case.assignee_id, category=case.category, urgency=case.urgency,
            state=state, outcome=case.outcome, assigned_at=assigned_at, signed_at=signed_at,
            sign_for_due=case.sign_for_due, closed_at=case.closed_at, resolution_due=case.resolution_due,
            satisfaction=case.satisfaction, reopen_count=case.reopen_count or 0, survey_sent=survey_sent,
            is_demo=bool(case.is_demo), text=case.text or "",
        )

    # ------------------------------------------------------------------ per-case judgements

    @property
    def is_open(self) -> bool:
        return self.state in OPEN_STATES

    @property
    def is_closed(self) -> bool:
        return self.state in CLOSED_STATES

    @property
    def ever_closed(self) -> bool:
        return self.is_closed or self.reopen_count > 0

    def response(self, now: datetime) -> bool | None:
        """True: signed for in time; False: missed; None: no sign-for clock, or still running."""
        if self.sign_for_due is None or self.assigned_at is None:
            return None
        if self.signed_at is not None:
            return self.signed_at <= self.sign_for_due
        return False if now > self.sign_for_due else None

    @property
    def closed_on_time(self) -> bool:
        return (self.is_closed and self.closed_at is not None and self.resolution_due is not None
                and self.closed_at <= self.resolution_due)

    @property
    def solved(self) -> bool:
        return self.is_closed and self.outcome in SOLVED_OUTCOMES and self.reopen_count == 0

    def overdue(self, now: datetime) -> bool:
        """Open and past a clock: not signed for by its due time, or not resolved by its due time."""
        if self.state in ("assigned", "reopened") and self.sign_for_due and self.sign_for_due < now:
            return True
        return self.is_open and self.resolution_due is not None and self.resolution_due < now


@dataclass(frozen=True)
class Period:
    """Local calendar days ``start``..``end`` (both included) in the district's time zone."""

    start: date
    end: date
    tz: ZoneInfo = field(default_factory=lambda: ZoneInfo("Asia/Shanghai"))

    def __post_init__(self) -> None:
        if self.end < self.start:
            raise ValueError(f"period ends ({self.end}) before it starts ({self.start})")

    @classmethod
    def month_of(cls, now: datetime, tz: ZoneInfo) -> Period:
        """The calendar month containing ``now`` (local), up to its last day."""
        local = now.astimezone(tz).date()
        first = local.replace(day=1)
        nxt = (first + timedelta(days=32)).replace(day=1)
        return cls(first, nxt - timedelta(days=1), tz)

    @classmethod
    def last_week(cls, now: datetime, tz: ZoneInfo) -> Period:
        """Monday to Sunday of the week before ``now``'s week: what the Monday report covers."""
        local = now.astimezone(tz).date()
        monday = local - timedelta(days=local.weekday())
        return cls(monday - timedelta(days=7), monday - timedelta(days=1), tz)

    def bounds(self) -> tuple[datetime, datetime]:
        """[start, end) as aware UTC datetimes, for the database query."""
        lo = datetime.combine(self.start, time(0), tzinfo=self.tz)
        hi = datetime.combine(self.end + timedelta(days=1), time(0), tzinfo=self.tz)
        return lo.astimezone(UTC), hi.astimezone(UTC)

    def contains(self, moment: datetime) -> bool:
        lo, hi = self.bounds()
        return lo <= moment < hi

    @property
    def label(self) -> str:
        return f"{self.start.isoformat()} – {self.end.isoformat()}"


@dataclass(frozen=True)
class Rate:
    """A ratio that knows its parts, so every rate can be shown as "75.0%（3/4）"."""

    numerator: int
    denominator: int

    @property
    def value(self) -> float | None:
        return self.numerator / self.denominator if self.denominator else None

    def percent(self) -> str:
        v = self.value
        return "—" if v is None else f"{v * 100:.1f}%"

    def text(self) -> str:
        return f"{self.percent()} ({self.numerator}/{self.denominator})"


@dataclass(frozen=True)
class Figures:
    """Every figure of one scope and period; ``by_*`` maps an id (or code) to a case count."""

    period: Period
    now: datetime
    total: int
    response: Rate
    awaiting_sign_for: int
    on_time: Rate
    resolution: Rate
    satisfaction: Rate
    surveys_answered: Rate
    reopen: Rate
    closed: int
    open: int
    withdrawn: int
    referred: int
    not_ours: int
    overdue: int
    median_sign_for: timedelta | None
    median_close: timedelta | None
    by_category: dict[str, int]
    by_urgency: dict[str, int]
    by_community: dict[str, int]
    by_grid: dict[str, int]
    by_handler: dict[str, int]
    by_outcome: dict[str, int]
    by_satisfaction: dict[str, int]
    open_by_age: dict[str, int]

    @property
    def empty(self) -> bool:
        return self.total == 0


def in_period(cases: Iterable[CaseFacts], period: Period) -> list[CaseFacts]:
    lo, hi = period.bounds()
    return [c for c in cases if lo <= c.created_at < hi]


def scoped(cases: Iterable[CaseFacts], community_id: str | None = None,
           handler_id: str | None = None) -> list[CaseFacts]:
    """The cases of one community and/or one handler (current assignee); None means all."""
    return [c for c in cases
            if (community_id is None or c.community_id == community_id)
            and (handler_id is None or c.assignee_id == handler_id)]


def _median(values: list[timedelta]) -> timedelta | None:
    if not values:
        return None
    return timedelta(seconds=statistics.median(v.total_seconds() for v in values))


def _count(values: Iterable[str | None], order: Sequence[str] = ()) -> dict[str, int]:
    """Counts in a stable order: the known codes first (zeros included), then the rest sorted."""
    counter = Counter(v if v is not None else "-" for v in values)
    out = {k: counter.get(k, 0) for k in order}
    for k in sorted(counter):
        if k not in out:
            out[k] = counter[k]
    return out


def age_bucket(age: timedelta) -> str:
    days = age.total_seconds() / 86400
    for upper, name in AGE_BUCKETS:
        if upper is None or days < upper:
            return name
    return AGE_BUCKETS[-1][1]


def compute(cases: Iterable[CaseFacts], period: Period, now: datetime) -> Figures:
    """All figures for the cases created in ``period``, judged as they stand at ``now``."""
    rows = in_period(cases, period)
    judged = [(c, c.response(now)) for c in rows]
    responded = [r for _, r in judged if r is not None]
    awaiting = sum(1 for c, r in judged if r is None and c.sign_for_due is not None and c.is_open)
    closed = [c for c in rows if c.is_closed]
    answered = [c for c in rows if c.satisfaction is not None]
    sent = [c for c in rows if c.survey_sent]
    ever_closed = [c for c in rows if c.ever_closed]
    open_rows = [c for c in rows if c.is_open]
    sign_times = [c.signed_at - c.assigned_at for c in rows
                  if c.signed_at is not None and c.assigned_at is not None and c.signed_at >= c.assigned_at]
    close_times = [c.closed_at - c.created_at for c in closed if c.closed_at is not None]
    return Figures(
        period=period,
        now=now,
        total=len(rows),
        response=Rate(sum(1 for r in responded if r), len(responded)),
        awaiting_sign_for=awaiting,
        on_time=Rate(sum(1 for c in closed if c.closed_on_time), len(closed)),
        resolution=Rate(sum(1 for c in closed if c.solved), len(closed)),
        satisfaction=Rate(sum(1 for c in answered if c.satisfaction in ("satisfied", "basic")), len(answered)),
        surveys_answered=Rate(len(answered), len(sent)),
        reopen=Rate(sum(1 for c in ever_closed if c.reopen_count > 0), len(ever_closed)),
        closed=len(closed),
        open=len(open_rows),
        withdrawn=sum(1 for c in rows if c.state == "withdrawn"),
        referred=sum(1 for c in closed if c.outcome in REFERRAL_OUTCOMES),
        not_ours=sum(1 for c in closed if c.outcome == "not_ours"),
        overdue=sum(1 for c in open_rows if c.overdue(now)),
        median_sign_for=_median(sign_times),
        median_close=_median(close_times),
        by_category=_count((c.category for c in rows), CATEGORIES),
        by_urgency=_count((c.urgency for c in rows), URGENCIES),
        by_community=_count(c.community_id for c in rows),
        by_grid=_count(c.grid_id for c in rows),
        by_handler=_count(c.assignee_id for c in rows),
        by_outcome=_count((c.outcome for c in rows if c.is_closed or c.state == "withdrawn"), OUTCOMES),
        by_satisfaction=_count((c.satisfaction for c in answered), SATISFACTIONS),
        open_by_age=_count((age_bucket(now - c.created_at) for c in open_rows), [b for _, b in AGE_BUCKETS]),
    )


def compute_by(cases: Iterable[CaseFacts], period: Period, now: datetime, key: str) -> dict[str, Figures]:
    """Figures per community (``key="community_id"``) or per handler (``key="assignee_id"``)."""
    groups: dict[str, list[CaseFacts]] = {}
    for c in in_period(cases, period):
        groups.setdefault(getattr(c, key) or "-", []).append(c)
    return {k: compute(v, period, now) for k, v in sorted(groups.items())}


def weekly_counts(cases: Iterable[CaseFacts], period: Period) -> dict[date, Counter[str]]:
    """Cases per week (keyed by the local Monday) and category: the first chart.

    The weeks run from the first case's to the last case's (empty weeks between them included),
    so a period of "everything" does not draw thousands of empty weeks.
    """
    rows = in_period(cases, period)
    if not rows:
        return {}
    days = [c.created_at.astimezone(period.tz).date() for c in rows]
    out: dict[date, Counter[str]] = {}
    first, last = min(days), max(days)
    monday = first - timedelta(days=first.weekday())
    while monday <= last:
        out[monday] = Counter()
        monday += timedelta(days=7)
    for c, local in zip(rows, days, strict=True):
        out[local - timedelta(days=local.weekday())][c.category] += 1
    return out


# --------------------------------------------------------------------------- text for people


def duration_text(value: timedelta | None, locale: str | None = None) -> str:
    if value is None:
        return "—"
    hours = value.total_seconds() / 3600
    if hours < 48:
        return t("report.hours", locale, n=f"{hours:.1f}")
    return t("report.days", locale, n=f"{hours / 24:.1f}")


def label(kind: str, code: str, locale: str | None = None, names: dict[str, str] | None = None) -> str:
    """A code shown to people (kind: cat, urgency, outcome, state, sat, age) or an id by its name.

    Category, urgency, outcome and state labels are the workflow's own (``case.*``), so a report
    never calls a thing by another name than the chat does.
    """
    if names is not None:
        return names.get(code, code)
    for key in (f"report.{kind}.{code}", f"case.{kind}.{code}"):
        if key in MESSAGES:
            return t(key, locale)
    return code


def summary_rows(f: Figures, locale: str | None = None) -> list[tuple[str, str]]:
    """(label, value) lines shared by the terminal table, the workbook and the chat answer."""
    return [
        (t("report.total", locale), str(f.total)),
        (t("report.response_rate", locale), f.response.text()),
        (t("report.awaiting_sign_for", locale), str(f.awaiting_sign_for)),
        (t("report.on_time_rate", locale), f.on_time.text()),
        (t("report.resolution_rate", locale), f.resolution.text()),
        (t("report.satisfaction_rate", locale), f.satisfaction.text()),
        (t("report.surveys_answered", locale), f.surveys_answered.text()),
        (t("report.reopen_rate", locale), f.reopen.text()),
        (t("report.closed", locale), str(f.closed)),
        (t("report.referred", locale), str(f.referred)),
        (t("report.not_ours", locale), str(f.not_ours)),
        (t("report.withdrawn", locale), str(f.withdrawn)),
        (t("report.open", locale), str(f.open)),
        (t("report.overdue", locale), str(f.overdue)),
        (t("report.median_sign_for", locale), duration_text(f.median_sign_for, locale)),
        (t("report.median_close", locale), duration_text(f.median_close, locale)),
    ]


def render_figures_text(f: Figures, title: str, locale: str | None = None) -> str:
    """The chat answer to ``/stats``: a title, the period, then one figure a line."""
    head = t("report.title_line", locale, title=title, period=f.period.label)
    if f.empty:
        return f"{head}\n{t('report.empty', locale, period=f.period.label)}"
    lines = [head, *(f"{k}：{v}" if locale != "en" else f"{k}: {v}" for k, v in summary_rows(f, locale))]
    return "\n".join(lines)


@dataclass(frozen=True)
class Digest:
    """The daily digest for one station: what is new, what is overdue, what came back."""

    since: datetime
    now: datetime
    new: tuple[CaseFacts, ...]
    overdue: tuple[CaseFacts, ...]
    reopened: tuple[CaseFacts, ...]


def compute_digest(cases: Iterable[CaseFacts], now: datetime, since: datetime | None = None) -> Digest:
    """New since ``since`` (default 24 h), open and overdue now, and reopened awaiting sign-for."""
    since = since or now - timedelta(days=1)
    rows = list(cases)
    return Digest(
        since=since,
        now=now,
        new=tuple(c for c in rows if since <= c.created_at < now),
        overdue=tuple(c for c in rows if c.overdue(now)),
        reopened=tuple(c for c in rows if c.state == "reopened"),
    )


def render_digest_text(digest: Digest, station: str, locale: str | None = None, *,
                       category_label: Any = None, limit: int = 10) -> str:
    """The digest as one chat message, case numbers listed (at most ``limit`` per section)."""
    def section(key: str, items: tuple[CaseFacts, ...]) -> list[str]:
        lines = [t(key, locale, count=len(items))]
        for c in items[:limit]:
            cat = category_label(c.category, locale) if category_label else label("cat", c.category, locale)
            lines.append(f"  · {c.number} {cat}")
        if len(items) > limit:
            lines.append(t("report.digest_more", locale, count=len(items) - limit))
        return lines

    lines = [t("report.digest_title", locale, station=station)]
    if not (digest.new or digest.overdue or digest.reopened):
        lines.append(t("report.digest_nothing", locale))
        return "\n".join(lines)
    lines += section("report.digest_new", digest.new)
    lines += section("report.digest_overdue", digest.overdue)
    lines += section("report.digest_reopened", digest.reopened)
    return "\n".join(lines)


# --------------------------------------------------------------------------- reading from storage

FIGURE_EVENTS = (*ASSIGN_ACTIONS, "accepted", "survey_sent")


async def load_facts(uow: Any, period: Period, community_id: str | None = None,
                     handler_id: str | None = None, *, include_demo: bool = True) -> list[CaseFacts]:
    """The period's cases with the events the figures need: two queries, whatever the period.

    ``uow`` is a ``storage.uow.UnitOfWork`` (duck-typed so this module stays free of SQL).
    ``include_demo=False`` leaves out ``seed-demo-data`` cases: use it for anything people are
    assessed on once the district is live.
    """
    start, end = period.bounds()
    rows = await uow.stats.cases_created_between(start, end, community_id, handler_id, include_demo=include_demo)
    events: dict[int, list[Event]] = {}
    for case_id, action, at, to_state in await uow.stats.events_of_cases_created_between(
            start, end, FIGURE_EVENTS, community_id, handler_id, include_demo=include_demo):
        events.setdefault(case_id, []).append(Event(action, at, to_state))
    return [CaseFacts.from_case(c, events.get(c.id, [])) for c in rows]


async def load_digests(uow: Any, since: datetime, now: datetime) -> dict[str | None, Digest]:
    """Every station's digest from one query (demo cases left out), by community; None is the
    whole district. A digest needs only the case rows (creation, state, clocks), no events."""
    rows = [CaseFacts.from_case(c) for c in await uow.stats.digest_cases(since, now)]
    by_community: dict[str | None, list[CaseFacts]] = {None: rows}
    for c in rows:
        by_community.setdefault(c.community_id, []).append(c)
    return {k: compute_digest(v, now, since=since) for k, v in by_community.items()}


async def load_digest(uow: Any, community_id: str | None, now: datetime, tz: ZoneInfo, *,
                      include_demo: bool = False) -> Digest:
    """The daily digest of one community (None: the whole district), for the 08:30 job."""
    everything = Period(date(2000, 1, 1), now.astimezone(tz).date(), tz)
    facts = await load_facts(uow, everything, community_id, include_demo=include_demo)
    return compute_digest(facts, now)
