"""indices for a district's years of history: partial indices on open cases and pending clocks

Why: with hundreds of thousands of cases, /queue, /overdue and /mine read the open backlog,
the clock runner reads pending clocks, the daily digest reads recent and open cases, the
retention pass reads cases not yet anonymised and erases outbox rows by case. Each gets an index
that covers only those rows (partial where the rows are a small part of the table), so these
stay as fast as the backlog is small, however long the history. ``ix_case_resident`` becomes
(resident_id, id) for a resident's newest cases first; ``ix_clock_due`` becomes partial.

Revision ID: 0006
Revises: 0004
Create Date: 2026-12-05 21:00:00
"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0006'
down_revision: str | None = '0005'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

OPEN = sa.text("state IN ('new', 'assigned', 'accepted', 'in_progress', 'reopened', 'referred')")
RETAINED = sa.text("text <> '[已删除]'")
PENDING = sa.text("state = 'pending'")


def _partial(name: str, table: str, columns: list[str], where: sa.TextClause) -> None:
    op.create_index(name, table, columns, postgresql_where=where, sqlite_where=where)


def upgrade() -> None:
    op.drop_index('ix_case_resident', table_name='case')
    op.create_index('ix_case_resident_id', 'case', ['resident_id', 'id'])
    op.create_index('ix_case_created', 'case', ['created_at'])
    _partial('ix_case_open_created', 'case', ['created_at', 'id'], OPEN)
    _partial('ix_case_open_community', 'case', ['community_id', 'created_at', 'id'], OPEN)
    _partial('ix_case_open_assignee', 'case', ['assignee_id', 'created_at', 'id'], OPEN)
    _partial('ix_case_retained_closed', 'case', ['closed_at'], RETAINED)
    op.drop_index('ix_clock_due', table_name='clock')
    _partial('ix_clock_pending_due', 'clock', ['due_at', 'id'], PENDING)
    op.create_index('ix_outbox_case', 'outbox', ['case_id'])
    op.create_index('ix_outbox_chat', 'outbox', ['channel', 'chat_id'])


def downgrade() -> None:
    op.drop_index('ix_outbox_chat', table_name='outbox')
    op.drop_index('ix_outbox_case', table_name='outbox')
    op.drop_index('ix_clock_pending_due', table_name='clock')
    op.create_index('ix_clock_due', 'clock', ['state', 'due_at'])
    for name in ('ix_case_retained_closed', 'ix_case_open_assignee', 'ix_case_open_community',
                 'ix_case_open_created', 'ix_case_created', 'ix_case_resident_id'):
        op.drop_index(name, table_name='case')
    op.create_index('ix_case_resident', 'case', ['resident_id'])
