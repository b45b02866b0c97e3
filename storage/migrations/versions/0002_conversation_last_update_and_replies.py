"""conversation: the last handled update and its replies

Why: a reply committed but not yet sent when the process died was lost for good, because the
redelivered update is a duplicate and does nothing. The conversation row now keeps the chat's
last update id and its replies, so a redelivery of that update sends them again.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-28 23:19:00.102936
"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0002'
down_revision: str | None = '0001'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table('conversation', schema=None) as batch_op:
        batch_op.add_column(sa.Column('last_update_id', sa.String(length=64), nullable=True))
        batch_op.add_column(sa.Column('last_replies', sa.JSON(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('conversation', schema=None) as batch_op:
        batch_op.drop_column('last_replies')
        batch_op.drop_column('last_update_id')
