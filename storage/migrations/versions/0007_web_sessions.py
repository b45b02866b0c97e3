"""web_session, web_message: the web channel's sessions and chat history

Why: a resident who reloads the page or comes back the next day finds the conversation where it
was, and a client that reconnects asks for the messages after the last id it saw.

Revision ID: 0007
Revises: 0004
Create Date: 2026-12-05 21:00:00
"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import storage.models

revision: str = '0007'
down_revision: str | None = '0006'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('web_session',
    sa.Column('token_hash', sa.String(length=64), nullable=False),
    sa.Column('chat_id', sa.String(length=64), nullable=False),
    sa.Column('created_at', storage.models.UTCDateTime(timezone=True), nullable=False),
    sa.Column('expires_at', storage.models.UTCDateTime(timezone=True), nullable=False),
    sa.Column('locale', sa.String(length=8), nullable=True),
    sa.PrimaryKeyConstraint('token_hash', name=op.f('pk_web_session')),
    sa.UniqueConstraint('chat_id', name=op.f('uq_web_session_chat_id'))
    )
    op.create_table('web_message',
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('chat_id', sa.String(length=64), nullable=False),
    sa.Column('at', storage.models.UTCDateTime(timezone=True), nullable=False),
    sa.Column('author', sa.String(length=8), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('extra', sa.JSON(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_web_message'))
    )
    op.create_index('ix_web_message_chat', 'web_message', ['chat_id', 'id'], unique=False)


def downgrade() -> None:
    op.drop_index('ix_web_message_chat', table_name='web_message')
    op.drop_table('web_message')
    op.drop_table('web_session')
