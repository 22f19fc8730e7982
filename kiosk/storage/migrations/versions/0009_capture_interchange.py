"""What the export packet would otherwise redo from each capture: its image as lossless
JPEG 2000 (sealed, with the digest of the PNG it was made from) and a slap's finger boxes.

Revision ID: 0009
Revises: 0008
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("captures") as captures:
        # NULL for every capture stored before: the packet makes both itself, as before.
        captures.add_column(sa.Column("jp2_sealed", sa.LargeBinary))
        captures.add_column(sa.Column("finger_boxes", sa.JSON(none_as_null=True)))


def downgrade() -> None:
    with op.batch_alter_table("captures") as captures:
        captures.drop_column("finger_boxes")
        captures.drop_column("jp2_sealed")
