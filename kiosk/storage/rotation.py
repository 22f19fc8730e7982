"""``kiosk keys rotate``: re-seal every personal field and biometric under a new key.

Crash-safe order: the new key is written beside the old one first; the database is re-sealed in
one transaction (each value names its key, so a half-done state still opens), then whatever
else the key seals (the local registry: ``also``), each in its own transaction; only then does
the new key replace the old one. A rotation stopped anywhere resumes with the key it had written.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Sequence
from pathlib import Path

from sqlalchemy import Engine, text

from kiosk.storage.cases import CITIZEN, SEALED_COLUMNS
from kiosk.storage.crypto import (
    KeyRing,
    is_wrapped,
    key_path,
    load_or_create,
    next_key_path,
    read_key,
    write_key,
)

# Re-seals another store under the new key: (both keys, the new key) -> values re-sealed.
Resealer = Callable[[KeyRing, KeyRing], int]


def rotate(engine: Engine, data_dir: Path, passphrase: str | None = None, *,
           keyring: KeyRing | None = None, also: Sequence[Resealer] = ()) -> int:
    """Returns how many sealed values were re-sealed. A key protected by ``passphrase``
    stays protected by it. ``keyring`` is the installation key as already opened (else it is
    read here); ``also`` re-seal other stores before the new key replaces the old."""
    old = keyring if keyring is not None else load_or_create(data_dir, passphrase)
    upcoming = next_key_path(data_dir)
    # An interrupted rotation resumes with the key it had already written.
    new = read_key(upcoming, passphrase) if upcoming.exists() else KeyRing.generate()
    write_key(upcoming, new, passphrase if is_wrapped(key_path(data_dir)) else None)
    both = KeyRing(old.key_id, old.data_key, old.index_key, ((new.key_id, new.data_key),))
    count = 0
    with engine.begin() as connection:
        for table, column, context in SEALED_COLUMNS:
            for row_id, sealed in connection.execute(
                    text(f"SELECT id, {column} FROM {table} "
                         f"WHERE {column} IS NOT NULL AND length({column}) > 0")):
                plain = both.open(sealed, context)
                if context == CITIZEN:  # the lookup index is keyed too
                    connection.execute(
                        text(f"UPDATE {table} SET {column} = :v, citizen_index = :i "
                             "WHERE id = :id"),
                        {"v": new.seal(plain, context), "id": row_id,
                         "i": new.index(str(json.loads(plain).get("id_number", "")))})
                else:
                    connection.execute(text(f"UPDATE {table} SET {column} = :v WHERE id = :id"),
                                       {"v": new.seal(plain, context), "id": row_id})
                count += 1
    for reseal in also:
        count += reseal(both, new)
    os.replace(upcoming, key_path(data_dir))  # from now on only the new key is needed
    return count
