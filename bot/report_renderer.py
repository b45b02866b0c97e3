"""The report renderer the core asks for (``handlers.reporting.ReportRenderer``): PNG and XLSX files.

Why files in a directory: a channel sends a document from a path, and an outbox row may be sent
later (retries, a head who enrols next week), so the file must outlive the call. Names are unique
per call; files older than ``keep`` are removed when new ones are made. With several machines the
directory must be shared (``LINLI_REPORTS_DIR``), since another worker may drain the outbox row.

Rendering runs in a thread (matplotlib and XlsxWriter are CPU-bound and would stall every chat),
one at a time: matplotlib's rc settings are process-global.
"""

from __future__ import annotations

import asyncio
import logging
import os
import shutil
import tempfile
import threading
import time
import uuid
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from bot.reports import ReportData, build_charts, build_workbook, charts_available, gather
from handlers.figures import Period

log = logging.getLogger(__name__)

KEEP = timedelta(days=30)
_RENDER_LOCK = threading.Lock()


def default_reports_dir() -> Path:
    """``LINLI_REPORTS_DIR`` if set, else ``reports/`` under the working directory."""
    return Path(os.environ.get("LINLI_REPORTS_DIR") or "reports")


class FileReportRenderer:
    """Gathers through the caller's unit of work, renders with ``bot.reports``, returns a path."""

    def __init__(self, directory: Path | str | None = None, keep: timedelta = KEEP) -> None:
        self.directory = Path(directory) if directory is not None else default_reports_dir()
        self.keep = keep
        self.charts = charts_available()  # False without the [charts] extra: /stats says so

    async def gather(self, uow: Any, community_id: str | None, period: Period, now: datetime,
                     locale: str | None = None) -> ReportData:
        """The report's data, read through the caller's unit of work (demo data excluded)."""
        return await gather(uow, period, now, community_id, locale, include_demo=False)

    async def render(self, kind: str, data: ReportData, community_id: str | None, period: Period) -> str | None:
        """Draw gathered data: "chart" (PNG) or "workbook" (XLSX), in a thread; None on failure."""
        try:
            if kind == "chart":
                return str(await asyncio.to_thread(self._chart, data, self._stem(community_id, period)))
            path = self.directory / f"{self._stem(community_id, period)}.xlsx"
            return str(await asyncio.to_thread(self._workbook, data, path))
        except Exception:
            log.exception("%s for %s %s failed", kind, community_id or "district", period.label)
            return None

    async def chart(self, uow: Any, community_id: str | None, period: Period, now: datetime,
                    locale: str | None = None) -> str | None:
        """The rates chart (响应率, 解决率, 满意率) of the scope: what heads are judged on."""
        if not self.charts:
            return None
        try:
            data = await gather(uow, period, now, community_id, locale, include_demo=False)
            return str(await asyncio.to_thread(self._chart, data, self._stem(community_id, period)))
        except Exception:
            log.exception("chart for %s %s failed", community_id or "district", period.label)
            return None

    async def workbook(self, uow: Any, community_id: str | None, period: Period, now: datetime,
                       locale: str | None = None) -> str | None:
        try:
            data = await gather(uow, period, now, community_id, locale, include_demo=False)
            path = self.directory / f"{self._stem(community_id, period)}.xlsx"
            return str(await asyncio.to_thread(self._workbook, data, path))
        except Exception:
            log.exception("workbook for %s %s failed", community_id or "district", period.label)
            return None

    # ------------------------------------------------------------------ in the thread

    def _chart(self, data: ReportData, stem: str) -> Path:
        with _RENDER_LOCK:
            self._prune()
            scratch = Path(tempfile.mkdtemp(prefix=".charts-", dir=self.directory))
            try:
                (rates,) = build_charts(data, scratch, prefix=stem, kinds=("rates",))
                target = self.directory / rates.name
                rates.replace(target)
            finally:
                shutil.rmtree(scratch, ignore_errors=True)
            return target

    def _workbook(self, data: ReportData, path: Path) -> Path:
        with _RENDER_LOCK:
            self._prune()
            return build_workbook(data, path)

    def _stem(self, community_id: str | None, period: Period) -> str:
        return f"linli-{community_id or 'district'}-{period.start:%Y%m%d}-{uuid.uuid4().hex[:8]}"

    def _prune(self) -> None:
        """Make the directory, and drop report files older than ``keep`` (they were sent long ago)."""
        self.directory.mkdir(parents=True, exist_ok=True)
        cutoff = time.time() - self.keep.total_seconds()
        for path in self.directory.glob("linli-*"):
            try:
                if path.is_file() and path.stat().st_mtime < cutoff:
                    path.unlink()
            except OSError:
                log.warning("could not remove old report file %s", path)
