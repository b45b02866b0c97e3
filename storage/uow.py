"""Unit of work (after cosmicpython): one transaction, the repositories that work inside it.

Why: handlers change cases, write outbox rows and record the processed update together, and
either all of it is committed or none of it. Handlers never see a SQLAlchemy session: they call
repository methods and ``commit()``.

Why ``outbox_listeners``: the sender (``bot.runtime``) must drain the outbox right after a
transaction wrote to it, and only then. Asking the database after every update instead cost a
transaction per update, on SQLite's one connection.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from types import TracebackType
from typing import Any, Protocol, Self, runtime_checkable

from sqlalchemy.exc import DBAPIError
from sqlalchemy.exc import TimeoutError as PoolTimeout
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from storage import bulk, repos

# PostgreSQL's deadlock_detected and serialization_failure: the database chose this transaction
# as the victim and says "retry it".
_TRANSIENT_SQLSTATES = frozenset({"40P01", "40001"})


def is_transient(exc: BaseException) -> bool:
    """True when the database aborted a transaction that will succeed if simply run again.

    Why: two transactions that lock the same rows in opposite orders (a resident answering the
    survey while its reminder clock runs) make PostgreSQL abort one of them. That is not a
    failure of the work; running it again is what PostgreSQL's documentation prescribes.
    """
    if isinstance(exc, PoolTimeout):  # another transaction held the connection too long: try again
        return True
    if not isinstance(exc, DBAPIError):
        return False
    orig = exc.orig
    code = getattr(orig, "sqlstate", None) or getattr(orig, "pgcode", None)
    if code in _TRANSIENT_SQLSTATES:
        return True
    return "database is locked" in str(orig)  # SQLite: another process held the lock too long


class UnitOfWork:
    def __init__(self, session_factory: async_sessionmaker[AsyncSession],
                 outbox_listeners: list[Callable[[], None]] | None = None,
                 background: set[asyncio.Task[None]] | None = None) -> None:
        self._factory = session_factory
        self._outbox_listeners = outbox_listeners or []
        self._background = background if background is not None else set()
        self._after_commit: list[Callable[[UnitOfWork], Awaitable[None]]] = []
        self.dialect = session_factory.kw["bind"].dialect.name if "bind" in session_factory.kw else ""

    async def __aenter__(self) -> Self:
        self.session = self._factory()
        s = self.session
        self.roster = repos.RosterRepo(s, repos.roster_cache(self._factory))
        self.residents = repos.ResidentRepo(s)
        self.cases = repos.CaseRepo(s)
        self.clocks = repos.ClockRepo(s)
        self.outbox = repos.OutboxRepo(s)
        self.conversations = repos.ConversationRepo(s)
        self.updates = repos.UpdateRepo(s)
        self.invites = repos.InviteRepo(s)
        self.jobs = repos.JobRepo(s)
        self.stats = repos.StatsRepo(s)
        self.pace = repos.PaceRepo(s)
        self.web = repos.WebRepo(s)
        self.meta = repos.MetaRepo(s)
        self.bulk = bulk.BulkRepo(s)
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        try:
            if exc_type is not None:
                self.roster.rolled_back()
                await self.session.rollback()
        finally:
            await self.session.close()

    async def commit(self) -> None:
        await self.session.commit()
        if self.outbox.touched:
            self.outbox.touched = False
            for listener in self._outbox_listeners:
                listener()
        work, self._after_commit = self._after_commit, []
        for job in work:  # each in a unit of work of its own, outside this transaction
            task = asyncio.create_task(job(self.sibling()), name="linli-after-commit")
            self._background.add(task)
            task.add_done_callback(self._background.discard)

    async def rollback(self) -> None:
        self._after_commit.clear()
        self.roster.rolled_back()
        await self.session.rollback()

    def after_commit(self, job: Callable[[UnitOfWork], Awaitable[None]]) -> None:
        """Run ``job(uow)`` once this transaction has committed (never if it rolls back), with a
        new unit of work: slow work (rendering a report) then holds no lock the update needed."""
        self._after_commit.append(job)

    def sibling(self) -> UnitOfWork:
        """A new unit of work on the same database (enter it with ``async with``)."""
        return UnitOfWork(self._factory, self._outbox_listeners, self._background)

    async def flush(self) -> None:
        await self.session.flush()

    @property
    def no_autoflush(self) -> Any:
        """``with uow.no_autoflush:`` queries inside do not write the pending changes first (a
        batch writes its rows once, at the end, instead of before every query)."""
        return self.session.no_autoflush


class UnitOfWorkFactory:
    """What the composition root hands to the core: ``async with uow_factory() as uow``."""

    def __init__(self, session_factory: async_sessionmaker[AsyncSession]) -> None:
        self.session_factory = session_factory
        # Called (synchronously) after a commit that added outbox rows or released held ones.
        self.outbox_listeners: list[Callable[[], None]] = []
        self.background: set[asyncio.Task[None]] = set()  # after-commit work still running

    def __call__(self) -> UnitOfWork:
        return UnitOfWork(self.session_factory, self.outbox_listeners, self.background)

    async def settle(self) -> None:
        """Wait for the after-commit work started so far (tests, graceful stop)."""
        while self.background:
            await asyncio.gather(*list(self.background), return_exceptions=True)


@runtime_checkable
class Settles(Protocol):
    """A unit-of-work factory whose after-commit work can be waited for."""

    async def settle(self) -> None: ...


async def settle(uow_factory: object) -> None:
    """Let work started after a commit (reports) finish, e.g. before the outbox is delivered."""
    if isinstance(uow_factory, Settles):
        await uow_factory.settle()
