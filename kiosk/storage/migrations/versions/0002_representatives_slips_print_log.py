"""Representatives, slips, print log, biometric exceptions, receipts, race-free case codes.

Revision ID: 0002
Revises: 0001
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("cases") as cases:
        cases.create_index("ix_cases_step", ["step"])
    with op.batch_alter_table("captures") as captures:
        captures.add_column(sa.Column("exception", sa.Boolean, nullable=False,
                                      server_default="0"))
        captures.add_column(sa.Column("exception_reason", sa.Text))
    with op.batch_alter_table("payments") as payments:
        payments.add_column(sa.Column("receipt_number", sa.String(40)))
    op.create_table(
        "representatives",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("case_id", sa.Integer, sa.ForeignKey("cases.id"), nullable=False,
                  unique=True),
        sa.Column("full_name", sa.String(200), nullable=False),
        sa.Column("id_number", sa.String(12), nullable=False),
        sa.Column("relationship", sa.String(40), nullable=False),
        sa.Column("evidence", sa.Text, nullable=False),
        sa.Column("checked_at", sa.DateTime, nullable=False),
    )
    op.create_table(
        "slips",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("case_id", sa.Integer, sa.ForeignKey("cases.id"), nullable=False, index=True),
        sa.Column("due_date", sa.Date, nullable=False),
        sa.Column("return_place", sa.Text, nullable=False),
        sa.Column("issued_at", sa.DateTime, nullable=False),
    )
    op.create_table(
        "print_log",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("case_id", sa.Integer, sa.ForeignKey("cases.id"), nullable=False, index=True),
        sa.Column("form_code", sa.String(10), nullable=False),
        sa.Column("printer", sa.String(200), nullable=False),
        sa.Column("location", sa.String(500), nullable=False),
        sa.Column("reprint", sa.Boolean, nullable=False),
        sa.Column("printed_at", sa.DateTime, nullable=False),
    )
    op.create_table(
        "case_sequences",
        sa.Column("desk_code", sa.String(8), primary_key=True),
        sa.Column("day", sa.Date, primary_key=True),
        sa.Column("last", sa.Integer, nullable=False),
    )
    # Seed the counters from cases that already exist, so new codes continue their sequence.
    op.execute(
        "INSERT INTO case_sequences (desk_code, day, last) "
        "SELECT desk_code, opened_on, MAX(sequence) FROM cases GROUP BY desk_code, opened_on"
    )


def downgrade() -> None:
    for table in ("case_sequences", "print_log", "slips", "representatives"):
        op.drop_table(table)
    with op.batch_alter_table("payments") as payments:
        payments.drop_column("receipt_number")
    with op.batch_alter_table("captures") as captures:
        captures.drop_column("exception_reason")
        captures.drop_column("exception")
    with op.batch_alter_table("cases") as cases:
        cases.drop_index("ix_cases_step")
