"""The queries that keep commands flat as history grows: bulk loading, keyset pages of open cases,
a resident's newest cases, every station's digest in one query, and clock batches that two
workers never share. SQLite and PostgreSQL."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from handlers.dispatcher import Dispatcher
from handlers.figures import load_digests
from handlers.privacy import PLACEHOLDER
from handlers.testing import KeywordClassifier
from storage import models as m
from storage.uow import UnitOfWorkFactory

NOW = datetime(2026, 12, 1, 4, 0, tzinfo=UTC)
QZ, JJ = "qunzhongjie", "jinjilinglu"
CASE_COLUMNS = ("id", "number", "resident_id", "district_id", "community_id", "text", "category", "urgency",
                "confidence", "flags", "state", "complex", "created_at", "assigned_at", "sign_for_due",
                "resolution_due", "assignee_id", "reopen_count", "is_demo", "closed_at")


def _case(i: int, *, resident: int = 1, community: str = QZ, state: str = "in_progress", age_days: float = 1,
          assignee: str = "qunzhongjie-gw1", overdue: bool = False, demo: bool = False) -> tuple[Any, ...]:
    created = NOW - timedelta(days=age_days, minutes=i)
    due = NOW - timedelta(hours=1) if overdue else NOW + timedelta(days=5)
    closed = created + timedelta(hours=3) if state in ("closed", "settled", "withdrawn") else None
    return (i, f"TY20261101-{i:04d}", resident, "tianya", community, "楼上漏水", "neighbor", "normal", 0.9, [],
            state, False, created, created, created + timedelta(hours=2), due, assignee, 0, demo, closed)


async def _fill(uow_factory: UnitOfWorkFactory, cases: list[tuple[Any, ...]], residents: int = 2) -> None:
    async with uow_factory() as uow:
        await uow.bulk.copy(m.Resident, ("id", "channel", "chat_id", "locale", "community_id", "created_at"),
                            [(r, "test", f"r{r}", "zh", QZ, NOW - timedelta(days=400)) for r in range(1, residents + 1)])
        await uow.bulk.copy(m.Case, CASE_COLUMNS, cases)
        await uow.bulk.reset_sequence(m.Resident)
        await uow.bulk.reset_sequence(m.Case)
        await uow.commit()


async def test_bulk_copy_then_the_orm_goes_on_after_the_largest_id(uow_factory: UnitOfWorkFactory) -> None:
    await _fill(uow_factory, [_case(i) for i in range(1, 6)])
    async with uow_factory() as uow:
        uow.residents.add(m.Resident(channel="test", chat_id="new", created_at=NOW))
        await uow.flush()
        fresh = await uow.residents.by_chat("test", "new")
        assert fresh is not None and fresh.id == 3
        case = await uow.cases.get(5)
        assert case is not None and case.created_at.tzinfo is not None and case.flags == []


async def test_open_cases_come_in_keyset_pages_each_once(uow_factory: UnitOfWorkFactory) -> None:
    cases = [_case(i, age_days=i % 7, overdue=i % 3 == 0) for i in range(1, 76)]
    cases += [_case(i, state="closed") for i in range(76, 96)]
    cases += [_case(i, community=JJ, assignee="jinjilinglu-gw1") for i in range(96, 101)]
    await _fill(uow_factory, cases)
    async with uow_factory() as uow:
        seen: list[m.Case] = []
        after = None
        while True:
            page = await uow.cases.open_page(community_id=QZ, after=after, limit=30)
            if not page:
                break
            assert len(page) <= 30
            seen += page
            after = (page[-1].created_at, page[-1].id)
        assert [c.id for c in seen] == [c.id for c in sorted(seen, key=lambda c: (c.created_at, c.id))]
        assert sorted(c.id for c in seen) == list(range(1, 76))
        assert await uow.cases.count_open(community_id=QZ) == 75
        assert await uow.cases.count_open(community_id=QZ, cap=10) == 11
        assert await uow.cases.count_open() == 80
        assert await uow.cases.count_open(assignee_id="jinjilinglu-gw1") == 5
        overdue = await uow.cases.open_page(community_id=QZ, overdue_at=NOW, limit=100)
        assert sorted(c.id for c in overdue) == [i for i in range(1, 76) if i % 3 == 0]
        assert await uow.cases.count_open(community_id=QZ, overdue_at=NOW) == 25


async def test_a_residents_newest_cases_first_and_found_by_number_end(uow_factory: UnitOfWorkFactory) -> None:
    await _fill(uow_factory, [_case(i, resident=1 + (i % 2)) for i in range(1, 26)])
    async with uow_factory() as uow:
        assert await uow.cases.count_of_resident(1) == 12
        first = await uow.cases.of_resident_page(1, 0, 10)
        second = await uow.cases.of_resident_page(1, 10, 10)
        assert [c.id for c in first] == [24, 22, 20, 18, 16, 14, 12, 10, 8, 6]
        assert [c.id for c in second] == [4, 2]
        found = await uow.cases.own(1, "0012")
        assert found is not None and found.id == 12
        assert await uow.cases.own(1, "0011") is None  # resident 2's case
        assert await uow.cases.own(1, "%") is None and await uow.cases.own(1, "_") is None
        by_id = await uow.cases.own(2, "11")
        assert by_id is not None and by_id.id == 11


async def test_every_stations_digest_from_one_query(uow_factory: UnitOfWorkFactory) -> None:
    cases = [
        _case(1, age_days=0.5),  # new
        _case(2, age_days=30, overdue=True),  # old, overdue
        _case(3, age_days=30),  # old, on time: in no digest
        _case(4, age_days=30, state="reopened"),
        _case(5, age_days=0.5, community=JJ),
        _case(6, age_days=0.5, demo=True),  # demo cases never count
        _case(7, age_days=30, state="closed", overdue=True),  # closed: not overdue
    ]
    await _fill(uow_factory, cases)
    async with uow_factory() as uow:
        digests = await load_digests(uow, NOW - timedelta(days=1), NOW)
    qz = digests[QZ]
    assert [c.id for c in qz.new] == [1]
    assert sorted(c.id for c in qz.overdue) == [2, 4]  # 4's sign-for clock ran out too
    assert [c.id for c in qz.reopened] == [4]
    assert [c.id for c in digests[JJ].new] == [5]
    assert sorted(c.id for c in digests[None].new) == [1, 5]


async def test_retention_reads_only_text_not_yet_anonymised(uow_factory: UnitOfWorkFactory) -> None:
    assert m.ANONYMISED == PLACEHOLDER  # the partial index's predicate is the retention placeholder
    cases = [_case(i, state="closed", age_days=500) for i in range(1, 5)]
    cases[0] = (*cases[0][:5], PLACEHOLDER, *cases[0][6:])
    await _fill(uow_factory, cases)
    async with uow_factory() as uow:
        due = await uow.cases.ended_before(("closed",), NOW - timedelta(days=365), retained_only=True)
        assert [c.id for c in due] == [2, 3, 4]


async def _pile(uow_factory: UnitOfWorkFactory, n_cases: int, per_case: int) -> int:
    await _fill(uow_factory, [_case(i, state="in_progress", age_days=20, overdue=True)
                              for i in range(1, n_cases + 1)])
    rows = [(c, "resolution", NOW - timedelta(minutes=k + 1), "pending", {}, NOW - timedelta(days=9))
            for c in range(1, n_cases + 1) for k in range(per_case)]
    async with uow_factory() as uow:
        await uow.bulk.copy(m.Clock, ("case_id", "kind", "due_at", "state", "data", "created_at"), rows)
        await uow.commit()
    return len(rows)


async def test_two_workers_never_take_the_same_clock(uow_factory: UnitOfWorkFactory) -> None:
    """Batches of 50 over 600 due clocks on 200 cases, two workers at once: every clock runs once
    (one escalation event each), none is left, and the workers' counts add up."""
    due = await _pile(uow_factory, 200, 3)
    workers = [Dispatcher(uow_factory, KeywordClassifier(), lambda: NOW) for _ in range(2)]

    async def work(d: Dispatcher) -> int:
        ran = 0
        while True:
            step = await d.run_due(limit=10_000, batch=50)
            ran += step
            if step == 0:
                async with uow_factory() as uow:
                    left = await uow.clocks.next_due()
                if left is None or left > NOW:
                    return ran
                await asyncio.sleep(0.01)  # the other worker holds the rest

    ran = await asyncio.gather(*(work(d) for d in workers))
    assert sum(ran) >= due
    async with uow_factory() as uow:
        clocks = await uow.clocks.pending_for_case(1)
        assert [c.kind for c in clocks] == ["resolution_escalate"] * 3  # scheduled a day later
        escalated = 0
        for case_id in range(1, 201):
            escalated += [e.action for e in await uow.cases.events(case_id)].count("escalated")
    assert escalated == due  # each clock ran exactly once
    assert sum(ran) == due


async def test_claims_are_disjoint_while_held(uow_factory: UnitOfWorkFactory) -> None:
    if uow_factory.session_factory.kw["bind"].dialect.name != "postgresql":
        pytest.skip("SQLite has one writer: a second claim waits for the first to commit")
    await _pile(uow_factory, 20, 5)
    async with uow_factory() as one, uow_factory() as two:
        first = {c.id for c in await one.clocks.claim_due(NOW, limit=60)}
        second = {c.id for c in await two.clocks.claim_due(NOW, limit=60)}
        held = await two.cases.lock_many(list(range(1, 21)), skip_locked=True)
        assert len(first) == 60 and len(second) == 40 and not first & second
        assert held == set(range(1, 21))  # claiming clocks locks no case
        await one.rollback()
        await two.rollback()


async def test_prefetched_clocks_answer_only_for_their_kinds(uow_factory: UnitOfWorkFactory) -> None:
    """A batch prefetches a case's pending survey follow-ups only; asked for any other kind (or all),
    the repository still reads the database and finds every pending clock."""
    await _fill(uow_factory, [_case(1)])
    kinds = ("survey_reminder", "resolution", "survey_visit", "sign_for")
    async with uow_factory() as uow:
        await uow.bulk.copy(m.Clock, ("case_id", "kind", "due_at", "state", "data", "created_at"),
                            [(1, k, NOW + timedelta(hours=i), "pending", {"round": 0}, NOW) for i, k in enumerate(kinds)])
        await uow.commit()
    async with uow_factory() as uow:
        await uow.clocks.prefetch_pending([1], ("survey_reminder", "survey_visit"))
        follow_ups = await uow.clocks.pending_for_case(1, ("survey_reminder", "survey_visit"))
        assert sorted(c.kind for c in follow_ups) == ["survey_reminder", "survey_visit"]
        assert sorted(c.kind for c in await uow.clocks.pending_for_case(1)) == sorted(kinds)
        assert [c.kind for c in await uow.clocks.pending_for_case(1, ("resolution",))] == ["resolution"]
        with pytest.raises(ValueError):
            await uow.clocks.prefetch_pending([1], ("resolution",))
