"""The citizen's delivery choice: counter or post; the postal address and phone sealed.

Revision ID: 0005
Revises: 0004
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("cases") as cases:
        # NULL until the clerk records a choice; cases filed before read as the counter.
        cases.add_column(sa.Column("delivery_method", sa.String(10)))
        cases.add_column(sa.Column("delivery_sealed", sa.LargeBinary))


def downgrade() -> None:
    with op.batch_alter_table("cases") as cases:
        cases.drop_column("delivery_sealed")
        cases.drop_column("delivery_method")
