"""The test environment of the report-command and job tests (in its own module: conftest modules
of different test directories clash when imported by name).

``Env`` carries one "process": a dispatcher with a renderer on a virtual clock, a chat harness
with the station heads and the centre enrolled. ``env.restart()`` gives a new unit-of-work factory
on a new engine over the same database, as a restarted process or a second worker would have.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy.ext.asyncio import AsyncEngine

from bot.report_renderer import FileReportRenderer
from handlers.dispatcher import Dispatcher
from handlers.testing import ChatHarness, KeywordClassifier, VirtualClock
from storage.db import make_engine, make_session_factory
from storage.uow import UnitOfWorkFactory


@dataclass
class Env:
    url: str
    uow_factory: UnitOfWorkFactory
    clock: VirtualClock
    renderer: FileReportRenderer
    chat: ChatHarness
    reports_dir: Path
    engines: list[AsyncEngine] = field(default_factory=list)

    def restart(self) -> UnitOfWorkFactory:
        """A fresh process's view of the same database (new engine, no in-memory state)."""
        engine = make_engine(self.url)
        self.engines.append(engine)
        return UnitOfWorkFactory(make_session_factory(engine))

    def dispatcher(self, renderer: FileReportRenderer | None) -> Dispatcher:
        return Dispatcher(self.uow_factory, KeywordClassifier(), self.clock, renderer=renderer)
