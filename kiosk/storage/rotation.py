"""``kiosk keys rotate``: re-seal every personal field and biometric under a new key.

Crash-safe order: the new key is written beside the old one first; the database is re-sealed in
one transaction (each value names its key, so a half-done state still opens); only then does
the new key replace the old one.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from sqlalchemy import Engine, text

from kiosk.storage.cases import ADJUSTMENT, CITIZEN, DELIVERY, IMAGE, PAYMENT, PDF, PERSON
from kiosk.storage.crypto import (
    KeyRing,
    is_wrapped,
    key_path,
    load_or_create,
    next_key_path,
    read_key,
    write_key,
)


def rotate(engine: Engine, data_dir: Path, passphrase: str | None = None) -> int:
    """Returns how many sealed values were re-sealed. A key protected by ``passphrase``
    stays protected by it."""
    old = load_or_create(data_dir, passphrase)
    upcoming = next_key_path(data_dir)
    # An interrupted rotation resumes with the key it had already written.
    new = read_key(upcoming, passphrase) if upcoming.exists() else KeyRing.generate()
    write_key(upcoming, new, passphrase if is_wrapped(key_path(data_dir)) else None)
    both = KeyRing(old.key_id, old.data_key, old.index_key, ((new.key_id, new.data_key),))
    count = 0
    with engine.begin() as connection:
        for row_id, sealed in connection.execute(text("SELECT id, citizen_sealed FROM cases")):
            citizen = both.open(sealed, CITIZEN)
            connection.execute(
                text("UPDATE cases SET citizen_sealed = :s, citizen_index = :i WHERE id = :id"),
                {"s": new.seal(citizen, CITIZEN),
                 "i": new.index(str(json.loads(citizen).get("id_number", ""))), "id": row_id})
            count += 1
        for table, column, context in (("captures", "image_png", IMAGE),
                                       ("documents", "pdf", PDF),
                                       ("representatives", "sealed", PERSON),
                                       ("cases", "delivery_sealed", DELIVERY),
                                       ("payments", "sealed", PAYMENT),
                                       ("cases", "adjustment_sealed", ADJUSTMENT)):
            for row_id, sealed in connection.execute(
                    text(f"SELECT id, {column} FROM {table} "
                         f"WHERE {column} IS NOT NULL AND length({column}) > 0")):
                connection.execute(text(f"UPDATE {table} SET {column} = :v WHERE id = :id"),
                                   {"v": new.seal(both.open(sealed, context), context),
                                    "id": row_id})
                count += 1
    os.replace(upcoming, key_path(data_dir))  # from now on only the new key is needed
    return count
