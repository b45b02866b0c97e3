"""``linli report`` and ``linli seed-demo-data``: the figures from the command line, and a
realistic history so that a new user sees full reports at once: residents' messages from the
corpus, read by the classifier and routed by the roster's rules exactly as the bot routes a report.

Why a ``register(app)`` function: bot/cli.py stays the one list of commands (it calls
``register``), while this module can be tested on its own Typer app.

Demo data is always marked: ``Case.is_demo`` is true, case numbers contain ``DEMO``
(``TYDEMO20260115-0003``), residents are ``演示居民N`` on the channel ``demo``. Demo cases get no
pending clock, so the scheduler never reminds or escalates anything about them to real staff.
"""

from __future__ import annotations

import asyncio
import random
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, TypeVar
from zoneinfo import ZoneInfo

import typer

import nlp
from bot import reports
from bot.app import App
from bot.cliutil import cli_locale, console, err, fail, help_text, run_with_app
from handlers import routing
from handlers.figures import Period
from i18n import LOCALES, t
from nlp import Classification
from storage import models as m
from storage.roster_schema import DistrictSettings

if TYPE_CHECKING:
    from rich.progress import Progress

T = TypeVar("T")
FORMATS = ("table", "xlsx", "png")


def _date(value: str | None) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError as exc:
        raise fail(t("report.cli_bad_date", None, value=value), 2) from exc


def _progress() -> Progress:
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    return Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                    console=err, transient=True)


def resolve_period(start: date | None, end: date | None, now: datetime, tz: ZoneInfo) -> Period:
    """Default: this month. Only ``--from``: up to today. Only ``--to``: from the first of its month."""
    if start is None and end is None:
        return Period.month_of(now, tz)
    today = now.astimezone(tz).date()
    if start is None:
        assert end is not None
        start = end.replace(day=1)
    if end is None:
        end = max(today, start)
    if end < start:
        raise fail(t("report.cli_bad_range", None, start=start, end=end), 2)
    return Period(start, end, tz)


# --------------------------------------------------------------------------- report


def report(
    from_: Annotated[str | None, typer.Option("--from", help=help_text("help.report.from"))] = None,
    to: Annotated[str | None, typer.Option("--to", help=help_text("help.report.to"))] = None,
    community: Annotated[str | None, typer.Option("--community", help=help_text("help.report.community"))] = None,
    fmt: Annotated[str, typer.Option("--format", help=help_text("help.report.format"))] = "table",
    output: Annotated[Path, typer.Option("--output", help=help_text("help.report.output"))] = Path("reports"),
    lang: Annotated[str | None, typer.Option("--lang", help=help_text("help.report.lang"))] = None,
    demo: Annotated[bool, typer.Option("--demo/--no-demo", help=help_text("help.report.demo"))] = True,
) -> None:
    if fmt not in FORMATS:
        raise fail(t("report.cli_bad_format", None, value=fmt), 2)
    lang = lang or cli_locale()
    if lang not in LOCALES:
        raise fail(t("report.cli_bad_lang", None, value=lang, choices=", ".join(LOCALES)), 2)
    start, end = _date(from_), _date(to)

    async def work(application: App) -> list[Path]:
        now = datetime.now(UTC)
        with _progress() as progress:
            task = progress.add_task(t("report.cli_loading", lang), total=None)
            async with application.uow_factory() as uow:
                district = await uow.roster.district()
                tz = ZoneInfo(district.timezone if district else "Asia/Shanghai")
                period = resolve_period(start, end, now, tz)
                if community is not None and await uow.roster.community(community) is None:
                    choices = ", ".join(c.id for c in await uow.roster.communities())
                    raise fail(t("report.cli_unknown_community", None, value=community, choices=choices), 2)
                data = await reports.gather(uow, period, now, community, lang, include_demo=demo)
            progress.update(task, description=t("report.cli_building", lang), total=1)
            written: list[Path] = []
            if fmt == "table":
                progress.stop()
                reports.render_table(data, console)
                return written
            prefix = f"linli-{community or 'all'}"
            if fmt == "xlsx":
                name = f"{prefix}-{period.start:%Y%m%d}-{period.end:%Y%m%d}.xlsx"
                written.append(await asyncio.to_thread(reports.build_workbook, data, output / name))
            if reports.charts_available():
                written += await asyncio.to_thread(reports.build_charts, data, output, prefix)
            else:
                console.print(t("jobs.charts_missing_cli", lang), style="yellow")
            progress.update(task, completed=1)
        if data.figures.empty:
            console.print(t("report.empty", lang, period=period.label), style="yellow")
        for path in written:
            console.print(t("report.cli_written", lang, path=path))
        return written

    run_with_app(work, prepare=True)


# --------------------------------------------------------------------------- demo data

_CATEGORY_WEIGHTS = {
    "neighbor": 20, "property": 12, "labor": 10, "rental": 8, "family": 8, "environment": 8, "consult": 6,
    "consumer": 6, "debt": 5, "hazard": 4, "traffic": 4, "security": 4, "minors": 2, "land": 2, "other": 1,
}
_URGENCY_WEIGHTS = {"normal": 85, "high": 13, "emergency": 2}
_OUTCOME_WEIGHTS = {"mediated": 45, "explained": 30, "referred_court": 7, "referred_dept": 8, "not_ours": 5,
                    "withdrawn": 5}


@dataclass
class _Roster:
    prefix: str
    tz: ZoneInfo
    settings: DistrictSettings
    grids: list[m.Grid]


def _weighted(rng: random.Random, weights: dict[str, int]) -> str:
    return rng.choices(list(weights), weights=list(weights.values()))[0]


def _message_bank() -> dict[str, list[tuple[str, str]]]:
    """Residents' messages by labelled category: the hand-written corpus the classifier learns from,
    so demo cases read like real reports and go through the real classifier and routing."""
    from nlp.train import data_path, read_jsonl

    bank: dict[str, list[tuple[str, str]]] = {}
    for example in read_jsonl(data_path("corpus.jsonl")):
        bank.setdefault(example.category, []).append((example.text, example.urgency or "normal"))
    return bank


def _pick_text(rng: random.Random, bank: dict[str, list[tuple[str, str]]]) -> str:
    """A message of a category drawn by how often districts see it, emergencies rare as in life."""
    lines = bank.get(_weighted(rng, _CATEGORY_WEIGHTS)) or [line for rows in bank.values() for line in rows]
    present = {urgency for _, urgency in lines}
    urgency = _weighted(rng, {u: w for u, w in _URGENCY_WEIGHTS.items() if u in present})
    return rng.choice([text for text, u in lines if u == urgency])


@dataclass
class _Report:
    """One demo report as the bot would have taken it: who wrote what, how it was read and routed."""

    resident: m.Resident
    text: str
    classification: Classification
    decision: routing.Decision


class _Seeder:
    """Plays each case's life forward from its creation, stopping at ``now``."""

    def __init__(self, r: _Roster, rng: random.Random, now: datetime, residents: list[m.Resident]) -> None:
        self.r, self.rng, self.now, self.residents = r, rng, now, residents
        self.events: list[tuple[int, str, datetime, str, str | None, str | None, dict[str, Any]]] = []
        self.clocks: list[tuple[int, str, datetime, str, datetime | None]] = []

    def _ev(self, i: int, at: datetime, actor: str, action: str, frm: str | None, to: str | None,
            **data: Any) -> None:
        self.events.append((i, action, at, actor, frm, to, data))

    def case(self, i: int, number: str, created: datetime, report: _Report) -> m.Case:
        from handlers.clocks import resolution_due, sign_for_after

        rng, r = self.rng, self.r
        resident, c, decision = report.resident, report.classification, report.decision
        category, urgency = c.category, c.urgency
        assignee = decision.assignee.id if decision.assignee else None
        referred = decision.referred
        case = m.Case(number=number, resident_id=resident.id, district_id="", community_id=resident.community_id,
                      grid_id=resident.grid_id, micro_grid_id=resident.micro_grid_id, text=report.text,
                      category=category, urgency=urgency, confidence=c.confidence, flags=sorted(c.flags),
                      state="new", created_at=created, complex=decision.complex, reopen_count=0, is_demo=True,
                      assignee_id=assignee, room_id=decision.room.id if decision.room else None,
                      department_id=decision.department.id if decision.department else None)
        self._ev(i, created, "resident", "opened", None, "new", category=category, urgency=urgency)
        assigned = created + timedelta(seconds=rng.randint(2, 30))
        case.assigned_at = assigned
        state = "referred" if referred else "assigned"
        self._ev(i, assigned, "system", "routed", "new", state, assignee=assignee)
        case.state = state
        case.resolution_due = resolution_due(case, r.settings, r.tz, assigned)
        if not referred:
            case.sign_for_due = assigned + sign_for_after(r.settings, urgency)
        self._work_round(i, case, assigned, sign_for_after(r.settings, urgency))
        return case

    def _work_round(self, i: int, case: m.Case, start: datetime, sign_window: timedelta) -> None:
        """Sign for, work, close, survey; an unhappy answer reopens and plays one more round."""
        rng, now = self.rng, self.now
        actor = f"staff:{case.assignee_id}"
        if case.state in ("assigned", "reopened"):
            # 85% sign within the clock; the rest late (some very late).
            frac = rng.uniform(0.05, 0.95) if rng.random() < 0.85 else rng.uniform(1.1, 6.0)
            signed = start + sign_window * frac
            if signed > now:
                if case.sign_for_due and case.sign_for_due <= now:
                    self.clocks.append((i, "sign_for", case.sign_for_due, "done", case.sign_for_due))
                return
            if case.sign_for_due and signed > case.sign_for_due:
                self.clocks.append((i, "sign_for", case.sign_for_due, "done", case.sign_for_due))
            self._ev(i, signed, actor, "accepted", case.state, "accepted")
            case.state, case.accepted_at = "accepted", signed
            contact = signed + timedelta(hours=rng.uniform(0.2, 20))
            if contact > now:
                return
            self._ev(i, contact, actor, "first_contact", "accepted", "accepted", how="call")
            self._ev(i, contact, actor, "in_progress", "accepted", "in_progress")
            case.first_contact_at, case.state = contact, "in_progress"
            work_start = contact
        else:  # referred at routing: the department works it without a sign-for
            work_start = start
        due = case.resolution_due or start + timedelta(days=9)
        span = due - start
        ratio = rng.uniform(0.05, 0.9) if rng.random() < 0.82 else rng.uniform(1.05, 2.0)
        closed = max(work_start + timedelta(hours=1), start + span * ratio)
        if closed > now:
            if due <= now:
                self.clocks.append((i, "resolution", due, "done", due))
            return
        outcome = _weighted(self.rng, _OUTCOME_WEIGHTS)
        if outcome == "withdrawn":
            self._ev(i, closed, "resident", "withdrawn", case.state, "withdrawn")
            case.state, case.outcome, case.closed_at = "withdrawn", "withdrawn", closed
            return
        self._ev(i, closed, actor, "closed", case.state, "closed", outcome=outcome)
        case.state, case.outcome, case.closed_at = "closed", outcome, closed
        case.summary, case.satisfaction = "演示：已办结", None
        survey_at = closed + self.r.settings.clocks.survey_after
        if survey_at > now:
            return
        self._ev(i, survey_at, "system", "survey_sent", "closed", "closed")
        self.clocks.append((i, "survey", survey_at, "done", survey_at))
        if rng.random() >= 0.75:  # not answered: the 72 h visit task
            visit = closed + self.r.settings.clocks.survey_visit_after
            if visit <= now:
                self._ev(i, visit, "system", "visit_task", "closed", "closed")
            return
        answered = survey_at + timedelta(hours=rng.uniform(0.1, 30))
        if answered > now:
            return
        answer = rng.choices(("satisfied", "basic", "unsatisfied"), (68, 22, 10))[0]
        case.satisfaction = answer
        self._ev(i, answered, "resident", "survey_answered", "closed", "closed", answer=answer)
        if answer != "unsatisfied":
            self._ev(i, answered, "resident", "settled", "closed", "settled")
            case.state = "settled"
            return
        if case.reopen_count >= 1:
            return
        # 不满意 reopens the case: same handler, new clocks, one more round.
        from handlers.clocks import resolution_due, sign_for_after

        self._ev(i, answered, "resident", "reopened", "closed", "reopened", note="unsatisfied")
        case.state, case.reopen_count, case.outcome = "reopened", 1, None
        case.sign_for_due = answered + sign_for_after(self.r.settings, case.urgency)
        case.resolution_due = resolution_due(case, self.r.settings, self.r.tz, answered)
        self._work_round(i, case, answered, sign_for_after(self.r.settings, case.urgency))


class _Reports:
    """Demo reports drawn from the message bank, classified and routed as the bot does; a message
    the roster routes to nobody (a greeting, thanks) opens no case, as in the bot, and is skipped."""

    def __init__(self, uow: Any, rng: random.Random, residents: list[m.Resident]) -> None:
        self.uow, self.rng, self.residents = uow, rng, residents
        self.bank = _message_bank()
        self.decisions: dict[tuple[object, ...], routing.Decision] = {}
        nlp.initialize()

    async def next(self) -> _Report:
        while True:
            text = _pick_text(self.rng, self.bank)
            c = nlp.classify(text)
            resident = self.rng.choice(self.residents)
            # Routing depends only on these; the roster does not change while seeding.
            key = (c.category, c.urgency, c.flags, resident.community_id, resident.grid_id, resident.micro_grid_id)
            decision = self.decisions.get(key)
            if decision is None:
                decision = await routing.decide(self.uow, resident, c.category, c.urgency, tuple(c.flags))
                self.decisions[key] = decision
            if not decision.none:
                return _Report(resident, text, c, decision)


def _created_times(rng: random.Random, n: int, now: datetime, tz: ZoneInfo, days: int) -> list[datetime]:
    """Mostly office hours, fewer at weekends, spread over the last ``days`` days."""
    out = []
    while len(out) < n:
        moment = now - timedelta(seconds=rng.uniform(0, days * 86400))
        local = moment.astimezone(tz)
        weight = (0.15 if local.hour < 7 or local.hour >= 22 else 1.0) * (0.6 if local.weekday() >= 5 else 1.0)
        if rng.random() < weight:
            out.append(moment)
    return sorted(out)


async def seed_demo(application: App, cases: int, *, days: int = 90, seed: int | None = None,
                    now: datetime | None = None, progress: Progress | None = None) -> tuple[int, date, date]:
    """Insert ``cases`` demo cases created over the last ``days`` days; returns (count, first, last day)."""
    now = now or datetime.now(UTC)
    rng = random.Random(seed)
    async with application.uow_factory() as uow:
        district = await uow.roster.district()
        if district is None:
            raise fail(t("report.cli_no_roster"))
        tz = ZoneInfo(district.timezone)
        roster = _Roster(
            prefix=district.case_prefix, tz=tz, settings=DistrictSettings.model_validate(district.settings or {}),
            grids=list(await uow.stats.all_grids()),
        )
        micro = {g.id: [mg for mg in g.micro_grids] for g in roster.grids}
        residents = list(await uow.stats.demo_residents())
        want = max(10, cases // 3)
        for k in range(len(residents), want):
            grid = rng.choice(roster.grids)
            mg = rng.choice(micro[grid.id]) if micro[grid.id] else None
            resident = m.Resident(channel="demo", chat_id=f"demo-{k + 1}", display_name=f"演示居民{k + 1}",
                                  community_id=grid.community_id, grid_id=grid.id,
                                  micro_grid_id=mg.id if mg else None,
                                  building=rng.choice(mg.buildings) if mg and mg.buildings else None,
                                  phone=f"1380000{k + 1:04d}", consented_at=now - timedelta(days=days + 1),
                                  registered_at=now - timedelta(days=days + 1), created_at=now - timedelta(days=days + 1))
            uow.residents.add(resident)
            residents.append(resident)
        await uow.flush()
        used = await uow.stats.demo_numbers()
        seeder = _Seeder(roster, rng, now, residents)
        task = progress.add_task(t("report.cli_seeding"), total=cases * 2) if progress else None
        counters: dict[str, int] = {}
        rows: list[m.Case] = []
        times = _created_times(rng, cases, now, tz, days)
        reports = _Reports(uow, rng, residents)
        for i, created in enumerate(times):
            day = created.astimezone(tz).strftime("%Y%m%d")
            while True:
                counters[day] = counters.get(day, 0) + 1
                number = f"{roster.prefix}DEMO{day}-{counters[day]:04d}"
                if number not in used:
                    break
            case = seeder.case(i, number, created, await reports.next())
            case.district_id = district.id
            rows.append(case)
            if progress and task is not None and i % 50 == 0:
                progress.update(task, completed=i)
        uow.session.add_all(rows)
        await uow.flush()
        if progress and task is not None:
            progress.update(task, completed=cases)
        batch: list[m.Base] = []
        for i, action, at, actor, frm, to, data in seeder.events:
            batch.append(m.CaseEvent(case_id=rows[i].id, at=at, actor=actor, action=action, from_state=frm,
                                     to_state=to, note=data.pop("note", None), data=data))
        for i, kind, due, state, done in seeder.clocks:
            batch.append(m.Clock(case_id=rows[i].id, kind=kind, due_at=due, state=state, data={"demo": True},
                                 created_at=rows[i].created_at, done_at=done))
        step = max(1, len(batch) // 20)
        for k in range(0, len(batch), step):
            uow.session.add_all(batch[k:k + step])
            await uow.flush()
            if progress and task is not None:
                progress.update(task, completed=cases + cases * min(len(batch), k + step) // max(1, len(batch)))
        await uow.commit()
    first = times[0].astimezone(tz).date() if times else now.date()
    last = times[-1].astimezone(tz).date() if times else now.date()
    return len(rows), first, last


async def clear_demo(application: App) -> int:
    async with application.uow_factory() as uow:
        count = await uow.stats.delete_demo()
        await uow.commit()
    return count


def seed_demo_data(
    cases: Annotated[int, typer.Option("--cases", help=help_text("help.seed.cases"))] = 500,
    days: Annotated[int, typer.Option("--days", help=help_text("help.seed.days"))] = 90,
    seed: Annotated[int | None, typer.Option("--seed", help=help_text("help.seed.seed"))] = None,
    clear: Annotated[bool, typer.Option("--clear", help=help_text("help.seed.clear"))] = False,
) -> None:
    if clear:
        count = run_with_app(clear_demo, prepare=True)
        console.print(t("report.cli_cleared", None, count=count))
        return
    if not 1 <= cases <= 100_000:
        raise fail(t("report.cli_seed_range"), 2)

    async def work(application: App) -> tuple[int, date, date]:
        with _progress() as progress:
            return await seed_demo(application, cases, days=days, seed=seed, progress=progress)

    count, first, last = run_with_app(work, prepare=True)
    console.print(t("report.cli_seeded", None, count=count, start=first, end=last))


def register(app: typer.Typer) -> None:
    """Add ``report`` and ``seed-demo-data`` to the ``linli`` command line."""
    app.command("report", help=help_text("help.report"))(report)
    app.command("seed-demo-data", help=help_text("help.seed"))(seed_demo_data)
