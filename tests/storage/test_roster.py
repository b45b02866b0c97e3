"""Roster import: idempotent, updates in place, refuses broken files with the place named."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest
import yaml
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from storage import models as m
from storage.roster import RosterError, import_roster, load_roster, parse_roster, sample_roster_path
from storage.uow import UnitOfWorkFactory

SAMPLE = sample_roster_path()
NOW = datetime(2026, 11, 28, 9, 0, tzinfo=UTC)


def sample_data() -> dict:
    return yaml.safe_load(SAMPLE.read_text(encoding="utf-8"))


def dump(data: dict) -> str:
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False)


async def count(factory: async_sessionmaker[AsyncSession], model: type[m.Base]) -> int:
    async with factory() as s:
        return int(await s.scalar(select(func.count()).select_from(model)) or 0)


def test_sample_roster_is_valid_and_complete() -> None:
    roster = load_roster(SAMPLE)
    names = [c.name for c in roster.communities]
    assert names == ["群众街社区", "金鸡岭路社区", "南海社区", "回新社区", "马岭大社区", "回辉社区", "儋州村社区"]
    assert {r.name for r in roster.rooms} == {"马哥调解室", "大榕树调解室"}
    rooms = {r.name: set(r.categories) for r in roster.rooms}
    assert rooms["马哥调解室"] == {"labor", "rental"}
    assert rooms["大榕树调解室"] == {"family", "neighbor"}
    targets = {c: rule.target for rule in roster.routing for c in rule.categories}
    assert targets["labor"] == targets["rental"] == "room:mage"
    assert targets["family"] == "room:banyan"
    for c in ("neighbor", "property", "hazard", "environment", "consult"):
        assert targets[c] == "grid_worker"
    assert targets["traffic"] == targets["security"] == targets["minors"] == "police"
    assert targets["debt"] == "station_head" and targets["land"] == "centre"
    assert targets["consumer"] == "dept:market" and targets["other"] == "none"
    # Real people named in the seed article never appear as staff.
    real = {"林鹏", "朱志兴", "桂林岸", "马伟", "刘柏兆"}
    assert not real & {s.name for s in roster.staff}


async def test_import_twice_changes_nothing(session_factory: async_sessionmaker[AsyncSession]) -> None:
    first = await import_roster(session_factory, SAMPLE)
    assert first.added > 100 and first.changed
    second = await import_roster(session_factory, SAMPLE)
    assert not second.changed
    assert second.unchanged == first.added
    assert await count(session_factory, m.Community) == 7


async def test_changed_roster_updates_in_place_and_keeps_cases(
    session_factory: async_sessionmaker[AsyncSession], tmp_path: Path
) -> None:
    await import_roster(session_factory, SAMPLE)
    async with session_factory() as s, s.begin():
        resident = m.Resident(channel="console", chat_id="r1", created_at=NOW, community_id="huixin")
        s.add(resident)
        await s.flush()
        s.add(m.Case(number="TY20261128-0001", resident_id=resident.id, district_id="tianya",
                     community_id="huixin", text="老板欠薪", category="labor", urgency="normal",
                     created_at=NOW, room_id="mage", assignee_id="room-mage-1"))

    data = sample_data()
    data["communities"][3]["name"] = "回新社区（新）"
    data["staff"] = [s for s in data["staff"] if s["id"] != "room-mage-2"]
    data["rooms"][0]["members"] = ["room-mage-1"]
    changed = tmp_path / "changed.yaml"
    changed.write_text(dump(data), encoding="utf-8")

    report = await import_roster(session_factory, changed)
    assert report.updated == 2 and report.deactivated == 1 and report.added == 0
    async with session_factory() as s:
        assert (await s.get(m.Community, "huixin")).name == "回新社区（新）"
        gone = await s.get(m.Staff, "room-mage-2")
        assert gone is not None and gone.active is False
        case = (await s.scalars(select(m.Case))).one()
        assert case.community_id == "huixin" and case.room_id == "mage"


async def test_removing_a_community_with_cases_is_refused_whole(
    session_factory: async_sessionmaker[AsyncSession], tmp_path: Path
) -> None:
    await import_roster(session_factory, SAMPLE)
    async with session_factory() as s, s.begin():
        s.add(m.Resident(channel="console", chat_id="r1", created_at=NOW, community_id="danzhoucun"))
    data = sample_data()
    data["communities"] = [c for c in data["communities"] if c["id"] != "danzhoucun"]
    data["staff"] = [x for x in data["staff"] if x.get("community") != "danzhoucun"]
    data["district"]["name"] = "改过的名字"
    path = tmp_path / "r.yaml"
    path.write_text(dump(data), encoding="utf-8")
    with pytest.raises(RosterError, match="danzhoucun"):
        await import_roster(session_factory, path)
    async with session_factory() as s:  # nothing half-imported
        assert (await s.get(m.District, "tianya")).name == "三亚市天涯区"
        assert (await s.get(m.Staff, "danzhoucun-head")).active


def _error_for(data: dict) -> str:
    with pytest.raises(RosterError) as info:
        parse_roster(dump(data))
    return info.value.render()


def test_unknown_category_names_line_and_field() -> None:
    data = sample_data()
    data["routing"][0]["categories"] = ["labor", "wages"]
    message = _error_for(data)
    text = dump(data)
    line = next(i for i, ln in enumerate(text.splitlines(), 1) if "wages" in ln)
    assert f"第 {line} 行" in message and "routing[0].categories[1]" in message


def test_dangling_references_are_named() -> None:
    data = sample_data()
    data["communities"][0]["grids"][0]["grid_worker"] = "nobody"
    data["staff"][0]["community"] = "atlantis"
    data["rooms"][0]["members"].append("ghost")
    message = _error_for(data)
    assert "nobody" in message and "atlantis" in message and "ghost" in message
    assert "communities[0].grids[0].grid_worker" in message


def test_grid_outside_any_community_is_refused() -> None:
    data = sample_data()
    data["grids"] = [{"id": "loose", "name": "无社区网格"}]
    message = _error_for(data)
    assert "grids" in message and "第" in message


def test_duplicate_ids_are_refused() -> None:
    data = sample_data()
    data["staff"].append(dict(data["staff"][0]))
    data["communities"][1]["grids"][0]["id"] = data["communities"][0]["grids"][0]["id"]
    message = _error_for(data)
    assert message.count("重复") >= 3  # both staff rows and the grid


def test_bad_yaml_names_the_line() -> None:
    with pytest.raises(RosterError) as info:
        parse_roster("district:\n  id: x\n  name: [unclosed\ncommunities: []\n")
    assert "YAML" in info.value.render() and "行" in info.value.render()


def test_missing_file() -> None:
    with pytest.raises(RosterError, match="找不到"):
        load_roster("/nonexistent/roster.yaml")


async def test_a_rolled_back_unit_of_work_leaves_no_expired_row_in_the_roster_cache(
        session_factory: async_sessionmaker[AsyncSession]) -> None:
    """The first unit of work to read the district fills the process's cache; when it rolls back
    (an error, a deadlock victim, a stopping worker) its session expires that row, so the cache
    must not hand it to the next updates (each would fail until the entry's ttl ran out)."""
    await import_roster(session_factory, sample_roster_path())
    factory = UnitOfWorkFactory(session_factory)
    async with factory() as uow:
        first = await uow.roster.district(cached=True)
        await uow.rollback()
    with pytest.raises(RuntimeError):
        async with factory() as uow:
            assert (await uow.roster.communities(cached=True))
            raise RuntimeError("the update failed")  # rolled back by the unit of work
    async with factory() as uow:
        district = await uow.roster.district(cached=True)
        communities = await uow.roster.communities(cached=True)
        assert district is not None and district is not first and district.name
        assert communities and communities[0].name
