"""A hand-made history of ten cases with known figures, on SQLite and (when configured) PostgreSQL.

Every timestamp is chosen so that each figure has one right answer; the expected values are
worked out in ``EXPECTED`` next to the history, case by case, so a reader can check them by hand.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from handlers.figures import Period
from storage import models as m
from storage.uow import UnitOfWorkFactory

TZ = ZoneInfo("Asia/Shanghai")
MARCH = Period(date(2026, 3, 1), date(2026, 3, 31), TZ)
JANUARY = Period(date(2026, 1, 1), date(2026, 1, 31), TZ)


def L(day: int, hour: int = 9, minute: int = 0, month: int = 3) -> datetime:  # noqa: N802 - reads like a date
    """A local (Asia/Shanghai) time in 2026, as an aware datetime."""
    return datetime(2026, month, day, hour, minute, tzinfo=TZ)


NOW = L(1, 0, 30, month=4)  # 2026-04-01 00:30 local = 2026-03-31 16:30 UTC
H = timedelta(hours=1)


# (number, fields, events as (action, at, to_state)); times are local Asia/Shanghai.
QZ, JJ = "qunzhongjie", "jinjilinglu"
HISTORY: list[tuple[str, dict[str, Any], list[tuple[str, datetime, str | None]]]] = [
    # C1 signed in 1 h (due 2 h) ✓, closed mediated in 3 days, on time, 满意.
    ("C1", dict(community_id=QZ, grid_id="qunzhongjie-g1", assignee_id="qunzhongjie-gw1", category="neighbor",
                urgency="normal", state="settled", outcome="mediated", created_at=L(2), assigned_at=L(2),
                accepted_at=L(2, 10), sign_for_due=L(2, 11), closed_at=L(5), resolution_due=L(11, 0),
                satisfaction="satisfied", text="楼上漏水，我的电话13812345678，身份证460201199001011234"),
     [("routed", L(2), "assigned"), ("accepted", L(2, 10), "accepted"), ("closed", L(5), "closed"),
      ("survey_sent", L(6), "closed"), ("settled", L(6, 10), "settled")]),
    # C2 signed in 3 h (due 2 h) ✗, closed explained after 11 days, late, 基本满意.
    ("C2", dict(community_id=QZ, grid_id="qunzhongjie-g1", assignee_id="qunzhongjie-gw1", category="property",
                urgency="normal", state="settled", outcome="explained", created_at=L(3), assigned_at=L(3),
                accepted_at=L(3, 12), sign_for_due=L(3, 11), closed_at=L(14), resolution_due=L(12, 0),
                satisfaction="basic"),
     [("routed", L(3), "assigned"), ("accepted", L(3, 12), "accepted"), ("closed", L(14), "closed"),
      ("survey_sent", L(15), "closed")]),
    # C3 high: signed in 20 min (due 30 min) ✓, referred to court after 2 days, on time, survey unanswered.
    ("C3", dict(community_id=QZ, grid_id="qunzhongjie-g2", assignee_id="qunzhongjie-gw2", category="labor",
                urgency="high", state="closed", outcome="referred_court", created_at=L(4), assigned_at=L(4),
                accepted_at=L(4, 9, 20), sign_for_due=L(4, 9, 30), closed_at=L(6), resolution_due=L(13, 0)),
     [("routed", L(4), "assigned"), ("accepted", L(4, 9, 20), "accepted"), ("closed", L(6), "closed"),
      ("survey_sent", L(7), "closed")]),
    # C4 mediated, 不满意 → reopened on the 9th, signed again in 1 h (new due 2 h) ✓, in progress now.
    ("C4", dict(community_id=QZ, grid_id="qunzhongjie-g2", assignee_id="qunzhongjie-gw2", category="neighbor",
                urgency="normal", state="in_progress", outcome=None, created_at=L(5), assigned_at=L(5),
                accepted_at=L(9, 11), sign_for_due=L(9, 12), closed_at=L(8), resolution_due=L(10, 0, month=4),
                satisfaction="unsatisfied", reopen_count=1),
     [("routed", L(5), "assigned"), ("accepted", L(5, 9, 30), "accepted"), ("closed", L(8), "closed"),
      ("survey_sent", L(9), "closed"), ("reopened", L(9, 10), "reopened"), ("accepted", L(9, 11), "accepted")]),
    # C5 emergency: signed after 40 min (due 15 min) ✗, in progress, resolution due passed: overdue.
    ("C5", dict(community_id=JJ, grid_id="jinjilinglu-g1", assignee_id="jinjilinglu-gw1", category="hazard",
                urgency="emergency", state="in_progress", created_at=L(20), assigned_at=L(20),
                accepted_at=L(20, 9, 40), sign_for_due=L(20, 9, 15), resolution_due=L(29, 0)),
     [("routed", L(20), "assigned"), ("accepted", L(20, 9, 40), "accepted")]),
    # C6 signed in 30 min ✓, closed 不属于受理范围 after 1 day, on time, 满意.
    ("C6", dict(community_id=JJ, grid_id="jinjilinglu-g1", assignee_id="jinjilinglu-gw1", category="consult",
                urgency="normal", state="settled", outcome="not_ours", created_at=L(6), assigned_at=L(6),
                accepted_at=L(6, 9, 30), sign_for_due=L(6, 11), closed_at=L(7), resolution_due=L(17, 0),
                satisfaction="satisfied"),
     [("routed", L(6), "assigned"), ("accepted", L(6, 9, 30), "accepted"), ("closed", L(7), "closed"),
      ("survey_sent", L(8), "closed")]),
    # C7 referred to a department at routing (no sign-for clock), closed after 15 days, late, 基本满意.
    ("C7", dict(community_id=JJ, grid_id="jinjilinglu-g2", assignee_id="dept-market-1", category="consumer",
                urgency="normal", state="settled", outcome="referred_dept", created_at=L(10), assigned_at=L(10),
                closed_at=L(25), resolution_due=L(19, 0), satisfaction="basic"),
     [("routed", L(10), "referred"), ("closed", L(25), "closed"), ("survey_sent", L(26), "closed")]),
    # C8 signed in 1 h ✓, then withdrawn by the resident: not a closure.
    ("C8", dict(community_id=JJ, grid_id="jinjilinglu-g2", assignee_id="jinjilinglu-gw2", category="rental",
                urgency="normal", state="withdrawn", outcome="withdrawn", created_at=L(11), assigned_at=L(11),
                accepted_at=L(11, 10), sign_for_due=L(11, 11), closed_at=L(12), resolution_due=L(20, 0)),
     [("routed", L(11), "assigned"), ("accepted", L(11, 10), "accepted"), ("withdrawn", L(12), "withdrawn")]),
    # C9 created 31 March 23:30 local (15:30 UTC): still inside March; its sign-for clock is running.
    ("C9", dict(community_id=QZ, grid_id="qunzhongjie-g1", assignee_id="qunzhongjie-gw1", category="consult",
                urgency="normal", state="assigned", created_at=L(31, 23, 30), assigned_at=L(31, 23, 30),
                sign_for_due=L(1, 1, 30, month=4), resolution_due=L(10, 0, month=4)),
     [("routed", L(31, 23, 30), "assigned")]),
    # C10 mediated, agreement broken → reopened on the 22nd, signed in 30 min ✓, closed again on the
    # 31st, on time; the new survey is not sent yet (the old one, before this closure, does not count).
    ("C10", dict(community_id=QZ, grid_id="qunzhongjie-g2", assignee_id="qunzhongjie-gw2", category="neighbor",
                 urgency="normal", state="closed", outcome="mediated", created_at=L(12), assigned_at=L(12),
                 accepted_at=L(22, 9, 30), sign_for_due=L(22, 11), closed_at=L(31, 12),
                 resolution_due=L(3, 0, month=4), reopen_count=1),
     [("routed", L(12), "assigned"), ("accepted", L(12, 9, 45), "accepted"), ("closed", L(14), "closed"),
      ("survey_sent", L(15), "closed"), ("reopened", L(22), "reopened"), ("accepted", L(22, 9, 30), "accepted"),
      ("closed", L(31, 12), "closed")]),
    # Outside March: 1 April 00:10 local (still 31 March in UTC!) and 28 February 23:59 local.
    ("X1", dict(community_id=QZ, grid_id="qunzhongjie-g1", assignee_id="qunzhongjie-gw1", category="other",
                urgency="normal", state="assigned", created_at=L(1, 0, 10, month=4), assigned_at=L(1, 0, 10, month=4),
                sign_for_due=L(1, 2, 10, month=4)),
     [("routed", L(1, 0, 10, month=4), "assigned")]),
    ("X2", dict(community_id=QZ, grid_id="qunzhongjie-g1", assignee_id="qunzhongjie-gw1", category="other",
                urgency="normal", state="assigned", created_at=datetime(2026, 2, 28, 23, 59, tzinfo=TZ),
                assigned_at=datetime(2026, 2, 28, 23, 59, tzinfo=TZ),
                sign_for_due=datetime(2026, 3, 1, 1, 59, tzinfo=TZ)),
     [("routed", datetime(2026, 2, 28, 23, 59, tzinfo=TZ), "assigned")]),
]

# Worked out by hand from HISTORY (C1..C10 are in March; X1, X2 are not).
EXPECTED: dict[str, Any] = {
    "total": 10,
    # judged: C1✓ C2✗ C3✓ C4✓(new round) C5✗ C6✓ C8✓ C10✓(new round); C7 no clock; C9 still running
    "response": (6, 8), "awaiting": 1,
    # closed: C1 C2 C3 C6 C7 C10; on time: C1 C3 C6 C10
    "closed": 6, "on_time": (4, 6),
    # solved: C1 (mediated), C2 (explained); C10 mediated but reopened; C3/C7 referred; C6 not ours
    "resolution": (2, 6), "referred": 2, "not_ours": 1, "withdrawn": 1,
    # answered: C1 满意, C2 基本, C4 不满意, C6 满意, C7 基本; sent: those five + C3 (C10's is not sent yet)
    "satisfaction": (4, 5), "surveys_answered": (5, 6),
    # ever closed: the six closed + C4; reopened: C4, C10
    "reopen": (2, 7),
    "open": 3, "overdue": 1,  # open: C4, C5, C9; overdue: C5
    # sign-for minutes (latest round): 60, 180, 20, 60, 40, 30, 60, 30 -> median 50 min
    "median_sign_for": timedelta(minutes=50),
    # days to close: 3, 11, 2, 1, 15, 19.125 -> median 7 days
    "median_close": timedelta(days=7),
    "open_by_age": {"lt1d": 1, "d1_3": 0, "d3_7": 0, "d7_15": 1, "ge15d": 1},  # C9, C5, C4
    "by_community": {QZ: 6, JJ: 4},
    "by_outcome": {"mediated": 2, "explained": 1, "referred_court": 1, "referred_dept": 1, "not_ours": 1,
                   "withdrawn": 1},
    "by_handler": {"qunzhongjie-gw1": 3, "qunzhongjie-gw2": 3, "jinjilinglu-gw1": 2, "dept-market-1": 1,
                   "jinjilinglu-gw2": 1},
    "qz_response": (4, 5), "jj_response": (2, 3),
}


async def insert_history(uow_factory: UnitOfWorkFactory) -> None:
    async with uow_factory() as uow:
        resident = m.Resident(channel="console", chat_id="r1", display_name="测试居民", community_id=QZ,
                              grid_id="qunzhongjie-g1", created_at=L(1))
        uow.residents.add(resident)
        await uow.flush()
        for number, fields, events in HISTORY:
            values = {"text": "测试", "reopen_count": 0, **fields}
            case = m.Case(number=f"TY-{number}", resident_id=resident.id, district_id="tianya", **values)
            uow.cases.add(case)
            await uow.flush()
            for action, at, to_state in events:
                uow.cases.add(m.CaseEvent(case_id=case.id, at=at, actor="system", action=action,
                                          to_state=to_state, data={}))
        await uow.commit()


def utc(moment: datetime) -> datetime:
    return moment.astimezone(UTC)
