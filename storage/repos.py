"""Repositories: every query the core needs, named for what it asks.

Why here and not in handlers: the core must not know SQL or sessions; these methods are the
whole vocabulary it has for the database, which keeps it testable and readable.
"""

from __future__ import annotations

import functools
import time
from collections.abc import Awaitable, Callable, Collection, Hashable, Sequence
from datetime import datetime
from typing import Any, NamedTuple, TypeVar
from weakref import WeakKeyDictionary

from sqlalchemy import TextClause, and_, bindparam, delete, func, literal, or_, select, text, tuple_, update
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import aliased, selectinload

from storage import models as m

T = TypeVar("T", bound=m.Base)


IN_CHUNK = 500  # values per ``IN (...)``: well below any driver's limit on bound parameters


def _chunks(values: list[str]) -> list[list[str]]:
    return [values[i:i + IN_CHUNK] for i in range(0, len(values), IN_CHUNK)]


class _Repo:
    def __init__(self, session: AsyncSession) -> None:
        self.s = session

    def add(self, obj: m.Base) -> None:
        self.s.add(obj)

    async def _get(self, model: type[T], key: Any) -> T | None:
        return await self.s.get(model, key)

    @property
    def _locks(self) -> bool:
        """Row locks mean something on PostgreSQL; SQLite serialises writers already."""
        return self.s.bind.dialect.name == "postgresql"


async def _move_bound(session: AsyncSession, model: type[m.Staff] | type[m.Resident], channel: str,
                      old_chat_id: str, new_chat_id: str) -> int:
    """Re-point the one row of ``model`` bound to the old chat, unless one is bound to the new chat
    already ((channel, chat_id) is unique: that binding wins and the old one is left alone)."""
    other = aliased(model)
    taken = select(other.id).where(other.channel == channel, other.chat_id == new_chat_id).exists()
    result = await session.execute(
        update(model)
        .where(model.channel == channel, model.chat_id == old_chat_id, ~taken)
        .values(chat_id=new_chat_id))
    return int(getattr(result, "rowcount", 0) or 0)


class RosterCache:
    """Read-only roster rows shared by the units of work of one process.

    Why: every update needs the district, and registration needs the communities and
    micro-grids; they change only when a roster is imported. An entry lives ``ttl`` seconds, so
    an import by another process reaches this one within that time; an import through
    ``storage.roster.import_roster`` in this process clears the cache at once. Cached rows are
    detached copies: read them, never change them (ask the repository without ``cached``).
    """

    def __init__(self, ttl: float = 60.0, clock: Callable[[], float] = time.monotonic) -> None:
        self.ttl = ttl
        self.clock = clock
        self._entries: dict[Hashable, tuple[float, Any]] = {}

    async def get(self, key: Hashable, load: Callable[[], Awaitable[Any]]) -> Any:
        hit = self._entries.get(key)
        now = self.clock()
        if hit is not None and now - hit[0] < self.ttl:
            return hit[1]
        value = await load()
        self._entries[key] = (now, value)
        return value

    def clear(self) -> None:
        self._entries.clear()

    def forget(self, key: Hashable, value: Any) -> None:
        """Drop ``key`` if it still holds ``value`` (and not a later load)."""
        hit = self._entries.get(key)
        if hit is not None and hit[1] is value:
            del self._entries[key]


_caches: WeakKeyDictionary[Any, RosterCache] = WeakKeyDictionary()


def roster_cache(session_factory: Any) -> RosterCache:
    """The one cache of a session factory (that is, of one database in this process)."""
    cache = _caches.get(session_factory)
    if cache is None:
        cache = _caches[session_factory] = RosterCache()
    return cache


class RosterRepo(_Repo):
    def __init__(self, session: AsyncSession, cache: RosterCache | None = None) -> None:
        super().__init__(session)
        self.cache = cache or RosterCache(ttl=0)
        # Who holds a role, asked once per unit of work: a batch of clocks asks it per clock.
        self._staff_in: dict[tuple[str | None, str], Sequence[m.Staff]] = {}
        self._staff: dict[str, m.Staff | None] = {}
        self._loaded_roles = False
        self._rooms: dict[str, m.Room] = {}
        self._departments: dict[str, m.Department] = {}
        self._filled: list[tuple[Hashable, Any]] = []  # cache entries this unit of work loaded

    async def _cached(self, key: Hashable, load: Callable[[], Awaitable[Any]]) -> Any:
        filled = False

        async def tracked() -> Any:
            nonlocal filled
            filled = True
            return await load()

        value = await self.cache.get(key, tracked)
        if filled:
            self._filled.append((key, value))
        return value

    def rolled_back(self) -> None:
        """Forget what this unit of work put in the cache: a rollback expires the rows its session
        loaded, and an expired row read later, detached, raises instead of answering."""
        for key, value in self._filled:
            self.cache.forget(key, value)
        self._filled.clear()

    async def district(self, *, cached: bool = False) -> m.District | None:
        async def load() -> m.District | None:
            return (await self.s.scalars(select(m.District).limit(1))).first()

        return await self._cached("district", load) if cached else await load()

    async def communities(self, *, cached: bool = False) -> Sequence[m.Community]:
        async def load() -> Sequence[m.Community]:
            return (await self.s.scalars(select(m.Community).order_by(m.Community.position))).all()

        return await self._cached("communities", load) if cached else await load()

    async def community(self, community_id: str) -> m.Community | None:
        return await self._get(m.Community, community_id)

    async def station(self, community_id: str) -> m.Station | None:
        stmt = select(m.Station).where(m.Station.community_id == community_id)
        return (await self.s.scalars(stmt)).first()

    async def grids(self, community_id: str) -> Sequence[m.Grid]:
        """With their micro-grids loaded: callers walk the tree (relationships never lazy-load)."""
        stmt = (select(m.Grid).where(m.Grid.community_id == community_id).order_by(m.Grid.position)
                .options(selectinload(m.Grid.micro_grids)))
        return (await self.s.scalars(stmt)).all()

    async def grid(self, grid_id: str) -> m.Grid | None:
        return await self._get(m.Grid, grid_id)

    async def micro_grids(self, community_id: str | None = None, *, cached: bool = False) -> Sequence[m.MicroGrid]:
        async def load() -> Sequence[m.MicroGrid]:
            stmt = select(m.MicroGrid).join(m.Grid).order_by(m.Grid.position, m.MicroGrid.position)
            if community_id is not None:
                stmt = stmt.where(m.Grid.community_id == community_id)
            return (await self.s.scalars(stmt)).all()

        return await self._cached(("micro_grids", community_id), load) if cached else await load()

    async def micro_grid(self, micro_grid_id: str) -> m.MicroGrid | None:
        return await self._get(m.MicroGrid, micro_grid_id)

    async def staff(self, staff_id: str) -> m.Staff | None:
        if staff_id not in self._staff:  # strong references, for one unit of work (see CaseRepo)
            self._staff[staff_id] = await self._get(m.Staff, staff_id)
        return self._staff[staff_id]

    async def staff_by_chat(self, channel: str, chat_id: str) -> m.Staff | None:
        stmt = (select(m.Staff).join(m.StaffBinding, m.StaffBinding.staff_id == m.Staff.id)
                .where(m.StaffBinding.channel == channel, m.StaffBinding.chat_id == chat_id))
        return (await self.s.scalars(stmt)).first()

    async def bindings(self, staff_id: str) -> Sequence[m.StaffBinding]:
        """Where a staff member is reachable, one chat per channel."""
        stmt = select(m.StaffBinding).where(m.StaffBinding.staff_id == staff_id).order_by(m.StaffBinding.bound_at)
        return (await self.s.scalars(stmt)).all()

    async def bind_staff(self, member: m.Staff, channel: str, chat_id: str, now: datetime) -> None:
        """Bind ``member`` to a chat on ``channel`` (replacing their earlier chat on that channel
        only) and send their notices there from now on. Whoever was bound to that chat loses it."""
        previous = await self.s.scalar(select(m.StaffBinding).where(
            m.StaffBinding.channel == channel, m.StaffBinding.chat_id == chat_id))
        if previous is not None and previous.staff_id != member.id:
            await self.s.delete(previous)
            other = await self.staff(previous.staff_id)
            await self.s.flush()
            if other is not None and other.notice_channel == channel:  # their chosen chat is gone
                other.notice_channel = None
            if other is not None and (other.channel, other.chat_id) == (channel, chat_id):
                rest = await self.bindings(other.id)
                other.channel, other.chat_id = (rest[-1].channel, rest[-1].chat_id) if rest else (None, None)
                await self.s.flush()
        self._set_binding(member, await self.s.get(m.StaffBinding, (member.id, channel)), channel, chat_id, now)
        await self.s.flush()

    def _set_binding(self, member: m.Staff, own: m.StaffBinding | None, channel: str, chat_id: str,
                     now: datetime) -> None:
        """Create or move the member's own binding on ``channel`` (``own``, None when there is none)."""
        if own is None:
            self.s.add(m.StaffBinding(staff_id=member.id, channel=channel, chat_id=chat_id, bound_at=now))
        else:
            own.chat_id, own.bound_at = chat_id, now
        if member.notice_channel in (None, channel):  # else their notices stay where they chose
            member.channel, member.chat_id = channel, chat_id

    async def bind_staff_many(self, pairs: Sequence[tuple[m.Staff, str]], channel: str, now: datetime) -> None:
        """``bind_staff`` for several members, each to a chat of their own on ``channel``, in a few
        statements whatever their number. A chat already bound to someone else goes through
        ``bind_staff`` (its holder loses it, as there), before the others."""
        if len({chat_id for _, chat_id in pairs}) != len(pairs):
            raise ValueError("bind_staff_many: two members given the same chat")
        holders: dict[str, str] = {}
        for part in _chunks([chat_id for _, chat_id in pairs]):
            found = await self.s.execute(select(m.StaffBinding.chat_id, m.StaffBinding.staff_id).where(
                m.StaffBinding.channel == channel, m.StaffBinding.chat_id.in_(part)))
            holders.update({chat_id: staff_id for chat_id, staff_id in found})
        taken = [(member, chat_id) for member, chat_id in pairs if holders.get(chat_id, member.id) != member.id]
        for member, chat_id in taken:
            await self.bind_staff(member, channel, chat_id, now)
        rest = [(member, chat_id) for member, chat_id in pairs if holders.get(chat_id, member.id) == member.id]
        own: dict[str, m.StaffBinding] = {}
        for part in _chunks([member.id for member, _ in rest]):
            own.update({b.staff_id: b for b in await self.s.scalars(select(m.StaffBinding).where(
                m.StaffBinding.channel == channel, m.StaffBinding.staff_id.in_(part)))})
        for member, chat_id in rest:
            self._set_binding(member, own.get(member.id), channel, chat_id, now)
        await self.s.flush()

    async def choose_notice_channel(self, member: m.Staff, channel: str | None) -> bool:
        """Notices on ``channel`` from now on (its binding's chat), or with None where the member
        writes from; False when the member has no chat on that channel."""
        if channel is None:
            member.notice_channel = None
            return True
        own = await self.s.get(m.StaffBinding, (member.id, channel))
        if own is None:
            return False
        member.notice_channel = channel
        member.channel, member.chat_id = channel, own.chat_id
        return True

    async def move_staff_chat(self, channel: str, old_chat_id: str, new_chat_id: str) -> int:
        """The staff member bound to a chat that now goes on under another id (a group that
        became a supergroup) follows it; how many rows changed (0 or 1)."""
        other = aliased(m.StaffBinding)
        taken = select(other.staff_id).where(other.channel == channel, other.chat_id == new_chat_id).exists()
        await self.s.execute(update(m.StaffBinding)
                             .where(m.StaffBinding.channel == channel, m.StaffBinding.chat_id == old_chat_id, ~taken)
                             .values(chat_id=new_chat_id))
        return await _move_bound(self.s, m.Staff, channel, old_chat_id, new_chat_id)

    async def preload_staff(self) -> None:
        """Every staff member, room and department in three queries, for this unit of work: a batch
        of clocks then finds assignees, station heads and rooms without a round trip each."""
        everyone = (await self.s.scalars(select(m.Staff).order_by(m.Staff.id))).all()
        roles: dict[tuple[str | None, str], list[m.Staff]] = {}
        for staff in everyone:
            self._staff[staff.id] = staff
            if staff.active:
                roles.setdefault((None, staff.role), []).append(staff)
                if staff.community_id is not None:
                    roles.setdefault((staff.community_id, staff.role), []).append(staff)
        for role in {r for _, r in roles}:
            roles.setdefault((None, role), [])
        self._loaded_roles = True
        self._staff_in.update(roles)
        self._rooms = {r.id: r for r in (await self.s.scalars(select(m.Room))).all()}
        self._departments = {d.id: d for d in (await self.s.scalars(select(m.Department))).all()}

    async def staff_in(self, community_id: str | None, role: str) -> Sequence[m.Staff]:
        if self._loaded_roles and (community_id, role) not in self._staff_in:
            return []
        key = (community_id, role)
        if key not in self._staff_in:
            stmt = select(m.Staff).where(m.Staff.role == role, m.Staff.active.is_(True))
            if community_id is not None:
                stmt = stmt.where(m.Staff.community_id == community_id)
            self._staff_in[key] = (await self.s.scalars(stmt.order_by(m.Staff.id))).all()
        return self._staff_in[key]

    async def staff_names(self) -> dict[str, tuple[str, str]]:
        """Every staff member's (name, role) by id, without loading the rows."""
        stmt = select(m.Staff.id, m.Staff.name, m.Staff.role).order_by(m.Staff.id)
        return {staff_id: (name, role) for staff_id, name, role in await self.s.execute(stmt)}

    async def all_staff(self) -> Sequence[m.Staff]:
        return (await self.s.scalars(select(m.Staff).order_by(m.Staff.id))).all()

    async def room(self, room_id: str) -> m.Room | None:
        return self._rooms.get(room_id) or await self._get(m.Room, room_id)

    async def rooms(self) -> Sequence[m.Room]:
        return (await self.s.scalars(select(m.Room).order_by(m.Room.id))).all()

    async def department(self, department_id: str) -> m.Department | None:
        return self._departments.get(department_id) or await self._get(m.Department, department_id)

    async def departments(self) -> Sequence[m.Department]:
        return (await self.s.scalars(select(m.Department).order_by(m.Department.id))).all()

    async def rules(self) -> Sequence[m.RoutingRule]:
        return (await self.s.scalars(select(m.RoutingRule).order_by(m.RoutingRule.position))).all()


class ResidentRepo(_Repo):
    async def by_chat(self, channel: str, chat_id: str) -> m.Resident | None:
        stmt = select(m.Resident).where(m.Resident.channel == channel, m.Resident.chat_id == chat_id)
        return (await self.s.scalars(stmt)).first()

    def __init__(self, session: AsyncSession) -> None:
        super().__init__(session)
        self._loaded: dict[int, m.Resident] = {}  # ``preload``: strong references (see CaseRepo)

    async def get(self, resident_id: int) -> m.Resident | None:
        if resident_id in self._loaded:
            return self._loaded[resident_id]
        return await self._get(m.Resident, resident_id)

    async def preload(self, resident_ids: Sequence[int]) -> None:
        """Load these residents in one query; ``get`` then finds them without a round trip."""
        ids = sorted(set(resident_ids) - self._loaded.keys())
        if ids:
            found = (await self.s.scalars(select(m.Resident).where(m.Resident.id.in_(ids)))).all()
            self._loaded.update((r.id, r) for r in found)

    async def move_chat(self, channel: str, old_chat_id: str, new_chat_id: str) -> int:
        """The resident bound to a chat that now goes on under another id follows it (0 or 1)."""
        return await _move_bound(self.s, m.Resident, channel, old_chat_id, new_chat_id)

    async def with_phone_created_before(self, before: datetime) -> Sequence[m.Resident]:
        """Residents still holding a phone number, known since before ``before`` (retention)."""
        stmt = select(m.Resident).where(m.Resident.phone.is_not(None), m.Resident.forgotten_at.is_(None),
                                        m.Resident.created_at < before)
        return (await self.s.scalars(stmt.order_by(m.Resident.id))).all()


class CaseRepo(_Repo):
    def __init__(self, session: AsyncSession) -> None:
        super().__init__(session)
        # Cases this transaction holds (``lock_many``). Kept here, not only in the session's
        # identity map: that map holds unchanged rows weakly, and they would be loaded again.
        self._held: dict[int, m.Case] = {}

    async def get(self, case_id: int, *, lock: bool = False) -> m.Case | None:
        if case_id in self._held:
            return self._held[case_id]
        stmt = select(m.Case).where(m.Case.id == case_id)
        if lock and self._locks:
            stmt = stmt.with_for_update()
        return (await self.s.scalars(stmt)).first()

    async def lock_many(self, case_ids: Sequence[int], *, skip_locked: bool = False) -> set[int]:
        """Load and lock these cases in one statement, in id order (two workers locking
        overlapping sets wait, never deadlock); the ids now held. With ``skip_locked`` cases
        another transaction holds are left out instead of waited for."""
        ids = sorted(set(case_ids))
        if not ids:
            return set()
        stmt = select(m.Case).where(m.Case.id.in_(ids)).order_by(m.Case.id)
        if self._locks:
            stmt = stmt.with_for_update(skip_locked=skip_locked)
        got = {c.id: c for c in (await self.s.scalars(stmt)).all()}
        self._held.update(got)
        return set(got)

    async def by_number(self, number: str) -> m.Case | None:
        stmt = select(m.Case).where(m.Case.number == number)
        return (await self.s.scalars(stmt)).first()

    async def next_number(self, prefix: str, day: str) -> str:
        """``TY20261128-0007``: a per-day counter row, created or incremented in one statement.

        Why one upsert: a read then an insert let two updates (or workers) that opened a day's
        first cases at once both insert the row on PostgreSQL; one failed on the primary key and its
        resident's 确认提交 was lost (bench/load.py). The upsert's row lock orders the rest."""
        value = (await self.s.execute(_NEXT_NUMBER, {"day": day})).scalar_one()
        return f"{prefix}{day}-{value:04d}"

    async def of_resident(self, resident_id: int) -> Sequence[m.Case]:
        stmt = select(m.Case).where(m.Case.resident_id == resident_id).order_by(m.Case.id.desc())
        return (await self.s.scalars(stmt)).all()

    async def of_resident_page(self, resident_id: int, offset: int = 0, limit: int = 10) -> Sequence[m.Case]:
        """A resident's cases, newest first, ``limit`` from ``offset`` (index (resident_id, id))."""
        stmt = (select(m.Case).where(m.Case.resident_id == resident_id).order_by(m.Case.id.desc())
                .offset(offset).limit(limit))
        return (await self.s.scalars(stmt)).all()

    async def count_of_resident(self, resident_id: int) -> int:
        stmt = select(func.count()).select_from(m.Case).where(m.Case.resident_id == resident_id)
        return int((await self.s.execute(stmt)).scalar_one())

    async def own(self, resident_id: int, ref: str) -> m.Case | None:
        """The resident's case named by its number, the end of its number, or its id; newest first."""
        ref = ref.strip().upper()
        if not ref:
            return None
        like = ref.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        named = [func.upper(m.Case.number) == ref, func.upper(m.Case.number).like("%" + like, escape="\\")]
        if ref.isascii() and ref.isdigit() and len(ref) <= 10 and int(ref) <= 2**31 - 1:
            named.append(m.Case.id == int(ref))
        stmt = (select(m.Case).where(m.Case.resident_id == resident_id, or_(*named))
                .order_by((func.upper(m.Case.number) == ref).desc(), m.Case.id.desc()).limit(1))
        return (await self.s.scalars(stmt)).first()

    def _open(self, community_id: str | None, assignee_id: str | None, overdue_at: datetime | None) -> Any:
        # The literal predicate of the partial indices (m.OPEN_PREDICATE), not bound parameters:
        # only a literal lets PostgreSQL's planner prove that the partial index covers the query.
        stmt = select(m.Case).where(m.OPEN_PREDICATE)
        if community_id is not None:
            stmt = stmt.where(m.Case.community_id == community_id)
        if assignee_id is not None:
            stmt = stmt.where(m.Case.assignee_id == assignee_id)
        if overdue_at is not None:
            stmt = stmt.where(or_(m.Case.resolution_due < overdue_at,
                                  and_(m.Case.state.in_(("assigned", "reopened")), m.Case.sign_for_due < overdue_at)))
        return stmt

    async def open_page(self, community_id: str | None = None, assignee_id: str | None = None, *,
                        overdue_at: datetime | None = None, after: tuple[datetime, int] | None = None,
                        limit: int = 30) -> Sequence[m.Case]:
        """Open cases oldest first, ``limit`` after the (created_at, id) ``after`` (keyset paging:
        page 100 costs what page 1 does). ``overdue_at``: only those overdue at that time."""
        stmt = self._open(community_id, assignee_id, overdue_at)
        if after is not None:
            stmt = stmt.where(tuple_(m.Case.created_at, m.Case.id) > tuple_(
                literal(after[0], m.Case.created_at.type), literal(after[1])))
        stmt = stmt.order_by(m.Case.created_at, m.Case.id).limit(limit)
        return (await self.s.scalars(stmt)).all()

    async def count_open(self, community_id: str | None = None, assignee_id: str | None = None, *,
                         overdue_at: datetime | None = None, cap: int | None = None) -> int:
        """How many open cases; with ``cap``, at most ``cap + 1`` are counted (a district's whole
        backlog is not read to print "1000+")."""
        stmt = self._open(community_id, assignee_id, overdue_at).with_only_columns(m.Case.id)
        if cap is not None:
            stmt = stmt.limit(cap + 1)
        counted = select(func.count()).select_from(stmt.subquery())
        return int((await self.s.execute(counted)).scalar_one())

    async def count_created_since(self, resident_id: int, since: datetime) -> int:
        stmt = select(m.Case.id).where(m.Case.resident_id == resident_id, m.Case.created_at >= since)
        return len((await self.s.scalars(stmt)).all())

    async def open_cases(
        self, community_id: str | None = None, assignee_id: str | None = None
    ) -> Sequence[m.Case]:
        stmt = select(m.Case).where(m.Case.state.in_(("new", "assigned", "accepted", "in_progress",
                                                         "reopened", "referred")))
        if community_id is not None:
            stmt = stmt.where(m.Case.community_id == community_id)
        if assignee_id is not None:
            stmt = stmt.where(m.Case.assignee_id == assignee_id)
        return (await self.s.scalars(stmt.order_by(m.Case.created_at))).all()

    async def events(self, case_id: int) -> Sequence[m.CaseEvent]:
        stmt = select(m.CaseEvent).where(m.CaseEvent.case_id == case_id).order_by(m.CaseEvent.id)
        return (await self.s.scalars(stmt)).all()

    async def notes(self, case_id: int) -> Sequence[m.CaseNote]:
        stmt = select(m.CaseNote).where(m.CaseNote.case_id == case_id).order_by(m.CaseNote.id)
        return (await self.s.scalars(stmt)).all()

    async def corrections(self) -> Sequence[m.Correction]:
        return (await self.s.scalars(select(m.Correction).order_by(m.Correction.id))).all()

    async def ended_before(self, states: Sequence[str], before: datetime, *,
                           retained_only: bool = False) -> Sequence[m.Case]:
        """Cases in ``states`` (closed, settled, withdrawn) closed before ``before`` (retention).
        ``retained_only``: only those whose text is not anonymised yet (``m.ANONYMISED``), read
        from the partial index on them rather than from every case of the years before."""
        stmt = select(m.Case).where(m.Case.state.in_(states), m.Case.closed_at < before)
        if retained_only:
            stmt = stmt.where(m.RETAINED_PREDICATE)
        return (await self.s.scalars(stmt.order_by(m.Case.id))).all()

    async def delete_corrections(self, case_id: int) -> None:
        """A correction keeps the case's text as a training example: erased with the text."""
        await self.s.execute(delete(m.Correction).where(m.Correction.case_id == case_id))


class ClockRepo(_Repo):
    def __init__(self, session: AsyncSession) -> None:
        super().__init__(session)
        self._pending: dict[int, list[m.Clock]] = {}  # ``prefetch_pending``
        self._pending_kinds: set[str] = set()

    async def claim_due(self, now: datetime, limit: int = 50) -> Sequence[m.Clock]:
        """Due pending clocks, locked so that another worker skips them (SKIP LOCKED)."""
        stmt = (
            select(m.Clock)
            .where(m.Clock.state == "pending", m.Clock.due_at <= now)
            .order_by(m.Clock.due_at, m.Clock.id)
            .limit(limit)
        )
        if self._locks:
            stmt = stmt.with_for_update(skip_locked=True)
        return (await self.s.scalars(stmt)).all()

    async def claim(self, clock_id: int, now: datetime) -> m.Clock | None:
        """One due pending clock by id, locked (None if gone, done or held by another worker)."""
        stmt = select(m.Clock).where(m.Clock.id == clock_id, m.Clock.state == "pending", m.Clock.due_at <= now)
        if self._locks:
            stmt = stmt.with_for_update(skip_locked=True)
        return (await self.s.scalars(stmt)).first()

    async def mark(self, clock_ids: Sequence[int], state: str, now: datetime) -> None:
        """Clocks run (``done``) or given up (``failed``): one statement for a batch."""
        if clock_ids:
            await self.s.execute(update(m.Clock).where(m.Clock.id.in_(list(clock_ids)))
                                 .values(state=state, done_at=now).execution_options(synchronize_session=False))

    async def get(self, clock_id: int) -> m.Clock | None:
        return await self._get(m.Clock, clock_id)

    async def prefetch_pending(self, case_ids: Sequence[int], kinds: Sequence[str]) -> None:
        """Load the pending clocks of ``kinds`` of these cases in one query; ``pending_for_case``
        then answers for them from memory when asked for those kinds (a batch of clocks asks per
        clock). Clocks added, and cancelled through this repository, are kept in step. Only the
        kinds asked for are loaded: a case can have many other pending clocks, each an object."""
        if self._pending and set(kinds) != self._pending_kinds:
            raise ValueError("prefetch_pending: one set of kinds per unit of work")
        self._pending_kinds = set(kinds)
        ids = sorted(set(case_ids) - self._pending.keys())
        if not ids:
            return
        for case_id in ids:
            self._pending[case_id] = []
        stmt = select(m.Clock).where(m.Clock.case_id.in_(ids), m.Clock.kind.in_(list(kinds)), m.PENDING_PREDICATE)
        for clock in (await self.s.scalars(stmt.order_by(m.Clock.id))).all():
            self._pending[clock.case_id].append(clock)  # type: ignore[index]

    def add(self, obj: m.Base) -> None:
        if isinstance(obj, m.Clock) and obj.case_id in self._pending and obj.kind in self._pending_kinds:
            self._pending[obj.case_id].append(obj)  # type: ignore[index]
        super().add(obj)

    async def pending_for_case(self, case_id: int, kinds: Sequence[str] = ()) -> Sequence[m.Clock]:
        if case_id in self._pending and kinds and set(kinds) <= self._pending_kinds:
            return [c for c in self._pending[case_id] if c.state == "pending" and c.kind in kinds]
        stmt = select(m.Clock).where(m.Clock.case_id == case_id, m.Clock.state == "pending")
        if kinds:
            stmt = stmt.where(m.Clock.kind.in_(kinds))
        return (await self.s.scalars(stmt)).all()

    async def cancel_for_case(self, case_id: int, kinds: Sequence[str], now: datetime) -> None:
        for clock in self._pending.get(case_id, ()):
            if clock.kind in kinds and clock.state == "pending":
                clock.state, clock.done_at = "cancelled", now
        stmt = (
            update(m.Clock)
            .where(m.Clock.case_id == case_id, m.Clock.state == "pending", m.Clock.kind.in_(kinds))
            .values(state="cancelled", done_at=now)
        )
        await self.s.execute(stmt)

    async def next_due(self) -> datetime | None:
        stmt = select(m.Clock.due_at).where(m.Clock.state == "pending").order_by(m.Clock.due_at)
        return (await self.s.scalars(stmt.limit(1))).first()


class OutboxRepo(_Repo):
    def __init__(self, session: AsyncSession) -> None:
        super().__init__(session)
        self.touched = False  # rows added or handed out for changing: the unit of work tells the sender

    def add(self, obj: m.Base) -> None:
        self.touched = True
        super().add(obj)

    async def claim_pending(self, now: datetime, limit: int = 100,
                            channels: Collection[str] | None = None) -> Sequence[m.Outbox]:
        """The oldest due rows; with ``channels``, only rows of those channels (a process claims
        only what it can send: another channel's rows are another process's)."""
        stmt = (
            select(m.Outbox)
            .where(m.Outbox.state == "pending", m.Outbox.next_attempt_at <= now)
            .order_by(m.Outbox.id)
            .limit(limit)
        )
        if channels is not None:
            stmt = stmt.where(m.Outbox.channel.in_(tuple(channels)))
        if self._locks:
            stmt = stmt.with_for_update(skip_locked=True)
        return (await self.s.scalars(stmt)).all()

    async def due(self, now: datetime, channels: Collection[str], window: int) -> list[tuple[int, str, str]]:
        """(id, channel, chat id) of up to ``window`` oldest due rows of ``channels``; on
        PostgreSQL rows another worker is sending (locked) are skipped."""
        stmt = (select(m.Outbox.id, m.Outbox.channel, m.Outbox.chat_id)
                .where(m.Outbox.state == "pending", m.Outbox.next_attempt_at <= now,
                       m.Outbox.channel.in_(tuple(channels)))
                .order_by(m.Outbox.id).limit(window))
        if self._locks:
            stmt = stmt.with_for_update(skip_locked=True, of=m.Outbox)
        return [(row_id, channel, chat_id) for row_id, channel, chat_id in await self.s.execute(stmt)]

    async def claim(self, row_id: int, now: datetime) -> Sequence[m.Outbox]:
        """Row ``row_id`` if it is still due (another worker may have sent it), locked on PostgreSQL."""
        stmt = select(m.Outbox).where(m.Outbox.id == row_id, m.Outbox.state == "pending",
                                      m.Outbox.next_attempt_at <= now)
        if self._locks:
            stmt = stmt.with_for_update(skip_locked=True)
        return (await self.s.scalars(stmt)).all()

    async def held_for(self, chat_id: str) -> Sequence[m.Outbox]:
        """Messages kept for a staff member who had not enrolled yet (``staff:<id>``)."""
        stmt = select(m.Outbox).where(m.Outbox.state == "held", m.Outbox.chat_id == chat_id)
        rows = (await self.s.scalars(stmt.order_by(m.Outbox.id))).all()
        self.touched = self.touched or bool(rows)  # the caller releases them
        return rows

    async def held_for_many(self, chat_ids: Sequence[str]) -> dict[str, list[m.Outbox]]:
        """``held_for`` of several chats at once, by chat (chats with nothing held are left out)."""
        found: dict[str, list[m.Outbox]] = {}
        for part in _chunks(list(chat_ids)):
            stmt = select(m.Outbox).where(m.Outbox.state == "held", m.Outbox.chat_id.in_(part))
            for row in (await self.s.scalars(stmt.order_by(m.Outbox.id))).all():
                found.setdefault(row.chat_id, []).append(row)
        self.touched = self.touched or bool(found)  # the caller releases them
        return found

    async def move_chat(self, channel: str, old_chat_id: str, new_chat_id: str) -> int:
        """Messages still waiting for a chat (pending or held) go to its new id; how many.

        On PostgreSQL rows another worker is sending right now are skipped, not waited for: that
        worker's send meets the move itself and re-points its row in its own transaction (waiting
        here could wait for a transaction that waits for us)."""
        waiting = aliased(m.Outbox)
        ids = select(waiting.id).where(waiting.channel == channel, waiting.chat_id == old_chat_id,
                                       waiting.state.in_(("pending", "held")))
        if self._locks:
            ids = ids.with_for_update(skip_locked=True)
        result = await self.s.execute(update(m.Outbox).where(m.Outbox.id.in_(ids)).values(chat_id=new_chat_id))
        return int(getattr(result, "rowcount", 0) or 0)

    async def pending_count(self) -> int:
        stmt = select(m.Outbox.id).where(m.Outbox.state == "pending")
        return len((await self.s.scalars(stmt)).all())

    async def of_case(self, case_id: int) -> Sequence[m.Outbox]:
        """Every message written about a case, whatever its state (privacy erasure)."""
        stmt = select(m.Outbox).where(m.Outbox.case_id == case_id)
        return (await self.s.scalars(stmt.order_by(m.Outbox.id))).all()

    async def to_chat(self, channel: str, chat_id: str) -> Sequence[m.Outbox]:
        """Every message addressed to one chat (privacy erasure of a resident)."""
        stmt = select(m.Outbox).where(m.Outbox.channel == channel, m.Outbox.chat_id == chat_id)
        return (await self.s.scalars(stmt.order_by(m.Outbox.id))).all()


# The two inserts of every update, as SQL text. Why not ``insert(...).on_conflict_do_*()``: the
# dialects' Insert constructs are never cached (``inherit_cache = False``), so SQLAlchemy compiled
# both statements afresh on every update, about a third of the core's time. ``ON CONFLICT`` reads
# the same on SQLite and PostgreSQL, and a text statement is compiled once. On PostgreSQL the
# conversation upsert also locks the row until commit: one chat's updates in order across workers.
_UPSERT_CONVERSATION = text(
    "INSERT INTO conversation (channel, chat_id, state, data, updated_at, window_count)"
    " VALUES (:channel, :chat_id, 'start', '{}', :now, 0)"
    " ON CONFLICT (channel, chat_id) DO UPDATE SET channel = excluded.channel"
).bindparams(bindparam("now", type_=m.Conversation.__table__.c.updated_at.type))
_CLAIM_UPDATE = text(
    "INSERT INTO processed_update (channel, update_id, at) VALUES (:channel, :update_id, :now)"
    " ON CONFLICT (channel, update_id) DO NOTHING"
).bindparams(bindparam("now", type_=m.ProcessedUpdate.__table__.c.at.type))
_NEXT_NUMBER = text(
    "INSERT INTO case_counter (day, value) VALUES (:day, 1)"
    " ON CONFLICT (day) DO UPDATE SET value = case_counter.value + 1 RETURNING value"
)
# A chat that goes on under another id: its conversation is copied to the new id unless the new
# chat has one already (then that one is kept), and the old row is deleted. ``ON CONFLICT DO
# NOTHING`` rather than an UPDATE of the key: an update arriving in the new chat meanwhile inserts
# its own row, and the move must not fail on it.
_CONVERSATION_COLUMNS = [c.name for c in m.Conversation.__table__.columns]
_COPY_CONVERSATION = text(
    f"INSERT INTO conversation ({', '.join(_CONVERSATION_COLUMNS)})"
    f" SELECT {', '.join(':new_chat_id' if c == 'chat_id' else c for c in _CONVERSATION_COLUMNS)}"
    " FROM conversation WHERE channel = :channel AND chat_id = :old_chat_id"
    " ON CONFLICT (channel, chat_id) DO NOTHING"
)
_DROP_CONVERSATION = text("DELETE FROM conversation WHERE channel = :channel AND chat_id = :old_chat_id")
# Who is at the other end of a chat, with the chat's state: one query instead of three.
_WHO = (
    select(m.Conversation, m.Staff, m.Resident)
    .outerjoin(m.StaffBinding, and_(m.StaffBinding.channel == m.Conversation.channel,
                                    m.StaffBinding.chat_id == m.Conversation.chat_id))
    .outerjoin(m.Staff, m.Staff.id == m.StaffBinding.staff_id)
    .outerjoin(m.Resident, and_(m.Resident.channel == m.Conversation.channel,
                                m.Resident.chat_id == m.Conversation.chat_id))
)
_CHAT = _WHO.where(m.Conversation.channel == bindparam("channel"), m.Conversation.chat_id == bindparam("chat_id"))
_CHATS = _WHO.where(m.Conversation.channel == bindparam("channel"),
                    m.Conversation.chat_id.in_(bindparam("chat_ids", expanding=True)))


@functools.cache
def _claim_updates(count: int) -> TextClause:
    """``count`` updates claimed in one statement; the ids returned are the ones that were new.
    Text, one per batch size, for the reason given above ``_UPSERT_CONVERSATION``."""
    rows = ", ".join(f"(:channel, :u{i}, :now)" for i in range(count))
    return text(f"INSERT INTO processed_update (channel, update_id, at) VALUES {rows}"
                " ON CONFLICT (channel, update_id) DO NOTHING RETURNING update_id"
                ).bindparams(bindparam("now", type_=m.ProcessedUpdate.__table__.c.at.type))


class OpenChat(NamedTuple):
    """A chat as an update finds it: its flow state, and the staff member or resident behind it."""

    conversation: m.Conversation
    staff: m.Staff | None
    resident: m.Resident | None


def _last_used(staff: m.Staff | None, channel: str, chat_id: str) -> m.Staff | None:
    """A staff member who writes from one of their chats gets their notices there from now on,
    unless they chose another channel for them (``/notify here``)."""
    if (staff is not None and staff.notice_channel in (None, channel)
            and (staff.channel, staff.chat_id) != (channel, chat_id)):
        staff.channel, staff.chat_id = channel, chat_id
    return staff


class ConversationRepo(_Repo):
    async def open(self, channel: str, chat_id: str, now: datetime) -> OpenChat:
        """The chat's state row (created if new, locked on PostgreSQL) and who writes in it.

        Two statements for what took four (upsert, staff by chat, resident by chat): the upsert,
        then one select joining the staff member and the resident bound to the chat (each is
        unique per channel and chat)."""
        params = {"channel": channel, "chat_id": chat_id}
        await self.s.execute(_UPSERT_CONVERSATION, {**params, "now": now})
        result = await self.s.execute(_CHAT, params, execution_options={"populate_existing": True})
        conversation, staff, resident = result.one()
        return OpenChat(conversation, _last_used(staff, channel, chat_id), resident)

    async def open_many(self, channel: str, chat_ids: Sequence[str], now: datetime) -> dict[str, OpenChat]:
        """``open`` for several chats in two statements (a batch of updates, ``handlers.batching``).
        Upserted in sorted order: two workers locking overlapping chats take the locks in the same
        order on PostgreSQL, so they wait for each other instead of deadlocking."""
        await self.s.execute(_UPSERT_CONVERSATION, [{"channel": channel, "chat_id": chat_id, "now": now}
                                                    for chat_id in sorted(set(chat_ids))])
        result = await self.s.execute(_CHATS, {"channel": channel, "chat_ids": list(chat_ids)},
                                      execution_options={"populate_existing": True})
        return {conversation.chat_id: OpenChat(conversation, _last_used(staff, channel, conversation.chat_id), resident)
                for conversation, staff, resident in result}

    async def drop_replies_before(self, before: datetime) -> int:
        """Forget the kept copy of replies (``last_replies``) of chats quiet since ``before``."""
        result = await self.s.execute(
            update(m.Conversation)
            .where(m.Conversation.updated_at < before, m.Conversation.last_update_id.is_not(None))
            .values(last_update_id=None, last_replies=None)
            .execution_options(synchronize_session=False))
        return int(getattr(result, "rowcount", 0) or 0)

    async def move(self, channel: str, old_chat_id: str, new_chat_id: str) -> int:
        """The chat's state goes on under ``new_chat_id`` (kept there if the new chat has one);
        how many old rows went (0 or 1)."""
        params = {"channel": channel, "old_chat_id": old_chat_id, "new_chat_id": new_chat_id}
        await self.s.execute(_COPY_CONVERSATION, params)
        result = await self.s.execute(_DROP_CONVERSATION, params)
        return int(getattr(result, "rowcount", 0) or 0)

    async def lock(self, channel: str, chat_id: str, now: datetime) -> m.Conversation:
        """The chat's state row, created if new; locked until commit on PostgreSQL."""
        return (await self.open(channel, chat_id, now)).conversation


class UpdateRepo(_Repo):
    async def seen(self, channel: str, update_id: str) -> bool:
        return await self.s.get(m.ProcessedUpdate, (channel, update_id)) is not None

    async def claim(self, channel: str, update_id: str, now: datetime) -> bool:
        """Record the update as processed; False when it already was. One statement, and part
        of the caller's transaction: if handling fails, the claim is rolled back with it."""
        result = await self.s.execute(_CLAIM_UPDATE, {"channel": channel, "update_id": update_id, "now": now})
        return bool(getattr(result, "rowcount", 0))

    async def claim_many(self, channel: str, update_ids: Sequence[str], now: datetime) -> set[str]:
        """``claim`` for several updates in one statement: the ids that were not processed before."""
        params: dict[str, Any] = {f"u{i}": update_id for i, update_id in enumerate(update_ids)}
        result = await self.s.execute(_claim_updates(len(update_ids)), {**params, "channel": channel, "now": now})
        return set(result.scalars())

    async def prune(self, before: datetime) -> int:
        """Forget updates processed before ``before`` (no channel redelivers an update that old)."""
        result = await self.s.execute(delete(m.ProcessedUpdate).where(m.ProcessedUpdate.at < before))
        return int(getattr(result, "rowcount", 0) or 0)


class InviteRepo(_Repo):
    async def get(self, code: str, *, lock: bool = False) -> m.Invite | None:
        return await self.s.get(m.Invite, code, with_for_update=lock and self._locks)


class JobRepo(_Repo):
    async def claim(self, job: str, period: str, now: datetime) -> bool:
        """True once per (job, period): the caller then does the job in the same transaction."""
        if await self.s.get(m.JobRun, (job, period)) is not None:
            return False
        self.s.add(m.JobRun(job=job, period=period, at=now))
        await self.s.flush()
        return True

    async def ran(self, jobs: Collection[str], periods: Collection[str]) -> tuple[set[tuple[str, str]], set[str]]:
        """Which of these (job, period) pairs ran, and which of ``jobs`` ever ran."""
        rows = await self.s.execute(select(m.JobRun.job, m.JobRun.period)
                                    .where(m.JobRun.job.in_(set(jobs)), m.JobRun.period.in_(set(periods))))
        seen = await self.s.scalars(select(m.JobRun.job).where(m.JobRun.job.in_(set(jobs))).distinct())
        return {(job, period) for job, period in rows}, set(seen.all())

    async def prune(self, before: datetime, keep_latest: bool = True) -> int:
        """Forget job runs recorded before ``before``; each job's latest run is kept (it says the
        job has run at all, which decides whether a missed period is caught up)."""
        stmt = delete(m.JobRun).where(m.JobRun.at < before)
        if keep_latest:
            latest = select(m.JobRun.job, func.max(m.JobRun.at).label("at")).group_by(m.JobRun.job).subquery()
            newest = select(latest.c.at).where(latest.c.job == m.JobRun.job).scalar_subquery()
            stmt = stmt.where(m.JobRun.at < newest)
        result = await self.s.execute(stmt)
        return int(getattr(result, "rowcount", 0) or 0)


# One statement, so two workers reserving at once queue on the row, never both get the last token.
# clock_timestamp(), not now(): the time the row lock was got, so a worker that waited for the lock
# does not count the wait as elapsed twice. GREATEST(0, ...) holds if the database's clock steps back.
_RESERVE_PACE = text("""
INSERT INTO chat_pace (chat_key, tokens, at)
VALUES (:key, CAST(:cap AS double precision) - 1, clock_timestamp())
ON CONFLICT (chat_key) DO UPDATE SET
    tokens = LEAST(CAST(:cap AS double precision),
                   chat_pace.tokens + GREATEST(0, CAST(EXTRACT(EPOCH FROM clock_timestamp() - chat_pace.at)
                                                       AS double precision)) * CAST(:rate AS double precision)) - 1,
    at = clock_timestamp()
RETURNING tokens
""")


class PaceRepo(_Repo):
    """Sending buckets per chat shared by every worker (``m.ChatPace``), PostgreSQL only.

    Why the database's clock: workers' clocks may disagree by more than a send's spacing.
    """

    async def reserve(self, key: str, capacity: float, per_second: float) -> float:
        """Take one send from ``key``'s bucket; seconds to wait before sending (0: now).

        A negative balance is a send reserved in the future. The caller commits at once (the
        row stays locked until then), before waiting."""
        if self.s.bind.dialect.name != "postgresql":
            raise NotImplementedError("shared chat pacing needs PostgreSQL")
        result = await self.s.execute(_RESERVE_PACE, {"key": key, "cap": float(capacity),
                                                      "rate": float(per_second)})
        tokens = float(result.scalar_one())
        return max(0.0, -tokens / per_second)

    async def prune(self, before: datetime) -> int:
        """Forget chats idle since ``before``: their buckets are full again, as a new row starts."""
        result = await self.s.execute(delete(m.ChatPace).where(m.ChatPace.at < before))
        return int(getattr(result, "rowcount", 0) or 0)


class StatsRepo(_Repo):
    """Read-only queries behind the figures and reports, plus the demo-data housekeeping.

    Why apart from CaseRepo: reports read whole periods at once (one query for the cases, one for
    their events), never case by case, and must not grow the workflow's vocabulary.
    """

    def _created(self, stmt: Any, start: datetime, end: datetime, community_id: str | None,
                 assignee_id: str | None) -> Any:
        stmt = stmt.where(m.Case.created_at >= start, m.Case.created_at < end)
        if community_id is not None:
            stmt = stmt.where(m.Case.community_id == community_id)
        if assignee_id is not None:
            stmt = stmt.where(m.Case.assignee_id == assignee_id)
        return stmt

    # What the figures read of a case: plain rows, not ORM objects. A year of a busy district is
    # 150,000 cases and a million events; mapping each into the session's identity map cost more
    # than the query, and reports never change what they read.
    FIGURE_CASE_COLUMNS = ("id", "number", "created_at", "community_id", "grid_id", "assignee_id", "category",
                           "urgency", "state", "outcome", "assigned_at", "accepted_at", "sign_for_due",
                           "closed_at", "resolution_due", "satisfaction", "reopen_count", "is_demo", "text")

    async def cases_created_between(self, start: datetime, end: datetime, community_id: str | None = None,
                                    assignee_id: str | None = None, *,
                                    include_demo: bool = True) -> Sequence[Any]:
        """Cases with ``start <= created_at < end``, oldest first, as read-only rows with the
        attributes of ``FIGURE_CASE_COLUMNS``."""
        cols = [getattr(m.Case, c) for c in self.FIGURE_CASE_COLUMNS]
        stmt = self._created(select(*cols), start, end, community_id, assignee_id)
        if not include_demo:
            stmt = stmt.where(m.Case.is_demo.is_(False))
        return (await self.s.execute(stmt.order_by(m.Case.created_at, m.Case.id))).all()

    async def events_of_cases_created_between(
        self, start: datetime, end: datetime, actions: Sequence[str], community_id: str | None = None,
        assignee_id: str | None = None, *, include_demo: bool = True,
    ) -> Sequence[Any]:
        """The events with ``actions`` of those same cases, in order, as rows of ``case_id``,
        ``action``, ``at`` and ``to_state``: one query for a whole period."""
        stmt = self._created(select(m.CaseEvent.case_id, m.CaseEvent.action, m.CaseEvent.at, m.CaseEvent.to_state)
                             .join(m.Case, m.Case.id == m.CaseEvent.case_id),
                             start, end, community_id, assignee_id)
        if not include_demo:
            stmt = stmt.where(m.Case.is_demo.is_(False))
        stmt = stmt.where(m.CaseEvent.action.in_(actions)).order_by(m.CaseEvent.case_id, m.CaseEvent.id)
        return (await self.s.execute(stmt)).all()

    async def digest_cases(self, since: datetime, now: datetime) -> Sequence[m.Case]:
        """Every case a daily digest can list, for all stations at once: created since ``since``,
        or open and overdue at ``now``, or reopened (demo cases left out). One query over the
        creation-time index and the open-cases index, however long the history."""
        overdue = or_(m.Case.resolution_due < now,
                      and_(m.Case.state.in_(("assigned", "reopened")), m.Case.sign_for_due < now))
        stmt = select(m.Case).where(
            or_(m.Case.created_at >= since, and_(m.OPEN_PREDICATE, or_(overdue, m.Case.state == "reopened"))),
            m.Case.is_demo.is_(False))
        return (await self.s.scalars(stmt.order_by(m.Case.created_at, m.Case.id))).all()

    async def grid_names(self) -> dict[str, str]:
        """Every grid's name by id: what a report shows of them (no micro-grids, no polygons)."""
        return {grid_id: name for grid_id, name in await self.s.execute(select(m.Grid.id, m.Grid.name))}

    async def all_grids(self) -> Sequence[m.Grid]:
        stmt = (select(m.Grid).order_by(m.Grid.community_id, m.Grid.position)
                .options(selectinload(m.Grid.micro_grids)))
        return (await self.s.scalars(stmt)).all()

    async def demo_residents(self) -> Sequence[m.Resident]:
        stmt = select(m.Resident).where(m.Resident.channel == "demo").order_by(m.Resident.id)
        return (await self.s.scalars(stmt)).all()

    async def demo_numbers(self) -> set[str]:
        return set((await self.s.scalars(select(m.Case.number).where(m.Case.is_demo.is_(True)))).all())

    async def delete_demo(self) -> int:
        """Remove demo cases (``is_demo``), everything that points at them, and demo residents."""
        ids = select(m.Case.id).where(m.Case.is_demo.is_(True)).scalar_subquery()
        count = len((await self.s.scalars(select(m.Case.id).where(m.Case.is_demo.is_(True)))).all())
        for model in (m.CaseEvent, m.CaseNote, m.Clock, m.Outbox, m.Correction):
            await self.s.execute(delete(model).where(model.case_id.in_(ids)))
        await self.s.execute(delete(m.Case).where(m.Case.is_demo.is_(True)))
        used = select(m.Case.resident_id).scalar_subquery()
        await self.s.execute(delete(m.Resident).where(m.Resident.channel == "demo", m.Resident.id.not_in(used)))
        return count


class WebRepo(_Repo):
    """The web channel's sessions and chat history (``bot.channels.web``)."""

    async def session(self, token_hash: str, now: datetime) -> m.WebSession | None:
        row = await self.s.get(m.WebSession, token_hash)
        return row if row is not None and row.expires_at > now else None

    async def messages(self, chat_id: str, after: int = 0, limit: int = 200) -> Sequence[m.WebMessage]:
        stmt = (select(m.WebMessage).where(m.WebMessage.chat_id == chat_id, m.WebMessage.id > after)
                .order_by(m.WebMessage.id).limit(limit))
        return (await self.s.scalars(stmt)).all()

    async def erase(self, channel: str, chat_id: str) -> None:
        """A web chat's history, gone (/forget); other channels keep none."""
        if channel == "web":
            await self.s.execute(delete(m.WebMessage).where(m.WebMessage.chat_id == chat_id))

    async def expire(self, now: datetime) -> None:
        """Sessions past their lifetime go, and the history of chats no session can open any more."""
        await self.s.execute(delete(m.WebSession).where(m.WebSession.expires_at <= now))
        live = select(m.WebSession.chat_id)
        await self.s.execute(delete(m.WebMessage).where(m.WebMessage.chat_id.not_in(live)))


class MetaRepo(_Repo):
    """Facts about the database itself (``m.Meta``)."""

    async def get(self, key: str) -> str | None:
        row = await self._get(m.Meta, key)
        return None if row is None else row.value

    async def put(self, key: str, value: str) -> None:
        row = await self._get(m.Meta, key)
        if row is None:
            self.add(m.Meta(key=key, value=value))
        else:
            row.value = value

    async def drop(self, key: str) -> None:
        await self.s.execute(delete(m.Meta).where(m.Meta.key == key))
