"""A small hand-made March 2026 history with known answers for /stats, /report and the digests.

"Now" is Friday 20 March 2026, 09:00 in Sanya (Asia/Shanghai). Station 群众街 (qunzhongjie) has six
real cases, one demo case (never counted) and one February case (not this month); 金鸡岭路
(jinjilinglu) has one; every other station has none. Expected figures are worked out below, case by
case, so a reader can check them by hand.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any
from zoneinfo import ZoneInfo

from storage import models as m
from storage.uow import UnitOfWorkFactory

TZ = ZoneInfo("Asia/Shanghai")
QZ, JJ = "qunzhongjie", "jinjilinglu"
QZ_HEAD, JJ_HEAD, EMPTY_HEAD, CENTRE = "qunzhongjie-head", "jinjilinglu-head", "nanhai-head", "centre-1"
HEADS = ("qunzhongjie-head", "jinjilinglu-head", "nanhai-head", "huixin-head", "malingda-head", "huihui-head",
         "danzhoucun-head")


def L(day: int, hour: int = 9, minute: int = 0, month: int = 3) -> datetime:  # noqa: N802 - reads like a date
    """A local (Sanya) time in 2026 as an aware UTC datetime (what the virtual clock holds)."""
    return datetime(2026, month, day, hour, minute, tzinfo=TZ).astimezone(UTC)


NOW = L(20, 9)  # Friday

# (number, fields, events as (action, at, to_state))
HISTORY: list[tuple[str, dict[str, Any], list[tuple[str, datetime, str | None]]]] = [
    # A: signed in 1 h (due 2 h) ✓, mediated on the 5th (due the 11th) on time, 满意.
    ("A", dict(community_id=QZ, assignee_id="qunzhongjie-gw1", category="neighbor", state="settled",
               outcome="mediated", created_at=L(2), assigned_at=L(2), accepted_at=L(2, 10), sign_for_due=L(2, 11),
               closed_at=L(5), resolution_due=L(11), satisfaction="satisfied"),
     [("routed", L(2), "assigned"), ("accepted", L(2, 10), "accepted"), ("closed", L(5), "closed"),
      ("survey_sent", L(6), "closed")]),
    # B: signed after 3 h (due 2 h) ✗, explained on the 14th (due the 12th) late, 基本满意.
    ("B", dict(community_id=QZ, assignee_id="qunzhongjie-gw1", category="property", state="settled",
               outcome="explained", created_at=L(3), assigned_at=L(3), accepted_at=L(3, 12), sign_for_due=L(3, 11),
               closed_at=L(14), resolution_due=L(12), satisfaction="basic"),
     [("routed", L(3), "assigned"), ("accepted", L(3, 12), "accepted"), ("closed", L(14), "closed"),
      ("survey_sent", L(15), "closed")]),
    # C: high, signed in 20 min (due 30 min) ✓, referred to court on the 6th, on time, survey unanswered.
    ("C", dict(community_id=QZ, assignee_id="qunzhongjie-gw2", category="labor", urgency="high", state="closed",
               outcome="referred_court", created_at=L(4), assigned_at=L(4), accepted_at=L(4, 9, 20),
               sign_for_due=L(4, 9, 30), closed_at=L(6), resolution_due=L(13)),
     [("routed", L(4), "assigned"), ("accepted", L(4, 9, 20), "accepted"), ("closed", L(6), "closed"),
      ("survey_sent", L(7), "closed")]),
    # D: never signed for (due the 10th 11:00) ✗: open and overdue.
    ("D", dict(community_id=QZ, assignee_id="qunzhongjie-gw2", category="rental", state="assigned",
               created_at=L(10), assigned_at=L(10), sign_for_due=L(10, 11), resolution_due=L(19, 18)),
     [("routed", L(10), "assigned")]),
    # E: new yesterday 15:00, not signed for by 17:00 ✗: open, overdue, and "new" in today's digest.
    ("E", dict(community_id=QZ, assignee_id="qunzhongjie-gw1", category="debt", state="assigned",
               created_at=L(19, 15), assigned_at=L(19, 15), sign_for_due=L(19, 17), resolution_due=L(28, 18)),
     [("routed", L(19, 15), "assigned")]),
    # F: signed ✓, mediated on the 9th, 不满意 → reopened on the 18th; new sign-for clock still runs.
    ("F", dict(community_id=QZ, assignee_id="qunzhongjie-gw2", category="neighbor", state="reopened",
               created_at=L(8), assigned_at=L(18, 10), accepted_at=L(8, 10), sign_for_due=L(20, 12),
               closed_at=L(9), resolution_due=L(1, 18, month=4), satisfaction="unsatisfied", reopen_count=1),
     [("routed", L(8), "assigned"), ("accepted", L(8, 10), "accepted"), ("closed", L(9), "closed"),
      ("survey_sent", L(10), "closed"), ("reopened", L(18, 10), "reopened")]),
    # Demo: would be new and overdue, and would change every rate; never counted.
    ("DEMO", dict(community_id=QZ, assignee_id="qunzhongjie-gw1", category="family", state="assigned",
                  created_at=L(19, 20), assigned_at=L(19, 20), sign_for_due=L(19, 22), is_demo=True),
     [("routed", L(19, 20), "assigned")]),
    # February: not this month.
    ("FEB", dict(community_id=QZ, assignee_id="qunzhongjie-gw1", category="other", state="settled",
                 outcome="mediated", created_at=L(20, month=2), assigned_at=L(20, month=2),
                 accepted_at=L(20, 10, month=2), sign_for_due=L(20, 11, month=2), closed_at=L(21, month=2),
                 resolution_due=L(28, month=2), satisfaction="satisfied"),
     [("routed", L(20, month=2), "assigned"), ("accepted", L(20, 10, month=2), "accepted")]),
    # G (金鸡岭路): signed ✓, explained, on time; the district sees it, 群众街 does not.
    ("G", dict(community_id=JJ, assignee_id="jinjilinglu-gw1", category="consumer", state="closed",
               outcome="explained", created_at=L(6), assigned_at=L(6), accepted_at=L(6, 9, 30),
               sign_for_due=L(6, 11), closed_at=L(7), resolution_due=L(16)),
     [("routed", L(6), "assigned"), ("accepted", L(6, 9, 30), "accepted"), ("closed", L(7), "closed")]),
]

# 群众街, March, demo excluded: A B C D E F.
QZ_EXPECTED = {
    "total": 6,
    "response": "40.0% (2/5)",  # judged A✓ B✗ C✓ D✗ E✗; F's new clock still runs
    "awaiting": 1,  # F
    "on_time": "66.7% (2/3)",  # closed A B C; on time A C
    "resolution": "66.7% (2/3)",  # A mediated, B explained; C referred
    "satisfaction": "66.7% (2/3)",  # A 满意, B 基本满意, F 不满意
    "surveys": "75.0% (3/4)",  # answered A B F; sent A B C F
    "reopen": "25.0% (1/4)",  # ever closed A B C F; reopened F
    "open": 3,  # D E F
    "overdue": 2,  # D E
}
DISTRICT_TOTAL = 7  # A–F and G


async def insert_history(uow_factory: UnitOfWorkFactory) -> None:
    async with uow_factory() as uow:
        resident = m.Resident(channel="console", chat_id="r-jobs", display_name="测试居民", community_id=QZ,
                              created_at=L(1))
        uow.residents.add(resident)
        await uow.flush()
        for number, fields, events in HISTORY:
            values = {"text": "测试", "urgency": "normal", "reopen_count": 0, **fields}
            case = m.Case(number=f"TYJ-{number}", resident_id=resident.id, district_id="tianya", **values)
            uow.cases.add(case)
            await uow.flush()
            for action, at, to_state in events:
                uow.cases.add(m.CaseEvent(case_id=case.id, at=at, actor="system", action=action,
                                          to_state=to_state, data={}))
        await uow.commit()
