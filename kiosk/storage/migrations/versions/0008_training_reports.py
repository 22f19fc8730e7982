"""Trainee reports: one per case played under a training scenario, judged when it ends.

Revision ID: 0008
Revises: 0007
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "training_reports",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("case_code", sa.String(40), nullable=False, unique=True),
        sa.Column("desk_code", sa.String(8), nullable=False),
        sa.Column("scenario", sa.String(60), nullable=False),
        sa.Column("trainee", sa.String(40), nullable=False, index=True),
        sa.Column("played_on", sa.Date, nullable=False, index=True),
        sa.Column("created_at", sa.DateTime, nullable=False),
        sa.Column("clean", sa.Boolean, nullable=False),
        sa.Column("mistakes", sa.Integer, nullable=False),
        sa.Column("body", sa.JSON, nullable=False),
    )


def downgrade() -> None:
    op.drop_table("training_reports")
