"""The same March figures in the terminal table, the workbook (read back with openpyxl) and charts."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from openpyxl import load_workbook
from openpyxl.utils import get_column_letter
from report_history import JANUARY, JJ, MARCH, NOW, QZ, TZ
from rich.console import Console

from bot import reports
from handlers.figures import Period
from storage.uow import UnitOfWorkFactory


async def _data(uow_factory: UnitOfWorkFactory, period=MARCH, community=None, locale=None) -> reports.ReportData:
    async with uow_factory() as uow:
        return await reports.gather(uow, period, NOW, community, locale)


def _table_text(data: reports.ReportData) -> str:
    console = Console(record=True, width=220, color_system=None)
    reports.render_table(data, console)
    return console.export_text()


def _summary(ws) -> dict[str, tuple[object, object]]:
    """Label -> (text value, numeric rate) from the first figure block of a sheet."""
    out: dict[str, tuple[object, object]] = {}
    for row in ws.iter_rows(min_row=1, max_col=3, values_only=True):
        if isinstance(row[0], str) and row[1] is not None and row[0] not in out:
            out[row[0]] = (row[1], row[2])
    return out


async def test_terminal_table_shows_every_figure(uow_factory: UnitOfWorkFactory) -> None:
    text = _table_text(await _data(uow_factory))
    # medians: 50 minutes to sign for, 7 days to close; per community 4/5 and 2/3 responded
    for expected in ("0.8 小时", "7.0 天", "群众街社区", "金鸡岭路社区", "66.7% (2/3)"):
        assert expected in text, expected
    lines = {line.split("│")[1].strip(): line.split("│")[2].strip() for line in text.splitlines()
             if line.count("│") == 3}
    assert lines["案件总数"] == "10"
    assert lines["响应率（按时签收）"] == "75.0% (6/8)"
    assert lines["待签收（时限未到）"] == "1"
    assert lines["按期办结率"] == "66.7% (4/6)"
    assert lines["解决率"] == "33.3% (2/6)"
    assert lines["满意率"] == "80.0% (4/5)"
    assert lines["回访答复率"] == "83.3% (5/6)"
    assert lines["重新打开率"] == "28.6% (2/7)"
    assert lines["其中：超期"] == "1"
    assert lines["居民撤回"] == "1"


async def test_terminal_table_in_english_and_empty(uow_factory: UnitOfWorkFactory) -> None:
    text = _table_text(await _data(uow_factory, locale="en"))
    assert "Response rate" in text and "75.0% (6/8)" in text
    empty = _table_text(await _data(uow_factory, JANUARY))
    assert "没有案件" in empty and "%" not in empty


async def test_workbook_read_back(uow_factory: UnitOfWorkFactory, tmp_path: Path) -> None:
    path = reports.build_workbook(await _data(uow_factory), tmp_path / "march.xlsx")
    wb = load_workbook(path)
    assert wb.sheetnames[0] == "汇总"
    assert "社区-群众街社区" in wb.sheetnames and "社区-金鸡岭路社区" in wb.sheetnames
    assert "承办人考核" in wb.sheetnames and "案件明细" in wb.sheetnames
    summary = _summary(wb["汇总"])
    assert summary["案件总数"][0] == "10"
    assert summary["响应率（按时签收）"] == ("75.0% (6/8)", 0.75)
    assert summary["按期办结率"][0] == "66.7% (4/6)"
    assert summary["解决率"][0] == "33.3% (2/6)"
    assert summary["满意率"] == ("80.0% (4/5)", 0.8)
    assert summary["回访答复率"][0] == "83.3% (5/6)"
    assert summary["重新打开率"][0] == "28.6% (2/7)"
    qz = _summary(wb["社区-群众街社区"])
    assert qz["案件总数"][0] == "6" and qz["响应率（按时签收）"][0] == "80.0% (4/5)"
    jj = _summary(wb["社区-金鸡岭路社区"])
    assert jj["案件总数"][0] == "4" and jj["响应率（按时签收）"][0] == "66.7% (2/3)"

    handlers = {row[0]: row for row in wb["承办人考核"].iter_rows(min_row=2, values_only=True)}
    assert set(handlers) == {"陈春梅", "杨建华", "徐少东", "孙慧敏", "市场监管值班员"}
    assert handlers["杨建华"][2] == 3  # C3, C4, C10
    assert handlers["杨建华"][5] == 0.0  # resolution rate 0/2
    assert handlers["陈春梅"][3] == 0.5  # response: C1 ✓, C2 ✗, C9 still running
    assert any(name.startswith("承办人-") for name in wb.sheetnames)

    cases = list(wb["案件明细"].iter_rows(values_only=True))
    assert len(cases) == 1 + 10
    numbers = {row[0] for row in cases[1:]}
    assert "TY-X1" not in numbers and "TY-C9" in numbers
    c1 = next(row for row in cases[1:] if row[0] == "TY-C1")
    assert "13812345678" not in c1[-1] and "460201199001011234" not in c1[-1]
    assert "138" in c1[-1]
    flat = " ".join(str(v) for row in wb["案件明细"].iter_rows(values_only=True) for v in row)
    assert "13812345678" not in flat


async def test_a_workbook_streamed_to_disk_holds_what_one_built_in_memory(
        uow_factory: UnitOfWorkFactory, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    data = await _data(uow_factory)
    small = load_workbook(reports.build_workbook(data, tmp_path / "memory.xlsx"))
    monkeypatch.setattr(reports, "IN_MEMORY_CASES", 0)  # as if it were a year of a district
    large = load_workbook(reports.build_workbook(data, tmp_path / "streamed.xlsx"))
    assert small.sheetnames == large.sheetnames
    for name in small.sheetnames:
        assert list(small[name].iter_rows(values_only=True)) == list(large[name].iter_rows(values_only=True))


async def test_workbook_of_an_empty_period(uow_factory: UnitOfWorkFactory, tmp_path: Path) -> None:
    wb = load_workbook(reports.build_workbook(await _data(uow_factory, JANUARY), tmp_path / "jan.xlsx"))
    cells = [v for row in wb["汇总"].iter_rows(values_only=True) for v in row if v]
    assert any("没有案件" in str(v) for v in cells)
    assert len(list(wb["案件明细"].iter_rows())) == 1


async def test_community_scope_and_charts(uow_factory: UnitOfWorkFactory, tmp_path: Path) -> None:
    data = await _data(uow_factory, community=JJ)
    assert data.title == "金鸡岭路社区" and data.figures.total == 4 and set(data.by_community) == {JJ}
    paths = reports.build_charts(await _data(uow_factory), tmp_path)
    assert [p.name.split("-")[1] for p in paths] == ["weekly", "rates", "open"]
    for p in paths:
        assert p.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert reports.cjk_font() is not None
    empty = reports.build_charts(await _data(uow_factory, JANUARY), tmp_path / "empty")
    assert len(empty) == 3 and all(p.stat().st_size > 0 for p in empty)
    assert QZ in (await _data(uow_factory)).by_community


def test_mask_and_sheet_titles() -> None:
    masked = reports.mask("电话 13812345678，身份证 46020119900101123X")
    assert "13812345678" not in masked and "46020119900101123X" not in masked
    used: set[str] = set()
    a = reports._sheet_title("承办人-" + "很长的名字" * 10, used)
    b = reports._sheet_title("承办人-" + "很长的名字" * 10, used)
    assert len(a) <= 31 and len(b) <= 31 and a != b
    assert reports._sheet_title("a/b:c", used) == "a-b-c"
    # Excel counts UTF-16 units (an emoji is two) and refuses a name quoted at either end
    emoji = reports._sheet_title("社区-" + "🏠" * 20, used)
    assert len(emoji.encode("utf-16-le")) // 2 <= 31 and emoji.startswith("社区-🏠")
    quoted = reports._sheet_title("'老街'", used)
    assert not quoted.startswith("'") and not quoted.endswith("'") and "老街" in quoted


async def test_yearly_workbook_lists_every_case_with_its_formats(uow_factory: UnitOfWorkFactory,
                                                                 tmp_path: Path) -> None:
    """A year of cases (the history, many times over, some demo, some texts that look like formulas
    or links): every case is a row of its own, in order, with its dates as local dates in the
    date format, the header bold and frozen, and the residents' words kept as plain text."""
    year = Period(date(2025, 4, 1), date(2026, 3, 31), TZ)
    async with uow_factory() as uow:
        data = await reports.gather(uow, year, NOW)
    risky = ("=HYPERLINK(\"http://x\",\"y\")", "+1-2", "http://example.org/a", "1234", "@SUM(A1)", "")
    cases = tuple(replace(c, number=f"{c.number}-{i:04d}", is_demo=i % 7 == 0, text=risky[i % len(risky)] + c.text)
                  for i in range(400) for c in data.cases)
    data = replace(data, cases=cases)
    wb = load_workbook(reports.build_workbook(data, tmp_path / "year.xlsx"))

    ws = wb["案件明细"]
    rows = list(ws.iter_rows(min_row=2))
    assert [r[0].value for r in rows] == [c.number for c in cases]
    assert all(cell.font.b for cell in ws[1]) and ws.freeze_panes == "B2"
    for c, row in zip(cases, rows, strict=True):
        for col, moment in ((1, c.created_at), (9, c.signed_at), (10, c.sign_for_due), (12, c.closed_at),
                            (13, c.resolution_due)):
            if moment is None:
                assert row[col].value is None
            else:
                assert row[col].value == moment.astimezone(TZ).replace(tzinfo=None)
                assert row[col].number_format == "yyyy-mm-dd hh:mm"
        assert row[16].value == c.reopen_count
        assert row[17].value == ("是" if c.is_demo else None)
        assert row[18].data_type == "s" and row[18].value == reports.mask(c.text)
    widths = {get_column_letter(i): int(d.width) for d in ws.column_dimensions.values() if d.width
              for i in range(d.min, d.max + 1)}
    assert widths == {"A": 22, "B": 17, "J": 17, "K": 17, "M": 17, "N": 17, "S": 60}

    summary = wb["汇总"]
    warning = next(cell for row in summary.iter_rows() for cell in row
                   if isinstance(cell.value, str) and "演示" in cell.value)
    assert str(sum(c.is_demo for c in cases)) in warning.value
    assert warning.font.b and warning.font.color.rgb.endswith("C00000")
    assert int(summary.column_dimensions["A"].width) == 34


async def test_a_workbook_that_fails_half_way_leaves_no_file(uow_factory: UnitOfWorkFactory, tmp_path: Path) -> None:
    data = await _data(uow_factory)
    broken = replace(data, cases=(*data.cases, replace(data.cases[0], created_at="not a time")))  # type: ignore[arg-type]
    with pytest.raises(AttributeError):  # the case's time cannot be made local
        reports.build_workbook(broken, tmp_path / "broken.xlsx")
    assert not (tmp_path / "broken.xlsx").exists()
