"""Every figure of the hand-made March history, as ``handlers.figures`` computes it."""

from __future__ import annotations

from datetime import date

import pytest
from report_history import EXPECTED, JANUARY, JJ, MARCH, NOW, QZ, TZ, L

from handlers import figures as fg
from handlers.figures import CaseFacts, Period, Rate
from storage.uow import UnitOfWorkFactory


async def _figures(uow_factory: UnitOfWorkFactory, period: Period = MARCH, **scope: str) -> fg.Figures:
    async with uow_factory() as uow:
        facts = await fg.load_facts(uow, period, **scope)
    return fg.compute(facts, period, NOW)


def _pair(rate: Rate) -> tuple[int, int]:
    return rate.numerator, rate.denominator


async def test_every_figure_of_the_history(uow_factory: UnitOfWorkFactory) -> None:
    f = await _figures(uow_factory)
    e = EXPECTED
    assert f.total == e["total"]
    assert _pair(f.response) == e["response"]
    assert f.awaiting_sign_for == e["awaiting"]
    assert f.closed == e["closed"]
    assert _pair(f.on_time) == e["on_time"]
    assert _pair(f.resolution) == e["resolution"]
    assert (f.referred, f.not_ours, f.withdrawn) == (e["referred"], e["not_ours"], e["withdrawn"])
    assert _pair(f.satisfaction) == e["satisfaction"]
    assert _pair(f.surveys_answered) == e["surveys_answered"]
    assert _pair(f.reopen) == e["reopen"]
    assert (f.open, f.overdue) == (e["open"], e["overdue"])
    assert f.median_sign_for == e["median_sign_for"]
    assert f.median_close == e["median_close"]
    assert f.open_by_age == e["open_by_age"]
    assert f.by_community == e["by_community"]
    assert f.by_outcome == e["by_outcome"]
    assert f.by_handler == e["by_handler"]
    assert f.by_category["neighbor"] == 3 and f.by_category["consult"] == 2 and f.by_category["other"] == 0
    assert f.by_urgency == {"emergency": 1, "high": 1, "normal": 8}
    assert f.by_satisfaction == {"satisfied": 2, "basic": 2, "unsatisfied": 1}
    assert f.response.percent() == "75.0%" and f.response.text() == "75.0% (6/8)"


async def test_scopes_community_and_handler(uow_factory: UnitOfWorkFactory) -> None:
    qz = await _figures(uow_factory, community_id=QZ)
    jj = await _figures(uow_factory, community_id=JJ)
    assert (qz.total, jj.total) == (6, 4)
    assert _pair(qz.response) == EXPECTED["qz_response"]
    assert _pair(jj.response) == EXPECTED["jj_response"]
    gw2 = await _figures(uow_factory, handler_id="qunzhongjie-gw2")
    assert gw2.total == 3  # C3, C4, C10
    assert _pair(gw2.resolution) == (0, 2)  # C3 referred, C10 reopened; C4 is open
    assert _pair(gw2.reopen) == (2, 3)
    async with uow_factory() as uow:
        facts = await fg.load_facts(uow, MARCH)
    per_community = fg.compute_by(facts, MARCH, NOW, "community_id")
    assert set(per_community) == {QZ, JJ}
    assert per_community[QZ] == qz


async def test_period_is_the_local_creation_date(uow_factory: UnitOfWorkFactory) -> None:
    """X1 (1 April 00:10 local, 31 March in UTC) belongs to April; C9 (31 March 23:30 local) to March."""
    april_first = Period(date(2026, 4, 1), date(2026, 4, 1), TZ)
    f = await _figures(uow_factory, april_first)
    assert f.total == 1
    feb = await _figures(uow_factory, Period(date(2026, 2, 1), date(2026, 2, 28), TZ))
    assert feb.total == 1


async def test_empty_period_gives_zeros_not_errors(uow_factory: UnitOfWorkFactory) -> None:
    f = await _figures(uow_factory, JANUARY)
    assert f.empty and f.total == 0 and f.closed == 0 and f.open == 0
    for rate in (f.response, f.on_time, f.resolution, f.satisfaction, f.surveys_answered, f.reopen):
        assert rate.value is None and rate.percent() == "—" and rate.text() == "— (0/0)"
    assert f.median_sign_for is None and f.median_close is None
    assert sum(f.open_by_age.values()) == 0
    text = fg.render_figures_text(f, "全区")
    assert "没有案件" in text and "2026-01-01" in text
    assert "No cases" in fg.render_figures_text(f, "district", "en")


def test_without_events_the_row_alone_is_used() -> None:
    """A stale ``accepted_at`` of a reopened case waiting for sign-for is not a sign-for."""
    base = dict(id=1, number="N1", created_at=L(2), community_id=QZ, grid_id=None, assignee_id="a",
                category="neighbor", urgency="normal", outcome=None, assigned_at=L(2), accepted_at=L(2, 10),
                sign_for_due=L(9, 12), closed_at=L(8), resolution_due=None, satisfaction="unsatisfied",
                reopen_count=1, is_demo=False, text="")

    class Row:
        def __init__(self, **kw: object) -> None:
            self.__dict__.update(kw)

    reopened = CaseFacts.from_case(Row(state="reopened", **base))  # type: ignore[arg-type]
    assert reopened.signed_at is None
    assert reopened.response(L(9, 11)) is None and reopened.response(L(9, 13)) is False
    accepted = CaseFacts.from_case(Row(state="accepted", **base))  # type: ignore[arg-type]
    assert accepted.signed_at == L(2, 10)


def test_rate_and_period_helpers() -> None:
    assert Rate(0, 0).value is None and Rate(1, 3).percent() == "33.3%"
    month = Period.month_of(L(15), TZ)
    assert (month.start, month.end) == (date(2026, 3, 1), date(2026, 3, 31))
    week = Period.last_week(L(16), TZ)  # Monday 16 March -> 9..15 March
    assert (week.start, week.end) == (date(2026, 3, 9), date(2026, 3, 15))
    with pytest.raises(ValueError):
        Period(date(2026, 3, 2), date(2026, 3, 1), TZ)
    assert fg.age_bucket(L(2) - L(1)) == "d1_3"


async def test_daily_digest(uow_factory: UnitOfWorkFactory) -> None:
    async with uow_factory() as uow:
        facts = await fg.load_facts(uow, Period(date(2026, 2, 1), date(2026, 4, 30), TZ), community_id=QZ)
    digest = fg.compute_digest(facts, NOW)
    assert {c.number for c in digest.new} == {"TY-C9", "TY-X1"}
    # X2's sign-for was due on 1 March and it was never signed for; C9 and X1 are still within the clock.
    assert {c.number for c in digest.overdue} == {"TY-X2"}
    assert digest.reopened == ()
    text = fg.render_digest_text(digest, "群众街社区平安工作站")
    assert "群众街社区平安工作站" in text and "新受理：2 件" in text and "TY-X2" in text
    quiet = fg.compute_digest([], NOW)
    assert "没有新案件" in fg.render_digest_text(quiet, "x")


async def test_weekly_counts_span_only_the_cases(uow_factory: UnitOfWorkFactory) -> None:
    everything = Period(date(2000, 1, 1), date(2100, 12, 31), TZ)
    async with uow_factory() as uow:
        facts = await fg.load_facts(uow, everything)
    weeks = fg.weekly_counts(facts, everything)
    assert next(iter(weeks)) == date(2026, 2, 23)  # the Monday before X2 (28 February)
    assert list(weeks)[-1] == date(2026, 3, 30)  # X1 and C9
    assert sum(sum(c.values()) for c in weeks.values()) == 12
    march = fg.weekly_counts(facts, MARCH)
    assert march[date(2026, 3, 2)]["neighbor"] == 2  # C1, C4
    assert fg.weekly_counts(facts, JANUARY) == {}


async def test_load_digest(uow_factory: UnitOfWorkFactory) -> None:
    async with uow_factory() as uow:
        digest = await fg.load_digest(uow, QZ, NOW, TZ)
    assert {c.number for c in digest.overdue} == {"TY-X2"}
    async with uow_factory() as uow:
        district = await fg.load_digest(uow, None, NOW, TZ)
    assert {c.number for c in district.overdue} == {"TY-X2", "TY-C5"}
