"""outbox: how many parts of a message went out before a failure

Why: a message the channel sends in two parts (a long text, then the document it captions) was
sent whole again when the second part failed with a flood limit: the resident or station head
got the first part twice. The row now remembers the parts already delivered.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-29 04:10:00
"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0003'
down_revision: str | None = '0002'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table('outbox', schema=None) as batch_op:
        batch_op.add_column(sa.Column('parts_sent', sa.Integer(), server_default='0', nullable=False))


def downgrade() -> None:
    with op.batch_alter_table('outbox', schema=None) as batch_op:
        batch_op.drop_column('parts_sent')
