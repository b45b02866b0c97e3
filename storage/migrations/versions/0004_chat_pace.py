"""chat_pace: a chat's sending bucket shared by every worker

Why: with several workers, two of them may send to one chat (one answers the update, another
drains an outbox row for it), so a per-process bucket let the chat receive twice Telegram's
per-chat rate. The bucket now lives in the database, timed by the database's clock.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-30 09:00:00
"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import storage.models

revision: str = '0004'
down_revision: str | None = '0003'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('chat_pace',
    sa.Column('chat_key', sa.String(length=128), nullable=False),
    sa.Column('tokens', sa.Float(), nullable=False),
    sa.Column('at', storage.models.UTCDateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('chat_key', name=op.f('pk_chat_pace'))
    )


def downgrade() -> None:
    op.drop_table('chat_pace')
