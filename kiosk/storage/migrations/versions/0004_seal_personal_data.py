"""Seal personal data and biometrics at rest; keyed-hash index instead of clear ID numbers.

Existing rows are sealed with the installation key the kiosk hands over
(``config.attributes["keyring"]``); an empty database needs none.

Revision ID: 0004
Revises: 0003
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

import sqlalchemy as sa
from alembic import context, op

if TYPE_CHECKING:
    from kiosk.storage.crypto import KeyRing

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def _keyring() -> KeyRing:
    ring: KeyRing | None = context.config.attributes.get("keyring")
    if ring is None:
        raise RuntimeError("sealing existing rows needs the installation key")
    return ring


def upgrade() -> None:
    bind = op.get_bind()
    with op.batch_alter_table("cases") as cases:
        cases.add_column(sa.Column("citizen_sealed", sa.LargeBinary))
        cases.add_column(sa.Column("citizen_index", sa.String(64)))
    rows = bind.execute(sa.text("SELECT id, citizen, citizen_id_number FROM cases")).all()
    if rows:
        ring = _keyring()
        for row_id, citizen, id_number in rows:
            data = citizen if isinstance(citizen, dict) else json.loads(citizen)
            bind.execute(sa.text("UPDATE cases SET citizen_sealed = :s, citizen_index = :i "
                                 "WHERE id = :id"),
                         {"s": ring.seal(json.dumps(data, ensure_ascii=False).encode(),
                                         "cases.citizen"),
                          "i": ring.index(id_number), "id": row_id})
        for table, column in (("captures", "image_png"), ("documents", "pdf")):
            for row_id, value in bind.execute(sa.text(f"SELECT id, {column} FROM {table}")):
                bind.execute(sa.text(f"UPDATE {table} SET {column} = :v WHERE id = :id"),
                             {"v": ring.seal(value, f"{table}.{column}"), "id": row_id})
    with op.batch_alter_table("cases") as cases:
        cases.alter_column("citizen_sealed", existing_type=sa.LargeBinary, nullable=False)
        cases.alter_column("citizen_index", existing_type=sa.String(64), nullable=False)
        cases.drop_index("ix_cases_citizen_id_number")
        cases.drop_column("citizen_id_number")
        cases.drop_column("citizen")
        cases.create_index("ix_cases_citizen_index", ["citizen_index"])
    with op.batch_alter_table("representatives") as representatives:
        representatives.add_column(sa.Column("sealed", sa.LargeBinary))
    people = bind.execute(sa.text(
        "SELECT id, full_name, id_number, evidence FROM representatives")).all()
    for row_id, name, id_number, evidence in people:
        sealed = _keyring().seal(json.dumps({"full_name": name, "id_number": id_number,
                                             "evidence": evidence}, ensure_ascii=False).encode(),
                                 "representatives.sealed")
        bind.execute(sa.text("UPDATE representatives SET sealed = :s WHERE id = :id"),
                     {"s": sealed, "id": row_id})
    with op.batch_alter_table("representatives") as representatives:
        representatives.alter_column("sealed", existing_type=sa.LargeBinary, nullable=False)
        representatives.drop_column("full_name")
        representatives.drop_column("id_number")
        representatives.drop_column("evidence")


def downgrade() -> None:
    # Going back would write personal data in clear: refuse.
    raise RuntimeError("0004 cannot be downgraded: it would write personal data in clear")
