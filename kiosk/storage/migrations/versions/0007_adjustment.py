"""The CSDLQG adjustment asked for before the card procedure: the fields and the supporting
documents shown, sealed.

Revision ID: 0007
Revises: 0006
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("cases") as cases:
        # NULL: no adjustment asked for (every case filed before this revision).
        cases.add_column(sa.Column("adjustment_sealed", sa.LargeBinary))


def downgrade() -> None:
    with op.batch_alter_table("cases") as cases:
        cases.drop_column("adjustment_sealed")
