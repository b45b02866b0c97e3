"""staff_binding (a staff member's chat per channel) and meta (facts about the database)

Why: a staff member may be reachable on several channels (Telegram and web); notices go to the
one used last (``staff.channel``/``staff.chat_id``). ``meta`` records whether the console made
this database (a sandbox where it may play any staff member).

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-05 21:00:00
"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import storage.models

revision: str = '0005'
down_revision: str | None = '0004'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('staff_binding',
    sa.Column('staff_id', sa.String(length=64), nullable=False),
    sa.Column('channel', sa.String(length=32), nullable=False),
    sa.Column('chat_id', sa.String(length=64), nullable=False),
    sa.Column('bound_at', storage.models.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['staff_id'], ['staff.id'], name=op.f('fk_staff_binding_staff_id_staff')),
    sa.PrimaryKeyConstraint('staff_id', 'channel', name=op.f('pk_staff_binding')),
    sa.UniqueConstraint('channel', 'chat_id', name='uq_staff_binding_channel_chat')
    )
    op.create_table('meta',
    sa.Column('key', sa.String(length=64), nullable=False),
    sa.Column('value', sa.String(length=200), nullable=False),
    sa.PrimaryKeyConstraint('key', name=op.f('pk_meta'))
    )
    # Every existing binding is kept, as the binding of its channel.
    op.execute("INSERT INTO staff_binding (staff_id, channel, chat_id, bound_at) "
               "SELECT id, channel, chat_id, CURRENT_TIMESTAMP FROM staff "
               "WHERE channel IS NOT NULL AND chat_id IS NOT NULL")


def downgrade() -> None:
    op.drop_table('meta')
    op.drop_table('staff_binding')
