"""What the core asks of a report renderer, and the figures text the chat commands and jobs share.

Why a Protocol: charts (matplotlib) and workbooks (XlsxWriter) are output formats with heavy
libraries that belong in ``bot/``; the core only needs "a file path for this scope and period".
``/stats`` and ``/report`` render after the update's commit, in a unit of work of their own, and the
file goes out through the outbox (``render_after_commit``): the update's transaction never waits for a
chart.
"""

from __future__ import annotations

import logging
from datetime import datetime
from typing import Any, Protocol, runtime_checkable

from handlers import figures as fg
from handlers import outbox
from handlers.figures import Figures, Period
from i18n import t

log = logging.getLogger(__name__)


class ReportRenderer(Protocol):
    """Makes report files; each method returns the path of the file, or None if it could not."""

    charts: bool  # False without the [charts] extra (matplotlib): /stats then sends its figures alone

    async def chart(self, uow: Any, community_id: str | None, period: Period, now: datetime,
                    locale: str | None = None) -> str | None:
        """One PNG: the response, resolution and satisfaction rates of the scope (None: district)."""
        ...

    async def workbook(self, uow: Any, community_id: str | None, period: Period, now: datetime,
                       locale: str | None = None) -> str | None:
        """The Excel workbook of the scope and period (demo data excluded)."""
        ...


@runtime_checkable
class RendersApart(Protocol):
    """A renderer that reads its data in one step and draws it in another, so the caller can end
    its transaction in between (drawing takes hundreds of milliseconds; a transaction on SQLite
    holds the one write lock)."""

    async def gather(self, uow: Any, community_id: str | None, period: Period, now: datetime,
                     locale: str | None = None) -> Any: ...

    async def render(self, kind: str, data: Any, community_id: str | None, period: Period) -> str | None:
        """``kind``: "chart" or "workbook"; the file's path, or None if it could not."""
        ...


async def render_after_commit(uow: Any, renderer: ReportRenderer, kind: str, channel: str, chat_id: str,
                              community_id: str | None, period: Period, now: datetime, locale: str | None,
                              caption: str) -> None:
    """Render a report outside the update's transaction and deliver it through the outbox
    (``uow`` is a fresh unit of work, ``UnitOfWork.after_commit``): a failure says so politely."""
    path = None
    try:
        if isinstance(renderer, RendersApart):
            async with uow:
                data = await renderer.gather(uow, community_id, period, now, locale)
                await uow.rollback()
            path = await renderer.render(kind, data, community_id, period)
        else:
            async with uow:
                render = renderer.chart if kind == "chart" else renderer.workbook
                path = await render(uow, community_id, period, now, locale)
                await uow.rollback()
    except Exception:
        log.exception("%s for %s failed", kind, community_id or "district")
    async with uow.sibling() as out:
        text = caption if path is not None else t("jobs.render_failed", locale)
        out.outbox.add(outbox.new_row(channel, chat_id, text, now, document=path))
        await out.commit()


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
