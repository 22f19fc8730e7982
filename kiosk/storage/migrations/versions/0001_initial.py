"""Initial case file: cases, transitions, captures, documents, payments.

Revision ID: 0001
Revises:
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "cases",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("code", sa.String(40), nullable=False, unique=True),
        sa.Column("desk_code", sa.String(8), nullable=False, index=True),
        sa.Column("opened_on", sa.Date, nullable=False, index=True),
        sa.Column("sequence", sa.Integer, nullable=False),
        sa.Column("step", sa.String(40), nullable=False),
        sa.Column("training", sa.Boolean, nullable=False),
        sa.Column("opened_at", sa.DateTime, nullable=False),
        sa.Column("updated_at", sa.DateTime, nullable=False),
        sa.Column("citizen_id_number", sa.String(12), nullable=False, index=True),
        sa.Column("citizen", sa.JSON, nullable=False),
        sa.Column("procedure", sa.String(20)),
        sa.Column("reason", sa.String(20)),
        sa.Column("decision", sa.JSON),
        sa.Column("fee_amount", sa.Integer),
        sa.Column("due_date", sa.Date),
        sa.UniqueConstraint("desk_code", "opened_on", "sequence"),
    )
    op.create_table(
        "case_transitions",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("case_id", sa.Integer, sa.ForeignKey("cases.id"), nullable=False, index=True),
        sa.Column("source", sa.String(40), nullable=False),
        sa.Column("event", sa.String(40), nullable=False),
        sa.Column("target", sa.String(40), nullable=False),
        sa.Column("at", sa.DateTime, nullable=False),
    )
    op.create_table(
        "captures",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("case_id", sa.Integer, sa.ForeignKey("cases.id"), nullable=False, index=True),
        sa.Column("position", sa.String(40), nullable=False),
        sa.Column("attempt", sa.Integer, nullable=False),
        sa.Column("image_png", sa.LargeBinary, nullable=False),
        sa.Column("quality", sa.Integer, nullable=False),
        sa.Column("acceptable", sa.Boolean, nullable=False),
        sa.Column("problems", sa.JSON, nullable=False),
        sa.Column("device_backend", sa.String(40), nullable=False),
        sa.Column("device_model", sa.String(120), nullable=False),
        sa.Column("device_serial", sa.String(120), nullable=False),
        sa.Column("captured_at", sa.DateTime, nullable=False),
    )
    op.create_table(
        "documents",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("case_id", sa.Integer, sa.ForeignKey("cases.id"), nullable=False, index=True),
        sa.Column("form_code", sa.String(10), nullable=False),
        sa.Column("pdf", sa.LargeBinary, nullable=False),
        sa.Column("printed_to", sa.String(500), nullable=False),
        sa.Column("printed_at", sa.DateTime, nullable=False),
    )
    op.create_table(
        "payments",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("case_id", sa.Integer, sa.ForeignKey("cases.id"), nullable=False, index=True),
        sa.Column("amount", sa.Integer, nullable=False),
        sa.Column("basis", sa.JSON, nullable=False),
        sa.Column("notes", sa.JSON, nullable=False),
        sa.Column("settled_at", sa.DateTime, nullable=False),
    )


def downgrade() -> None:
    for table in ("payments", "documents", "captures", "case_transitions", "cases"):
        op.drop_table(table)
