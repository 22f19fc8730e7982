"""Pure numpy/OpenCV generators of synthetic faces, fingerprints and irises."""

from __future__ import annotations

import hashlib


def seed_of(*parts: object) -> int:
    """A stable seed from any parts (Python's hash() changes between processes)."""
    digest = hashlib.sha256("|".join(map(str, parts)).encode()).digest()
    return int.from_bytes(digest[:8], "little")
