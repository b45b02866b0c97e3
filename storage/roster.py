"""Read, validate and import a district roster (YAML) into the database.

Why so strict: a roster is typed by hand, and a half-imported district would route complaints to
nobody. Every error is collected with its line and field, and the import is one transaction that
is either applied whole or not at all. Importing the same file again changes nothing; a changed
file updates rows in place, so cases keep pointing at the same communities and staff.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError
from sqlalchemy import func, select, update
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from i18n import t
from storage import models as m
from storage.repos import roster_cache
from storage.roster_schema import Roster

SAMPLE_ROSTER = "tianya.yaml"


def sample_roster_path() -> Path:
    """The sample roster shipped inside the package, so the console works from any directory."""
    return Path(str(resources.files("storage") / "samples" / SAMPLE_ROSTER))


class RosterError(Exception):
    """A roster that cannot be imported; ``problems`` are ready-to-print lines."""

    def __init__(self, problems: Sequence[str]) -> None:
        self.problems = list(problems)
        super().__init__("\n".join(self.problems))

    def render(self, locale: str | None = None) -> str:
        header = t("roster.invalid_header", locale, count=len(self.problems))
        return "\n".join([header, *(f"  - {p}" for p in self.problems)])


# --------------------------------------------------------------------------- reading and checking


def _node_at(node: yaml.Node | None, loc: Iterable[Any]) -> yaml.Node | None:
    """Walk the composed YAML tree along a pydantic error location to find its line."""
    for part in loc:
        if isinstance(node, yaml.MappingNode):
            node = next((v for k, v in node.value if k.value == part), None)
        elif isinstance(node, yaml.SequenceNode) and isinstance(part, int) and part < len(node.value):
            node = node.value[part]
        else:
            break
    return node


def _field_name(loc: Iterable[Any]) -> str:
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out or "(root)"


def _problem(tree: yaml.Node | None, loc: Sequence[Any], problem: str) -> str:
    node = _node_at(tree, loc)
    if node is None:
        return t("roster.error_nowhere", None, field=_field_name(loc), problem=problem)
    return t("roster.error_at", None, line=node.start_mark.line + 1, field=_field_name(loc), problem=problem)


# libyaml's loader when PyYAML was built with it (its wheels are): several times faster on a district's roster.
try:
    from yaml import CSafeLoader as _SafeLoader
except ImportError:  # pragma: no cover - PyYAML built without libyaml
    from yaml import SafeLoader as _SafeLoader  # type: ignore[assignment]


def parse_roster(text: str) -> Roster:
    try:
        data = yaml.load(text, Loader=_SafeLoader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark
        line, column = (mark.line + 1, mark.column + 1) if mark else (0, 0)
        raise RosterError([t("roster.bad_yaml", None, line=line, column=column, problem=exc.problem)]) from exc
    except yaml.YAMLError as exc:
        raise RosterError([t("roster.bad_yaml", None, line=0, column=0, problem=str(exc))]) from exc
    if not isinstance(data, dict):
        raise RosterError([t("roster.not_mapping")])
    try:
        roster = Roster.model_validate(data)
    except ValidationError as exc:
        tree = yaml.compose(text, Loader=_SafeLoader)  # only now: for the line numbers
        problems = [
            _problem(tree, [p for p in err["loc"] if not isinstance(p, str) or not p.startswith("literal[")],
                     err["msg"])
            for err in exc.errors()
        ]
        raise RosterError(problems) from exc
    references = _reference_problems(roster)
    if references:
        tree = yaml.compose(text, Loader=_SafeLoader)
        raise RosterError([_problem(tree, loc, msg) for loc, msg in references])
    return roster


def load_roster(path: str | Path) -> Roster:
    path = Path(path)
    if not path.is_file():
        raise RosterError([t("roster.file_missing", None, path=path)])
    return parse_roster(path.read_text(encoding="utf-8"))


def _reference_problems(r: Roster) -> list[tuple[tuple[Any, ...], str]]:
    """Duplicate ids and dangling references, each with the location it stands at."""
    out: list[tuple[tuple[Any, ...], str]] = []

    def dupes(kind: str, items: list[tuple[tuple[Any, ...], str]]) -> set[str]:
        counts = Counter(i for _, i in items)
        for loc, ident in items:
            if counts[ident] > 1:
                out.append((loc, t("roster.duplicate_id", None, id=ident, kind=t(f"roster.kind.{kind}"))))
        return {i for _, i in items}

    comms = dupes("community", [(("communities", i, "id"), c.id) for i, c in enumerate(r.communities)])
    dupes("station", [(("communities", i, "station", "id"), c.station.id)
                      for i, c in enumerate(r.communities) if c.station])
    dupes("grid", [(("communities", i, "grids", j, "id"), g.id)
                   for i, c in enumerate(r.communities) for j, g in enumerate(c.grids)])
    dupes("micro_grid", [(("communities", i, "grids", j, "micro_grids", k, "id"), mg.id)
                         for i, c in enumerate(r.communities) for j, g in enumerate(c.grids)
                         for k, mg in enumerate(g.micro_grids)])
    staff = dupes("staff", [(("staff", i, "id"), s.id) for i, s in enumerate(r.staff)])
    rooms = dupes("room", [(("rooms", i, "id"), x.id) for i, x in enumerate(r.rooms)])
    depts = dupes("department", [(("departments", i, "id"), d.id) for i, d in enumerate(r.departments)])
    dupes("rule", [(("routing", i, "id"), x.id) for i, x in enumerate(r.routing)])
    roles = {s.id: s.role for s in r.staff}

    def ref(loc: tuple[Any, ...], kind: str, ident: str | None, known: set[str]) -> None:
        if ident is not None and ident not in known:
            out.append((loc, t("roster.unknown_ref", None, kind=t(f"roster.kind.{kind}"), id=ident)))

    for i, s in enumerate(r.staff):
        ref(("staff", i, "community"), "community", s.community, comms)
        ref(("staff", i, "department"), "department", s.department, depts)
    for i, c in enumerate(r.communities):
        for j, g in enumerate(c.grids):
            ref(("communities", i, "grids", j, "grid_worker"), "staff", g.grid_worker, staff)
            for k, mg in enumerate(g.micro_grids):
                loc = ("communities", i, "grids", j, "micro_grids", k)
                ref((*loc, "grid_worker"), "staff", mg.grid_worker, staff)
                if mg.polygon and len(mg.polygon) < 3:
                    out.append(((*loc, "polygon"), t("roster.polygon_short")))
    for i, room in enumerate(r.rooms):
        ref(("rooms", i, "community"), "community", room.community, comms)
        for j, member in enumerate(room.members):
            ref(("rooms", i, "members", j), "staff", member, staff)
    for i, rule in enumerate(r.routing):
        for j, comm in enumerate(rule.communities):
            ref(("routing", i, "communities", j), "community", comm, comms)
        kind, _, ident = rule.target.partition(":")
        if kind == "room":
            ref(("routing", i, "target"), "room", ident, rooms)
        elif kind == "dept":
            ref(("routing", i, "target"), "department", ident, depts)
    for i, c in enumerate(r.communities):
        for j, g in enumerate(c.grids):
            worker = g.grid_worker
            if worker in roles and roles[worker] != "grid_worker":
                out.append((("communities", i, "grids", j, "grid_worker"),
                            t("roster.wrong_role", None, id=worker, role=roles[worker], expected="grid_worker")))
    return out


# --------------------------------------------------------------------------- importing


@dataclass
class ImportReport:
    added: int = 0
    updated: int = 0
    removed: int = 0
    deactivated: int = 0
    unchanged: int = 0
    changes: list[str] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        return bool(self.added or self.updated or self.removed or self.deactivated)

    def render(self, locale: str | None = None) -> str:
        if not self.changed:
            return t("roster.unchanged", locale, unchanged=self.unchanged)
        return t("roster.imported", locale, added=self.added, updated=self.updated, removed=self.removed,
                 deactivated=self.deactivated, unchanged=self.unchanged)


def _rows(r: Roster) -> dict[type[m.Base], list[dict[str, Any]]]:
    """The roster as rows per table, in an order that satisfies the foreign keys."""
    district = r.district
    rows: dict[type[m.Base], list[dict[str, Any]]] = {
        m.District: [dict(id=district.id, name=district.name, case_prefix=district.case_prefix,
                          timezone=district.timezone, settings=r.settings.model_dump(mode="json"))],
        m.Community: [dict(id=c.id, district_id=district.id, name=c.name, kind=c.kind, position=i)
                      for i, c in enumerate(r.communities)],
        m.Department: [dict(id=d.id, name=d.name, hotline=d.hotline, categories=list(d.categories))
                       for d in r.departments],
        m.Staff: [dict(id=s.id, district_id=district.id, name=s.name, role=s.role, community_id=s.community,
                       department_id=s.department, phone=s.phone, active=True,
                       **({"locale": s.locale} if s.locale else {})) for s in r.staff],
        m.Station: [dict(id=c.station.id, community_id=c.id, name=c.station.name)
                    for c in r.communities if c.station],
        m.Grid: [dict(id=g.id, community_id=c.id, name=g.name, grid_worker_id=g.grid_worker, position=j)
                 for c in r.communities for j, g in enumerate(c.grids)],
        m.MicroGrid: [dict(id=mg.id, grid_id=g.id, name=mg.name, buildings=list(mg.buildings),
                           polygon=[list(p) for p in mg.polygon], grid_worker_id=mg.grid_worker, position=k)
                      for c in r.communities for g in c.grids for k, mg in enumerate(g.micro_grids)],
        m.Room: [dict(id=x.id, name=x.name, community_id=x.community, categories=list(x.categories),
                      members=list(x.members)) for x in r.rooms],
        m.RoutingRule: [dict(id=x.id, district_id=district.id, position=i, categories=list(x.categories),
                             urgencies=list(x.urgencies), communities=list(x.communities), target=x.target,
                             notify=list(x.notify), referred=x.referred, complex=x.complex)
                        for i, x in enumerate(r.routing)],
    }
    return rows


# What refers to a row that the roster no longer lists (so that it may not be deleted).
_REFERRERS: dict[type[m.Base], list[Any]] = {
    m.Community: [m.Resident.community_id, m.Case.community_id],
    m.Grid: [m.Resident.grid_id, m.Case.grid_id],
    m.MicroGrid: [m.Resident.micro_grid_id, m.Case.micro_grid_id],
    m.Room: [m.Case.room_id],
    m.Department: [m.Case.department_id],
    m.District: [m.Case.district_id],
}
_KIND = {m.Community: "community", m.Grid: "grid", m.MicroGrid: "micro_grid", m.Room: "room",
         m.Department: "department", m.Station: "station", m.RoutingRule: "rule", m.District: "community"}


async def _remove(session: AsyncSession, model: type[m.Base], ident: str, obj: m.Base) -> None:
    for column in _REFERRERS.get(model, []):
        used = await session.scalar(select(func.count()).select_from(column.class_).where(column == ident))
        if used:
            raise RosterError([t("roster.in_use", None, kind=t(f"roster.kind.{_KIND[model]}"), id=ident)])
    # Staff no longer listed stay (inactive) for old cases; let go of what is being removed.
    if model is m.Community:
        await session.execute(update(m.Staff).where(m.Staff.community_id == ident).values(community_id=None))
    elif model is m.Department:
        await session.execute(update(m.Staff).where(m.Staff.department_id == ident).values(department_id=None))
    await session.delete(obj)


async def import_roster(
    session_factory: async_sessionmaker[AsyncSession], source: Roster | str | Path
) -> ImportReport:
    """Import a roster in one transaction; raises ``RosterError`` and changes nothing on failure."""
    roster = source if isinstance(source, Roster) else load_roster(source)
    async with session_factory() as session, session.begin():
        report = await _apply(session, roster)
    roster_cache(session_factory).clear()
    return report


async def _apply(session: AsyncSession, roster: Roster) -> ImportReport:
    """Add and update parents first, then remove stale children before their parents."""
    report = ImportReport()
    rows = _rows(roster)
    stale: list[tuple[type[m.Base], str, m.Base]] = []
    for model, wanted in rows.items():
        existing = {obj.id: obj for obj in (await session.scalars(select(model))).all()}
        for row in wanted:
            obj = existing.pop(row["id"], None)
            if obj is None:
                session.add(model(**row))
                report.added += 1
                continue
            diff = [k for k, v in row.items() if getattr(obj, k) != v]
            if diff:
                for k in diff:
                    setattr(obj, k, row[k])
                report.updated += 1
                report.changes.append(f"{model.__tablename__}:{row['id']}:{','.join(diff)}")
            else:
                report.unchanged += 1
        await session.flush()
        for ident, obj in existing.items():
            if model is m.Staff:
                if obj.active:
                    obj.active = False
                    report.deactivated += 1
            else:
                stale.append((model, ident, obj))
    for model, ident, obj in reversed(stale):
        await _remove(session, model, ident, obj)
        await session.flush()
        report.removed += 1
    return report
