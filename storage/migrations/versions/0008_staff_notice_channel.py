"""staff.notice_channel: the channel a staff member chose for their notices

Why: a staff member reachable on several channels gets notices where they wrote last; one who
says ``/notify here`` keeps them on that channel whatever chat they write from. NULL (every row
this migration finds) means "where I wrote last", as before.

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-06 02:30:00
"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0008'
down_revision: str | None = '0007'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


# Plain ALTER TABLE, not a batch copy: other tables' foreign keys point at staff, and SQLite (3.35+
# drops a plain column in place) would refuse to drop the old copy of a table rows refer to.
def upgrade() -> None:
    op.add_column('staff', sa.Column('notice_channel', sa.String(length=32), nullable=True))


def downgrade() -> None:
    op.drop_column('staff', 'notice_channel')
