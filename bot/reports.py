"""Reports for people: a rich table in the terminal, an Excel workbook, PNG charts.

Why here (bot/) and not in handlers/: these are output formats with heavy libraries (XlsxWriter,
matplotlib, rich); the numbers themselves come from ``handlers.figures`` so that every format,
the chat answer and the digests agree to the case.

Charts use a small CJK font shipped in the package (``bot/data/linli-cjk-subset.otf``: the
catalogue's, the sample roster's and the 3,755 most common characters, cut from Noto Sans CJK SC
under the OFL), so Chinese renders on any machine after ``pip install`` without a font package; a
system CJK font found by name fills in any character the subset lacks.
"""

from __future__ import annotations

import functools
import logging
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from importlib import resources
from pathlib import Path
from typing import Any

from rich.console import Console

from handlers import figures as fg
from handlers.figures import CaseFacts, Figures, Period
from i18n import MESSAGES, t
from nlp.entities import mask  # the one PII masker: the case sheet leaves the office by e-mail

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class ReportData:
    """Everything a report shows: the figures, per community and per handler, and the names."""

    district: str
    period: Period
    now: datetime
    title: str
    cases: tuple[CaseFacts, ...]
    figures: Figures
    by_community: dict[str, Figures]
    by_handler: dict[str, Figures]
    communities: dict[str, str]
    grids: dict[str, str]
    staff: dict[str, tuple[str, str]]  # id -> (name, role)
    locale: str | None = None

    def community_name(self, cid: str) -> str:
        return self.communities.get(cid, cid)

    def handler_name(self, sid: str) -> str:
        return self.staff.get(sid, (sid, ""))[0]


async def gather(uow: Any, period: Period, now: datetime, community_id: str | None = None,
                 locale: str | None = None, *, include_demo: bool = True) -> ReportData:
    """Read the period's cases and the roster names, and compute every figure once."""
    facts = await fg.load_facts(uow, period, community_id, include_demo=include_demo)
    district = await uow.roster.district()
    communities = {c.id: c.name for c in await uow.roster.communities()}
    grids = await uow.stats.grid_names()
    staff = await uow.roster.staff_names()
    district_name = district.name if district else ""
    title = communities.get(community_id, community_id) if community_id else t("report.district_all", locale)
    return build_data(facts, period, now, district=district_name, title=title, communities=communities,
                      grids=grids, staff=staff, locale=locale)


def build_data(facts: Sequence[CaseFacts], period: Period, now: datetime, *, district: str = "",
               title: str = "", communities: dict[str, str] | None = None, grids: dict[str, str] | None = None,
               staff: dict[str, tuple[str, str]] | None = None, locale: str | None = None) -> ReportData:
    rows = tuple(fg.in_period(facts, period))
    return ReportData(
        district=district, period=period, now=now, title=title or t("report.district_all", locale), cases=rows,
        figures=fg.compute(rows, period, now),
        by_community=fg.compute_by(rows, period, now, "community_id"),
        by_handler=fg.compute_by(rows, period, now, "assignee_id"),
        communities=communities or {}, grids=grids or {}, staff=staff or {}, locale=locale,
    )


# --------------------------------------------------------------------------- terminal


def _breakdowns(data: ReportData) -> list[tuple[str, str, dict[str, int], Callable[[str], str]]]:
    loc = data.locale
    f = data.figures
    return [
        ("report.by_category", "cat", f.by_category, lambda c: fg.label("cat", c, loc)),
        ("report.by_urgency", "urgency", f.by_urgency, lambda c: fg.label("urgency", c, loc)),
        ("report.by_outcome", "outcome", f.by_outcome, lambda c: fg.label("outcome", c, loc)),
        ("report.by_satisfaction", "sat", f.by_satisfaction, lambda c: fg.label("sat", c, loc)),
        ("report.open_by_age", "age", f.open_by_age, lambda c: fg.label("age", c, loc)),
        ("report.by_community", "", f.by_community, data.community_name),
        ("report.by_grid", "", f.by_grid, lambda c: data.grids.get(c, c)),
        ("report.by_handler", "", f.by_handler, data.handler_name),
    ]


def render_table(data: ReportData, console: Console) -> None:
    """The summary, the per-community rates and every breakdown, as rich tables."""
    from rich.table import Table

    loc = data.locale
    f = data.figures
    console.print(t("report.title_line", loc, title=f"{data.district} {data.title}".strip(),
                    period=data.period.label), style="bold")
    if f.empty:
        console.print(t("report.empty", loc, period=data.period.label), style="yellow")
        return
    demo = sum(1 for c in data.cases if c.is_demo)
    if demo:
        console.print(t("report.demo_warning", loc, count=demo), style="yellow")
    summary = Table(t("report.col_item", loc), t("report.col_value", loc), title=t("report.sheet_summary", loc))
    for k, v in fg.summary_rows(f, loc):
        summary.add_row(k, v)
    console.print(summary)
    if len(data.by_community) > 1:
        rates = Table(t("report.col_community", loc), t("report.total", loc), t("report.response_rate", loc),
                      t("report.on_time_rate", loc), t("report.resolution_rate", loc),
                      t("report.satisfaction_rate", loc), t("report.surveys_answered", loc),
                      title=t("report.by_community", loc))
        for cid, cf in data.by_community.items():
            rates.add_row(data.community_name(cid), str(cf.total), cf.response.text(), cf.on_time.text(),
                          cf.resolution.text(), cf.satisfaction.text(), cf.surveys_answered.text())
        console.print(rates)
    for key, _kind, counts, name in _breakdowns(data):
        if key == "report.by_community":
            continue
        table = Table(t("report.col_name", loc), t("report.col_count", loc), title=t(key, loc))
        for code, n in counts.items():
            if n:
                table.add_row(name(code), str(n))
        console.print(table)
    console.print(t("report.definitions", loc), style="dim")


# --------------------------------------------------------------------------- workbook

_BAD_SHEET_CHARS = re.compile(r"[\[\]:*?/\\]")


def _fit(text: str, units: int) -> str:
    """The longest prefix within ``units`` UTF-16 code units (Excel counts an emoji as two)."""
    out, used = [], 0
    for ch in text:
        used += 2 if ord(ch) > 0xFFFF else 1
        if used > units:
            break
        out.append(ch)
    return "".join(out)


def _sheet_title(raw: str, used: set[str]) -> str:
    """Excel sheet names: at most 31 UTF-16 units, none of []:*?/\\, no ' at either end, unique in
    the workbook."""
    base = _fit(_BAD_SHEET_CHARS.sub("-", raw), 31)
    if base.startswith("'") or base.endswith("'"):  # Excel refuses a name quoted at either end
        base = "-" + base[1:] if base.startswith("'") else base
        base = base[:-1] + "-" if base.endswith("'") else base
    name, n = base, 2
    while name.lower() in used:
        suffix = f"~{n}"
        name, n = _fit(base, 31 - len(suffix)) + suffix, n + 1
    used.add(name.lower())
    return name


def _local(moment: datetime | None, data: ReportData) -> datetime | None:
    """Excel has no time zones: write local wall-clock time, naive."""
    return moment.astimezone(data.period.tz).replace(tzinfo=None) if moment else None


class _Sheet:
    """One worksheet written top to bottom, rows and columns counted from 1 as in Excel.

    The workbook is written in XlsxWriter's constant-memory mode (a year of cases is well over
    100,000 rows): each row goes to disk once the next one starts, so a row written out of order
    would be lost without an error. This refuses it instead.
    """

    def __init__(self, ws: Any) -> None:
        self.ws = ws
        self.row = 0

    def cell(self, row: int, col: int, value: Any, fmt: Any = None) -> None:
        if row < self.row:
            raise ValueError(f"row {row} written after row {self.row}")
        self.row = row
        self.ws.write(row - 1, col - 1, value, fmt)

    def append(self, values: Sequence[Any], fmt: Any = None) -> None:
        self.row += 1
        self.ws.write_row(self.row - 1, 0, values, fmt)

    def width(self, letters: str, width: float) -> None:
        self.ws.set_column(f"{letters}:{letters}", width)


@dataclass(frozen=True)
class _Formats:
    bold: Any
    heading: Any
    warning: Any
    percent: Any

    @classmethod
    def of(cls, wb: Any) -> _Formats:
        return cls(bold=wb.add_format({"bold": True}), heading=wb.add_format({"bold": True, "font_size": 13}),
                   warning=wb.add_format({"bold": True, "font_color": "#C00000"}),
                   percent=wb.add_format({"num_format": "0.0%"}))


def _write_figures(ws: _Sheet, fmt: _Formats, data: ReportData, f: Figures, heading: str,
                   start_row: int = 1) -> int:
    loc = data.locale
    ws.cell(start_row, 1, heading, fmt.heading)
    ws.cell(start_row + 1, 1, t("report.title_line", loc, title="", period=data.period.label).strip("（）() "))
    row = start_row + 2
    if f.empty:
        ws.cell(row, 1, t("report.empty", loc, period=data.period.label))
        return row + 2
    ws.cell(row, 1, t("report.col_item", loc), fmt.bold)
    ws.cell(row, 2, t("report.col_value", loc), fmt.bold)
    ws.cell(row, 3, "%", fmt.bold)
    rates = {
        t("report.response_rate", loc): f.response, t("report.on_time_rate", loc): f.on_time,
        t("report.resolution_rate", loc): f.resolution, t("report.satisfaction_rate", loc): f.satisfaction,
        t("report.surveys_answered", loc): f.surveys_answered, t("report.reopen_rate", loc): f.reopen,
    }
    for k, v in fg.summary_rows(f, loc):
        row += 1
        ws.cell(row, 1, k)
        ws.cell(row, 2, v)
        if k in rates and rates[k].value is not None:
            ws.cell(row, 3, rates[k].value, fmt.percent)
    return row + 2


def _write_counts(ws: _Sheet, fmt: _Formats, row: int, title: str, counts: dict[str, int],
                  name: Callable[[str], str], loc: str | None) -> int:
    ws.cell(row, 1, title, fmt.bold)
    for code, n in counts.items():
        if n:
            row += 1
            ws.cell(row, 1, name(code))
            ws.cell(row, 2, n)
    return row + 2


#: Up to this many cases a workbook is built in memory (a few MB); above, row by row on disk.
IN_MEMORY_CASES = 20_000


def build_workbook(data: ReportData, path: Path) -> Path:
    """Summary, per-community rates, one sheet per community and per handler, all cases (masked)."""
    import xlsxwriter

    path.parent.mkdir(parents=True, exist_ok=True)
    # Residents' words stay text: never a formula, a link or a number, whatever they start with.
    # A year of a district streams its rows through temporary files in constant memory; a
    # station's week is assembled in memory, without the temporary files (one per sheet, each
    # created and removed: most of a small workbook's time).
    large = len(data.cases) > IN_MEMORY_CASES
    wb = xlsxwriter.Workbook(str(path), {
        "constant_memory": large, "in_memory": not large, "strings_to_formulas": False, "strings_to_urls": False,
        "strings_to_numbers": False, "default_date_format": DATE_FORMAT})
    try:
        _fill_workbook(wb, _Formats.of(wb), data)
    except BaseException:
        wb.close()  # releases its temporary files; the half-written workbook is not left behind
        path.unlink(missing_ok=True)
        raise
    wb.close()
    return path


def _fill_workbook(wb: Any, fmt: _Formats, data: ReportData) -> None:
    loc = data.locale
    used: set[str] = set()
    ws = _Sheet(wb.add_worksheet(_sheet_title(t("report.sheet_summary", loc), used)))
    heading = t("report.workbook_title", loc, district=f"{data.district} {data.title}".strip())
    row = _write_figures(ws, fmt, data, data.figures, heading)
    ws.cell(row - 1, 1, t("report.generated_at", loc, at=_local(data.now, data).strftime("%Y-%m-%d %H:%M")))
    demo = sum(1 for c in data.cases if c.is_demo)
    if demo:
        ws.cell(row, 1, t("report.demo_warning", loc, count=demo), fmt.warning)
        row += 2
    if not data.figures.empty:
        headers = [t("report.col_community", loc), t("report.total", loc), t("report.response_rate", loc),
                   t("report.on_time_rate", loc), t("report.resolution_rate", loc),
                   t("report.satisfaction_rate", loc), t("report.surveys_answered", loc), t("report.reopen_rate", loc)]
        ws.cell(row, 1, t("report.by_community", loc), fmt.bold)
        row += 1
        for i, h in enumerate(headers, 1):
            ws.cell(row, i, h, fmt.bold)
        for cid, cf in data.by_community.items():
            row += 1
            ws.cell(row, 1, data.community_name(cid))
            ws.cell(row, 2, cf.total)
            for i, rate in enumerate((cf.response, cf.on_time, cf.resolution, cf.satisfaction,
                                      cf.surveys_answered, cf.reopen), 3):
                ws.cell(row, i, rate.value if rate.value is not None else "—", fmt.percent)
        row += 2
        for key, _kind, counts, name in _breakdowns(data):
            row = _write_counts(ws, fmt, row, t(key, loc), counts, name, loc)
    ws.cell(row, 1, t("report.definitions", loc))
    ws.width("A", 34)
    ws.width("B", 18)

    for cid, cf in data.by_community.items():
        name = data.community_name(cid)
        cws = _Sheet(wb.add_worksheet(_sheet_title(t("report.sheet_community", loc, name=name), used)))
        r = _write_figures(cws, fmt, data, cf, name)
        for key in ("report.by_category", "report.by_grid", "report.by_handler", "report.by_outcome"):
            counts = {"report.by_category": cf.by_category, "report.by_grid": cf.by_grid,
                      "report.by_handler": cf.by_handler, "report.by_outcome": cf.by_outcome}[key]
            namer: Callable[[str], str] = {
                "report.by_category": lambda c: fg.label("cat", c, loc),
                "report.by_grid": lambda c: data.grids.get(c, c),
                "report.by_handler": data.handler_name,
                "report.by_outcome": lambda c: fg.label("outcome", c, loc),
            }[key]
            r = _write_counts(cws, fmt, r, t(key, loc), counts, namer, loc)
        cws.width("A", 34)
        cws.width("B", 18)

    # The yearly assessment (考核): one overview row per handler, then a sheet each.
    hws = _Sheet(wb.add_worksheet(_sheet_title(t("report.sheet_handlers", loc), used)))
    headers = [t("report.col_handler", loc), t("report.col_role", loc), t("report.total", loc),
               t("report.response_rate", loc), t("report.on_time_rate", loc), t("report.resolution_rate", loc),
               t("report.satisfaction_rate", loc), t("report.surveys_answered", loc), t("report.reopen_rate", loc),
               t("report.overdue", loc), t("report.median_sign_for", loc), t("report.median_close", loc)]
    hws.append(headers, fmt.bold)
    for sid, hf in data.by_handler.items():
        name, role = data.staff.get(sid, (sid, ""))
        role_label = t(f"staff.role.{role}", loc) if role and f"staff.role.{role}" in MESSAGES else role
        hws.append([name, role_label, hf.total])
        for i, rate in enumerate((hf.response, hf.on_time, hf.resolution, hf.satisfaction, hf.surveys_answered,
                                  hf.reopen), 4):
            hws.cell(hws.row, i, rate.value if rate.value is not None else "—", fmt.percent)
        hws.cell(hws.row, 10, hf.overdue)
        hws.cell(hws.row, 11, fg.duration_text(hf.median_sign_for, loc))
        hws.cell(hws.row, 12, fg.duration_text(hf.median_close, loc))
    hws.width("A", 22)
    for sid, hf in data.by_handler.items():
        name = data.handler_name(sid)
        sws = _Sheet(wb.add_worksheet(_sheet_title(t("report.sheet_handler", loc, name=name), used)))
        _write_figures(sws, fmt, data, hf, name)
        sws.width("A", 34)
        sws.width("B", 18)

    _write_cases(_Sheet(wb.add_worksheet(_sheet_title(t("report.sheet_cases", loc), used))), fmt, data)


#: Local date and time in the case sheet; datetimes are written with it (the workbook's default).
DATE_FORMAT = "yyyy-mm-dd hh:mm"


def _write_cases(ws: _Sheet, fmt: _Formats, data: ReportData) -> None:
    """Every case of the period, one row each; the request text with phones and ID numbers masked."""
    loc = data.locale
    yes, no, pending = t("report.yes", loc), t("report.no", loc), t("report.pending", loc)
    cols = ["number", "created", "community", "grid", "handler", "category", "urgency", "state", "outcome",
            "signed", "sign_due", "responded", "closed", "resolution_due", "on_time", "satisfaction", "reopens",
            "demo", "text"]
    ws.append([t(f"report.col_{c}", loc) for c in cols], fmt.bold)
    for c in data.cases:
        responded = c.response(data.now)
        ws.append([
            c.number, _local(c.created_at, data), data.community_name(c.community_id or "-"),
            data.grids.get(c.grid_id or "", c.grid_id or ""), data.handler_name(c.assignee_id or "-"),
            fg.label("cat", c.category, loc), fg.label("urgency", c.urgency, loc), fg.label("state", c.state, loc),
            fg.label("outcome", c.outcome, loc) if c.outcome else "", _local(c.signed_at, data),
            _local(c.sign_for_due, data), "" if c.sign_for_due is None else (
                pending if responded is None else (yes if responded else no)),
            _local(c.closed_at, data), _local(c.resolution_due, data),
            (yes if c.closed_on_time else no) if c.is_closed else "",
            fg.label("sat", c.satisfaction, loc) if c.satisfaction else "", c.reopen_count,
            yes if c.is_demo else "", mask(c.text),
        ])
    for letter in ("B", "J", "K", "M", "N"):
        ws.width(letter, 17)
    ws.width("A", 22)
    ws.width("S", 60)
    ws.ws.freeze_panes(1, 1)


# --------------------------------------------------------------------------- charts


#: Shipped with the package; rebuilt by scripts/build_cjk_subset.py, licence in bot/data/OFL.txt.
_BUNDLED_FONT = "linli-cjk-subset.otf"
#: System families that render Chinese, best first; the first one installed backs up the subset.
_SYSTEM_CJK = ("Noto Sans CJK SC", "Source Han Sans SC", "Noto Sans SC", "WenQuanYi Zen Hei",
               "WenQuanYi Micro Hei", "Noto Sans CJK", "Source Han Sans", "WenQuanYi", "Droid Sans Fallback")


@functools.cache
def cjk_fonts() -> tuple[str, ...]:
    """Families that render Chinese, for matplotlib's per-glyph fallback: the bundled subset, then
    the best system CJK font by name. Empty (with a warning): charts render, Chinese as boxes."""
    from matplotlib import font_manager

    families: list[str] = []
    bundled = Path(str(resources.files("bot") / "data" / _BUNDLED_FONT))
    if bundled.is_file():
        font_manager.fontManager.addfont(str(bundled))
        families.append(font_manager.FontProperties(fname=str(bundled)).get_name())
    installed = sorted({entry.name for entry in font_manager.fontManager.ttflist})
    system = next((name for wanted in _SYSTEM_CJK for name in installed if name.startswith(wanted)), None)
    if system is not None:
        families.append(system)
    if not families:
        log.warning("no CJK font found: Chinese text in charts will show as boxes "
                    "(%s is missing from the package; a system font such as fonts-noto-cjk would do)",
                    bundled)
    return tuple(families)


def cjk_font() -> str | None:
    """The first family that renders Chinese (None: none found)."""
    return next(iter(cjk_fonts()), None)


def partial_weeks(weeks: Sequence[date], period: Period, today: date) -> set[date]:
    """Mondays whose week the period covers only in part (its first or last week, or this week
    still running): their bars are not comparable with full weeks, so the chart marks them."""
    last_day = min(period.end, today)
    return {monday for monday in weeks
            if monday < period.start or monday + timedelta(days=6) > last_day}


def _demo_watermark(fig: Any, data: ReportData) -> None:
    """The same warning as the table and the workbook, on the picture itself (PNGs get forwarded)."""
    if any(c.is_demo for c in data.cases):
        fig.text(0.5, 0.5, t("report.chart_demo_watermark", data.locale), ha="center", va="center",
                 rotation=25, fontsize=44, color="#c00000", alpha=0.18, zorder=10)


def charts_available() -> bool:
    """matplotlib is the ``[charts]`` extra (``pip install 'linli[charts]'``): without it the
    figures go out as text and workbooks, and charts are skipped with a note saying so."""
    import importlib.util

    return importlib.util.find_spec("matplotlib") is not None


CHARTS = ("weekly", "rates", "open-age")


def build_charts(data: ReportData, directory: Path, prefix: str = "linli",
                 kinds: Sequence[str] = CHARTS) -> list[Path]:
    """Three PNGs: cases per week by category, the three rates per community, open cases by age
    (``kinds`` picks some of them, in this order: ``/stats`` sends only the rates).

    Each title names the community (or the whole district) and the period; count axes show whole
    numbers; an undefined rate (nothing to divide by) is written "—" without a bar, never drawn as 0.
    """
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib import rc_context

    directory.mkdir(parents=True, exist_ok=True)
    rc = {"axes.unicode_minus": False, "font.size": 10, "font.family": [*cjk_fonts(), "DejaVu Sans"]}
    out: list[Path] = []
    stamp = f"{data.period.start:%Y%m%d}-{data.period.end:%Y%m%d}"
    whose = f"{data.title} · {data.period.label}"
    with rc_context(rc):
        if "weekly" in kinds:
            out.append(_weekly_chart(data, directory, prefix, stamp, whose))
        if "rates" in kinds:
            out.append(_rates_chart(data, directory, prefix, stamp, whose))
        if "open-age" in kinds:
            out.append(_age_chart(data, directory, prefix, stamp))
    return out


def _weekly_chart(data: ReportData, directory: Path, prefix: str, stamp: str, whose: str) -> Path:
    """Cases per week, stacked by category."""
    import matplotlib
    from matplotlib.figure import Figure
    from matplotlib.ticker import MaxNLocator

    loc = data.locale
    weeks = fg.weekly_counts(data.cases, data.period)
    partial = partial_weeks(list(weeks), data.period, data.now.astimezone(data.period.tz).date())
    cats = [c for c in fg.CATEGORIES if any(w[c] for w in weeks.values())]
    cats += sorted({k for w in weeks.values() for k in w} - set(cats))
    fig = Figure(figsize=(10, 5), dpi=110)
    ax = fig.subplots()
    xs = list(range(len(weeks)))
    bottom = [0] * len(weeks)
    cmap = matplotlib.colormaps["tab20"]
    hatches = ["//" if monday in partial else "" for monday in weeks]
    for i, cat in enumerate(cats):
        vals = [w[cat] for w in weeks.values()]
        ax.bar(xs, vals, bottom=bottom, label=fg.label("cat", cat, loc), color=cmap(i % 20), hatch=hatches)
        bottom = [b + v for b, v in zip(bottom, vals, strict=True)]
    every = max(1, len(xs) // 26)  # at most ~26 labels, whatever the period
    labels = [(f"{d:%Y-%m-%d}" if every > 1 else f"{d:%m-%d}") + ("*" if d in partial else "")
              for d in list(weeks)[::every]]
    ax.set_xticks(xs[::every], labels, rotation=45)
    ax.yaxis.set_major_locator(MaxNLocator(integer=True))
    ax.set_xlabel(t("report.chart_week_axis", loc))
    ax.set_ylabel(t("report.chart_cases_axis", loc))
    ax.set_title(f"{t('report.chart_weekly', loc)}（{whose}）")
    if cats:
        legend = ax.legend(fontsize=8, ncols=2, loc="upper left", bbox_to_anchor=(1.0, 1.0))
        for patch in legend.get_patches():  # colours only: the hatch belongs to partial weeks
            patch.set_hatch("")
    else:
        ax.text(0.5, 0.5, t("report.chart_no_data", loc), ha="center", transform=ax.transAxes)
    if partial:
        fig.text(0.01, 0.01, t("report.chart_partial_week", loc), fontsize=8, color="#555555")
    _demo_watermark(fig, data)
    fig.tight_layout()
    return _save(fig, directory / f"{prefix}-weekly-{stamp}.png")


def _rates_chart(data: ReportData, directory: Path, prefix: str, stamp: str, whose: str) -> Path:
    """The three rates per community (响应率, 解决率, 满意率)."""
    from matplotlib.figure import Figure
    from matplotlib.patches import Patch

    loc = data.locale
    fig = Figure(figsize=(10, 5), dpi=110)
    ax = fig.subplots()
    comms = list(data.by_community)
    series = [("report.response_rate", lambda f: f.response), ("report.resolution_rate", lambda f: f.resolution),
              ("report.satisfaction_rate", lambda f: f.satisfaction)]
    width = 0.26
    keys: list[Any] = []  # the legend's colours: a series' first bar may be hidden
    for i, (key, pick) in enumerate(series):
        xs = [x + (i - 1) * width for x in range(len(comms))]
        rates = [pick(data.by_community[c]).value for c in comms]
        bars = ax.bar(xs, [0.0 if r is None else r * 100 for r in rates], width, color=f"C{i}")
        for bar, rate in zip(bars, rates, strict=True):
            bar.set_visible(rate is not None)  # nothing to divide by: no bar, only its "—"
        ax.bar_label(bars, labels=["—" if r is None else f"{r * 100:.0f}" for r in rates], fontsize=9)
        keys.append(Patch(facecolor=f"C{i}", label=t(key, loc)))
    ax.set_xticks(list(range(len(comms))), [data.community_name(c) for c in comms], rotation=20)
    ax.set_ylim(0, 125)
    ax.set_ylabel(t("report.chart_rate_axis", loc))
    ax.set_title(f"{t('report.chart_rates', loc)}（{whose}）")
    if comms:
        ax.legend(handles=keys, fontsize=8, ncols=3, loc="upper center")
    else:
        ax.text(0.5, 0.5, t("report.chart_no_data", loc), ha="center", transform=ax.transAxes)
    _demo_watermark(fig, data)
    fig.tight_layout()
    return _save(fig, directory / f"{prefix}-rates-{stamp}.png")


def _age_chart(data: ReportData, directory: Path, prefix: str, stamp: str) -> Path:
    """Open cases by age."""
    from matplotlib.figure import Figure
    from matplotlib.ticker import MaxNLocator

    loc = data.locale
    fig = Figure(figsize=(7, 4), dpi=110)
    ax = fig.subplots()
    ages = data.figures.open_by_age
    bars = ax.bar([fg.label("age", a, loc) for a in ages], list(ages.values()), color="#d9822b")
    ax.bar_label(bars)
    ax.yaxis.set_major_locator(MaxNLocator(integer=True))
    ax.set_ylabel(t("report.chart_cases_axis", loc))
    ax.set_title(f"{t('report.chart_ages', loc)}（{data.title} · {_local(data.now, data):%Y-%m-%d %H:%M}）")
    _demo_watermark(fig, data)
    fig.tight_layout()
    return _save(fig, directory / f"{prefix}-open-age-{stamp}.png")


def _save(fig: Any, path: Path) -> Path:
    fig.savefig(path)
    return path
