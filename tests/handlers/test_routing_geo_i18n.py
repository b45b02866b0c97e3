"""Routing decisions from the sample roster, point-in-polygon, and the message catalogue."""

from __future__ import annotations

import re
import string
from pathlib import Path

import pytest

from handlers import geo, routing
from i18n import MESSAGES
from storage import models as m
from storage.uow import UnitOfWorkFactory

SQUARE = [[0.0, 0.0], [1.0, 0.0], [1.0, 1.0], [0.0, 1.0]]


def test_point_in_polygon() -> None:
    assert geo.contains(SQUARE, 0.5, 0.5)
    assert not geo.contains(SQUARE, 1.5, 0.5)
    assert geo.contains(SQUARE, 1.0, 0.5)  # on an edge
    assert not geo.contains([[0, 0], [1, 1]], 0.5, 0.5)
    concave = [[0, 0], [4, 0], [4, 4], [2, 1], [0, 4]]
    assert geo.contains(concave, 1, 1) and not geo.contains(concave, 2, 3)


@pytest.mark.parametrize(("category", "urgency", "target", "assignee", "notify"), [
    ("labor", "normal", "room:mage", "room-mage-1", []),
    ("family", "normal", "room:banyan", "room-banyan-1", []),
    ("neighbor", "normal", "grid_worker", "huixin-gw1", []),
    ("traffic", "normal", "police", "huixin-police", []),
    ("minors", "normal", "police", "huixin-police", ["huixin-head"]),
    ("debt", "high", "station_head", "huixin-head", []),
    ("land", "normal", "centre", "centre-1", []),
    ("consumer", "normal", "dept:market", "dept-market-1", []),
    ("security", "emergency", "police", "huixin-police", ["huixin-head"]),
    ("other", "emergency", "police", "huixin-police", ["huixin-head"]),
])
async def test_rules(uow_factory: UnitOfWorkFactory, category: str, urgency: str, target: str, assignee: str,
                     notify: list[str]) -> None:
    resident = m.Resident(community_id="huixin", grid_id="huixin-g1", micro_grid_id="huixin-g1-m2")
    async with uow_factory() as uow:
        d = await routing.decide(uow, resident, category, urgency, [])
    assert (d.target, d.assignee.id, [s.id for s in d.notify]) == (target, assignee, notify)


async def test_other_goes_nowhere(uow_factory: UnitOfWorkFactory) -> None:
    async with uow_factory() as uow:
        d = await routing.decide(uow, m.Resident(community_id="huixin"), "other", "normal", [])
    assert d.none and d.rule_id == "other"


async def test_no_grid_falls_back_to_station_head(uow_factory: UnitOfWorkFactory) -> None:
    async with uow_factory() as uow:
        d = await routing.decide(uow, m.Resident(community_id="nanhai"), "neighbor", "normal", [])
    assert d.assignee.id == "nanhai-head" and d.fallback


async def test_high_large_sum_tells_centre(uow_factory: UnitOfWorkFactory) -> None:
    async with uow_factory() as uow:
        d = await routing.decide(uow, m.Resident(community_id="huixin"), "labor", "high", ["large_sum"])
    assert [s.id for s in d.notify] == ["huixin-head", "centre-1"]


_KEY = re.compile(r'"((?:flow|resident|staff|btn|clock|survey|agreement|reopen|case)\.[a-z_.]+)"')


def test_every_message_id_used_exists_in_both_languages() -> None:
    used = set()
    for path in Path("handlers").glob("*.py"):
        used |= set(_KEY.findall(path.read_text(encoding="utf-8")))
    missing = sorted(k for k in used if k not in MESSAGES)
    assert not missing
    fields = string.Formatter()
    for key, (zh, en) in MESSAGES.items():
        if key.split(".")[0] in ("flow", "resident", "staff", "btn", "clock", "survey", "agreement", "reopen"):
            assert {f for _, f, _, _ in fields.parse(zh) if f} == {f for _, f, _, _ in fields.parse(en) if f}, key
