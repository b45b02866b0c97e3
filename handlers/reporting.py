"""What the core asks of a report renderer, and the figures text the chat commands and jobs share.

Why a Protocol: charts (matplotlib) and workbooks (openpyxl) are output formats with heavy
libraries that belong in ``bot/``; the core only needs "a file path for this scope and period".
The renderer reads through the caller's unit of work, so ``/stats`` stays inside the update's one
transaction (on SQLite a second connection would wait for the write lock the update holds).
"""

from __future__ import annotations

from datetime import datetime
from typing import Any, Protocol

from handlers import figures as fg
from handlers.figures import Figures, Period
from i18n import t


class ReportRenderer(Protocol):
    """Makes report files; each method returns the path of the file, or None if it could not."""

    async def chart(self, uow: Any, community_id: str | None, period: Period, now: datetime,
                    locale: str | None = None) -> str | None:
        """One PNG: the response, resolution and satisfaction rates of the scope (None: district)."""
        ...

    async def workbook(self, uow: Any, community_id: str | None, period: Period, now: datetime,
                       locale: str | None = None) -> str | None:
        """The Excel workbook of the scope and period (demo data excluded)."""
        ...


async def scope_name(uow: Any, community_id: str | None, locale: str | None = None) -> str:
    """A station head's community by name; the whole district for the centre (None)."""
    if community_id is None:
        return t("report.district_all", locale)
    community = await uow.roster.community(community_id)
    return community.name if community is not None else community_id


async def figures_text(uow: Any, community_id: str | None, period: Period, now: datetime, title: str,
                       locale: str | None = None) -> tuple[str, Figures]:
    """The figures of one scope as one chat message; demo cases never count (people are judged on it).

    An empty scope gives zeros and the reports' "no cases" sentence, never a division error.
    """
    facts = await fg.load_facts(uow, period, community_id, include_demo=False)
    figures = fg.compute(facts, period, now)
    return fg.render_figures_text(figures, title, locale), figures
