"""Bulk loading: many rows of one table in as few statements as the database allows.

Why: filling a database with years of history (``bench/scale.py``, an import from another
system) one ORM object at a time costs a round trip and an object per row. On PostgreSQL rows go
through ``COPY`` (asyncpg's ``copy_records_to_table``, reached through SQLAlchemy's documented
``driver_connection``); on SQLite through one ``executemany`` per chunk, which is what SQLite does
fastest. Rows are plain tuples in the order of ``columns``; values are Python values as the ORM
would take them (aware datetimes, dicts and lists for JSON columns).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from typing import Any

from sqlalchemy import JSON, insert, text
from sqlalchemy.ext.asyncio import AsyncSession

from storage import models as m

CHUNK = 5000


class BulkRepo:
    """``uow.bulk``: append rows to a table, and put a table's id sequence after its largest id."""

    def __init__(self, session: AsyncSession) -> None:
        self.s = session

    @property
    def _postgres(self) -> bool:
        return self.s.bind.dialect.name == "postgresql"

    async def copy(self, model: type[m.Base], columns: Sequence[str], rows: Iterable[Sequence[Any]]) -> int:
        """Append ``rows`` to ``model``'s table in this transaction; how many were written."""
        table = model.__table__  # type: ignore[attr-defined]
        json_at = [i for i, c in enumerate(columns) if isinstance(table.c[c].type, JSON)]
        written = 0
        chunk: list[Sequence[Any]] = []
        for row in rows:
            chunk.append(row)
            if len(chunk) >= CHUNK:
                written += await self._write(table, columns, chunk, json_at)
                chunk = []
        if chunk:
            written += await self._write(table, columns, chunk, json_at)
        return written

    async def _write(self, table: Any, columns: Sequence[str], rows: list[Sequence[Any]],
                     json_at: list[int]) -> int:
        if self._postgres:
            if json_at:  # asyncpg's COPY takes json as its text
                rows = [_with(row, json_at, json.dumps) for row in rows]
            conn = await self.s.connection()
            raw = await conn.get_raw_connection()
            await raw.driver_connection.copy_records_to_table(table.name, records=rows, columns=list(columns))
        else:
            await self.s.execute(insert(table), [dict(zip(columns, row, strict=True)) for row in rows])
        return len(rows)

    async def reset_sequence(self, model: type[m.Base], column: str = "id") -> None:
        """After rows were copied with explicit ids: the next generated id follows the largest one.
        SQLite's INTEGER PRIMARY KEY does so by itself."""
        if not self._postgres:
            return
        name = model.__table__.name  # type: ignore[attr-defined]
        await self.s.execute(text(
            f"SELECT setval(pg_get_serial_sequence('\"{name}\"', '{column}'),"
            f" COALESCE((SELECT MAX({column}) FROM \"{name}\"), 0) + 1, false)"))

    async def analyze(self) -> None:
        """Fresh planner statistics after a large load (PostgreSQL's autovacuum gets there later)."""
        await self.s.execute(text("ANALYZE"))


def _with(row: Sequence[Any], at: list[int], convert: Any) -> tuple[Any, ...]:
    out = list(row)
    for i in at:
        if out[i] is not None:
            out[i] = convert(out[i])
    return tuple(out)
