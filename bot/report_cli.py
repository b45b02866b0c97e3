"""``linli report`` and ``linli seed-demo-data``: the figures from the command line, and a
realistic history so that a new user sees full reports at once.

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
from typing import Annotated, Any, TypeVar
from zoneinfo import ZoneInfo

import typer
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from bot import reports
from bot.app import App
from bot.cliutil import console, err, fail, run_with_app
from handlers.figures import Period
from i18n import t
from storage import models as m
from storage.roster_schema import DistrictSettings

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
    from_: Annotated[str | None, typer.Option("--from", help="开始日期 YYYY-MM-DD（含）/ first day")] = None,
    to: Annotated[str | None, typer.Option("--to", help="结束日期 YYYY-MM-DD（含）/ last day")] = None,
    community: Annotated[str | None, typer.Option("--community", help="社区 id / community id")] = None,
    fmt: Annotated[str, typer.Option("--format", help="table | xlsx | png")] = "table",
    output: Annotated[Path, typer.Option("--output", help="输出目录 / output directory")] = Path("reports"),
    lang: Annotated[str, typer.Option("--lang", help="zh | en")] = "zh",
    demo: Annotated[bool, typer.Option("--demo/--no-demo", help="包含演示数据 / include demo cases")] = True,
) -> None:
    """统计报表：响应率、按期办结率、解决率、满意率 / figures as a table, Excel workbook or charts."""
    if fmt not in FORMATS:
        raise fail(t("report.cli_bad_format", None, value=fmt), 2)
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
            written += await asyncio.to_thread(reports.build_charts, data, output, prefix)
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
_TEXTS = {
    "neighbor": ["楼上装修天天从早上七点吵到晚上，{b}的邻居说了也不听", "楼上卫生间漏水，我家天花板都泡坏了，联系不上房东",
                 "隔壁邻居在楼道堆杂物，消防通道都堵了，说他还骂人", "邻居养的狗半夜一直叫，孩子睡不着"],
    "property": ["小区电梯坏了一个星期物业还没修，老人上不了楼", "物业费涨价没有公示，业主都不同意",
                 "地下车库漏水，物业一直推给开发商"],
    "labor": ["在工地干了三个月，包工头拖欠工资一万二，电话{p}", "外卖平台扣了我半个月的工资不给说法",
              "公司辞退我不给经济补偿"],
    "rental": ["退租时房东不退押金三千元，说墙面脏了", "中介收了中介费后房子不能住，要求退钱"],
    "family": ["和丈夫闹离婚，孩子抚养权谈不拢", "兄弟几个不愿意赡养老母亲，老人没人照顾"],
    "environment": ["夜市的烧烤油烟太大，窗户都不敢开", "工地晚上十一点还在施工，噪音很大", "路边垃圾好几天没人清运，臭得很"],
    "consult": ["想问一下高龄补贴怎么申请，身份证号{i}", "居住证在哪里办理，需要什么材料"],
    "consumer": ["海鲜排档宰客，一盘虾收了八百元", "预付卡的健身房突然关门了，卡里还有两千"],
    "debt": ["朋友借了我五万块钱两年不还，电话{p}", "装修队收了钱做了一半就跑了"],
    "hazard": ["楼道里有人拉电线给电动车充电，很危险", "小区门口的井盖丢了，晚上看不见"],
    "traffic": ["电动车被小轿车刮倒，对方不肯赔医药费", "停车时被倒车的车撞了，对方不认账"],
    "security": ["小区里最近老有人偷电动车电瓶", "有人在群里发兼职刷单，像是诈骗"],
    "minors": ["学校门口放学时车太多，孩子过马路很危险", "有未成年人晚上在网吧通宵"],
    "land": ["宅基地边界和邻居有争议，对方砌墙占了我家地", "征地补偿款分配不公，村里没给说法"],
    "other": ["谢谢网格员上次帮忙", "你好"],
}
_OUTCOME_WEIGHTS = {"mediated": 45, "explained": 30, "referred_court": 7, "referred_dept": 8, "not_ours": 5,
                    "withdrawn": 5}


@dataclass
class _Roster:
    prefix: str
    tz: ZoneInfo
    settings: DistrictSettings
    grids: list[m.Grid]
    staff: dict[str, m.Staff]
    rules: list[m.RoutingRule]
    rooms: dict[str, m.Room]


def _weighted(rng: random.Random, weights: dict[str, int]) -> str:
    return rng.choices(list(weights), weights=list(weights.values()))[0]


def _route(r: _Roster, category: str, grid: m.Grid) -> tuple[str | None, bool]:
    """The assignee and whether the case is referred, after the roster's rules (simplified)."""
    def role(role_name: str) -> str | None:
        return next((s.id for s in r.staff.values()
                     if s.role == role_name and s.community_id == grid.community_id and s.active), None)

    for rule in r.rules:
        if rule.categories and category not in rule.categories:
            continue
        if rule.communities and grid.community_id not in rule.communities:
            continue
        target = rule.target
        if target == "grid_worker":
            return grid.grid_worker_id or role("station_head"), rule.referred
        if target in ("police", "station_head"):
            return role(target) or role("station_head"), rule.referred
        if target == "centre":
            return next((s.id for s in r.staff.values() if s.role == "centre" and not s.department_id), None), False
        if target.startswith("room:") and (room := r.rooms.get(target[5:])) and room.members:
            return room.members[0], rule.referred
        if target.startswith("dept:"):
            dept = target[5:]
            return next((s.id for s in r.staff.values() if s.department_id == dept), None), True
        return role("station_head"), rule.referred
    return role("station_head"), False


class _Seeder:
    """Plays each case's life forward from its creation, stopping at ``now``."""

    def __init__(self, r: _Roster, rng: random.Random, now: datetime, residents: list[m.Resident]) -> None:
        self.r, self.rng, self.now, self.residents = r, rng, now, residents
        self.events: list[tuple[int, str, datetime, str, str | None, str | None, dict[str, Any]]] = []
        self.clocks: list[tuple[int, str, datetime, str, datetime | None]] = []

    def _ev(self, i: int, at: datetime, actor: str, action: str, frm: str | None, to: str | None,
            **data: Any) -> None:
        self.events.append((i, action, at, actor, frm, to, data))

    def case(self, i: int, number: str, created: datetime) -> m.Case:
        from handlers.clocks import resolution_due, sign_for_after

        rng, r = self.rng, self.r
        category = _weighted(rng, _CATEGORY_WEIGHTS)
        urgency = rng.choices(("normal", "high", "emergency"), (80, 16, 4))[0]
        resident = rng.choice(self.residents)
        grid = next((g for g in r.grids if g.id == resident.grid_id), rng.choice(r.grids))
        text = rng.choice(_TEXTS[category]).format(
            b=f"{rng.randint(1, 12)}栋", p=f"1{rng.choice('3589')}{rng.randint(100000000, 999999999)}",
            i=f"4602{rng.randint(10, 99)}19{rng.randint(50, 99)}{rng.randint(1000, 1231)}{rng.randint(100, 999)}X")
        assignee, referred = _route(r, category, grid)
        case = m.Case(number=number, resident_id=resident.id, district_id="", community_id=grid.community_id,
                      grid_id=grid.id, micro_grid_id=resident.micro_grid_id, text=text, category=category,
                      urgency=urgency, confidence=round(rng.uniform(0.55, 0.98), 2), flags=[], state="new",
                      created_at=created, complex=category == "land", reopen_count=0, is_demo=True,
                      assignee_id=assignee)
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
            grids=list(await uow.stats.all_grids()), staff={s.id: s for s in await uow.roster.all_staff()},
            rules=list(await uow.roster.rules()), rooms={r.id: r for r in await uow.roster.rooms()},
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
        for i, created in enumerate(times):
            day = created.astimezone(tz).strftime("%Y%m%d")
            while True:
                counters[day] = counters.get(day, 0) + 1
                number = f"{roster.prefix}DEMO{day}-{counters[day]:04d}"
                if number not in used:
                    break
            case = seeder.case(i, number, created)
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
    cases: Annotated[int, typer.Option("--cases", help="案件数 / number of cases")] = 500,
    days: Annotated[int, typer.Option("--days", help="时间跨度（天）/ history length in days")] = 90,
    seed: Annotated[int | None, typer.Option("--seed", help="随机种子 / random seed")] = None,
    clear: Annotated[bool, typer.Option("--clear", help="删除全部演示数据 / remove all demo data")] = False,
) -> None:
    """生成演示数据（标记为 DEMO）/ generate a realistic demo history, clearly marked as demo data."""
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
    app.command("report")(report)
    app.command("seed-demo-data")(seed_demo_data)
