"""What the charts draw, read from the matplotlib figures themselves (not from pixels)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from report_history import MARCH, NOW, TZ

from bot import reports
from handlers.figures import Period
from storage.uow import UnitOfWorkFactory


@pytest.fixture
def drawn(monkeypatch: pytest.MonkeyPatch) -> list[Any]:
    figures: list[Any] = []

    def keep(fig: Any, path: Path) -> Path:
        figures.append(fig)
        path.write_bytes(b"")
        return path

    monkeypatch.setattr(reports, "_save", keep)
    return figures


def _texts(fig: Any) -> list[str]:
    ax = fig.axes[0]
    return [ax.get_title(), *(t.get_text() for t in fig.texts), *(t.get_text() for t in ax.get_xticklabels())]


async def test_charts_name_the_community_mark_partial_weeks_and_undefined_rates(
        uow_factory: UnitOfWorkFactory, tmp_path: Path, drawn: list[Any]) -> None:
    async with uow_factory() as uow:
        full = await reports.gather(uow, MARCH, NOW)
    # One community whose cases were never surveyed: its satisfaction rate is undefined (0/0).
    quiet = next(iter(full.by_community))
    facts = tuple(replace(c, survey_sent=False, satisfaction=None) if c.community_id == quiet else c
                  for c in full.cases)
    data = reports.build_data(facts, MARCH, NOW, title=full.title, communities=full.communities)
    assert data.by_community[quiet].satisfaction.value is None
    reports.build_charts(data, tmp_path)
    weekly, rates, ages = drawn
    for fig in drawn:
        assert data.title in fig.axes[0].get_title()
    # March 2026 starts on a Sunday: its first week lies mostly in February.
    assert any(label.endswith("*") for label in _texts(weekly))
    assert any("*" in text and "期" in text for text in (t.get_text() for t in weekly.texts))
    for fig in (weekly, ages):
        ticks = fig.axes[0].get_yticks()
        assert all(float(v).is_integer() for v in ticks)
    shown = [text.get_text() for text in rates.axes[0].texts]
    picks = (lambda f: f.response, lambda f: f.resolution, lambda f: f.satisfaction)
    expected = ["—" if pick(data.by_community[c]).value is None else f"{pick(data.by_community[c]).value * 100:.0f}"
                for pick in picks for c in data.by_community]
    assert shown == expected
    assert "—" in shown
    bars = [bar for container in rates.axes[0].containers for bar in container]
    assert all(bar.get_height() == 0 and not bar.get_visible()
               for bar, label in zip(bars, shown, strict=True) if label == "—")
    assert all(bar.get_visible() for bar, label in zip(bars, shown, strict=True) if label != "—")
    assert not any("DEMO" in t.get_text() for fig in drawn for t in fig.texts)


async def test_demo_data_carries_its_watermark(uow_factory: UnitOfWorkFactory, tmp_path: Path,
                                               drawn: list[Any]) -> None:
    async with uow_factory() as uow:
        data = await reports.gather(uow, MARCH, NOW)
    demo = replace(data, cases=tuple(replace(c, is_demo=True) for c in data.cases))
    reports.build_charts(demo, tmp_path)
    assert len(drawn) == 3
    for fig in drawn:
        assert any("DEMO" in t.get_text() for t in fig.texts)


def test_partial_weeks() -> None:
    period = Period(date(2026, 3, 1), date(2026, 3, 31), TZ)
    mondays = [date(2026, 2, 23), date(2026, 3, 2), date(2026, 3, 23), date(2026, 3, 30)]
    assert reports.partial_weeks(mondays, period, date(2026, 4, 5)) == {date(2026, 2, 23), date(2026, 3, 30)}
    # a month still running: this week is partial too
    assert date(2026, 3, 2) in reports.partial_weeks(mondays, period, date(2026, 3, 5))


async def test_stats_chart_draws_the_rates_alone(uow_factory: UnitOfWorkFactory, tmp_path: Path,
                                                 drawn: list[Any]) -> None:
    """/stats sends the rates chart only: the other two are not drawn for it (they cost as much)."""
    async with uow_factory() as uow:
        data = await reports.gather(uow, MARCH, NOW)
    (path,) = reports.build_charts(data, tmp_path, kinds=("rates",))
    assert "-rates-" in path.name
    assert len(drawn) == 1 and drawn[0].axes[0].get_ylabel() == reports.t("report.chart_rate_axis", data.locale)
