"""How the fee was paid (cash or transfer) and, sealed, a transfer's reference and an exemption
claimed with a document.

Revision ID: 0006
Revises: 0005
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("payments") as payments:
        # NULL: nothing collected, or a payment recorded before the method was asked (cash).
        payments.add_column(sa.Column("method", sa.String(10)))
        payments.add_column(sa.Column("sealed", sa.LargeBinary))


def downgrade() -> None:
    with op.batch_alter_table("payments") as payments:
        payments.drop_column("sealed")
        payments.drop_column("method")
