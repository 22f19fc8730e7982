"""The clerk's declaration that the citizen lost capacity or has difficulty in cognition or
self-control (R-3): the kind of court decision, its number and date, sealed.

Revision ID: 0010
Revises: 0009
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("cases") as cases:
        # NULL: nothing declared (every case filed before this revision).
        cases.add_column(sa.Column("capacity_sealed", sa.LargeBinary))


def downgrade() -> None:
    with op.batch_alter_table("cases") as cases:
        cases.drop_column("capacity_sealed")
