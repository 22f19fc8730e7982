"""Data at rest: AES-256-GCM for personal fields and biometrics, keyed hashes for lookups.

The key file lives outside the database (DATA_DIR/keys/kiosk.key, readable only by its
owner). Every sealed value names the key that sealed it, so `kiosk keys rotate` can re-seal
everything under a new key. The associated data binds a value to its column: a sealed
fingerprint copied into the citizen column does not open.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import os
import secrets
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

MAGIC = b"KC1"  # format version of a sealed value
KEY_ID_BYTES = 8
NONCE_BYTES = 12


class KeyProblem(Exception):
    """The key is missing, unreadable, or does not open the data."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class KeyRing:
    key_id: bytes
    data_key: bytes
    index_key: bytes
    # Keys that may still have sealed some rows (during a rotation): key id -> data key.
    older: tuple[tuple[bytes, bytes], ...] = ()

    @classmethod
    def generate(cls) -> KeyRing:
        return cls(secrets.token_bytes(KEY_ID_BYTES), AESGCM.generate_key(bit_length=256),
                   secrets.token_bytes(32))

    def seal(self, plain: bytes, context: str) -> bytes:
        nonce = secrets.token_bytes(NONCE_BYTES)
        sealed = AESGCM(self.data_key).encrypt(nonce, plain, context.encode())
        return MAGIC + self.key_id + nonce + sealed

    def open(self, blob: bytes, context: str) -> bytes:
        if not blob.startswith(MAGIC):
            raise KeyProblem("Dữ liệu đã lưu không ở dạng mã hóa của kiosk.")
        key_id = blob[len(MAGIC):len(MAGIC) + KEY_ID_BYTES]
        data_key = self.data_key if key_id == self.key_id else dict(self.older).get(key_id)
        if data_key is None:
            raise KeyProblem("Dữ liệu được mã hóa bằng khóa khác với khóa của máy này. Kiểm tra "
                            "tệp khóa (keys/kiosk.key) hoặc báo quản trị viên.")
        start = len(MAGIC) + KEY_ID_BYTES
        try:
            return AESGCM(data_key).decrypt(blob[start:start + NONCE_BYTES],
                                                 blob[start + NONCE_BYTES:], context.encode())
        except InvalidTag:
            raise KeyProblem("Dữ liệu đã lưu bị thay đổi hoặc hỏng (không khớp mã xác thực). "
                            "Báo quản trị viên.") from None

    def index(self, text: str) -> str:
        """A keyed hash for lookups (ID numbers, names): equal inputs, equal hashes."""
        folded = " ".join(unicodedata.normalize("NFC", text).casefold().split())
        return hmac.new(self.index_key, folded.encode(), hashlib.sha256).hexdigest()

    def to_json(self) -> str:
        def b64(value: bytes) -> str:
            return base64.b64encode(value).decode()

        return json.dumps({"version": 1, "key_id": b64(self.key_id),
                           "data_key": b64(self.data_key), "index_key": b64(self.index_key)})

    @classmethod
    def from_json(cls, text: str) -> KeyRing:
        data = json.loads(text)
        return cls(base64.b64decode(data["key_id"]), base64.b64decode(data["data_key"]),
                   base64.b64decode(data["index_key"]))


def key_path(data_dir: Path) -> Path:
    return data_dir / "keys" / "kiosk.key"


def write_key(path: Path, ring: KeyRing) -> None:
    """Atomically, readable only by the owner (0600 in a 0700 folder)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    os.chmod(path.parent, 0o700)
    temporary = path.with_suffix(".new")
    descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(descriptor, "w") as handle:
        handle.write(ring.to_json())
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(temporary, path)


def _read(path: Path) -> KeyRing:
    try:
        return KeyRing.from_json(path.read_text())
    except (OSError, ValueError, KeyError) as error:
        raise KeyProblem(f"Không đọc được tệp khóa {path}. Khôi phục tệp khóa từ bản sao lưu "
                         "hoặc báo quản trị viên; không xóa cơ sở dữ liệu.") from error


def next_key_path(data_dir: Path) -> Path:
    return key_path(data_dir).with_name("kiosk.key.next")


def load_or_create(data_dir: Path) -> KeyRing:
    """The installation key; after an interrupted rotation both keys open the data."""
    path, upcoming = key_path(data_dir), next_key_path(data_dir)
    if not path.exists():
        ring = KeyRing.generate()
        write_key(path, ring)
        return ring
    current = _read(path)
    if upcoming.exists():  # a rotation stopped half-way: rows may be sealed by either key
        nxt = _read(upcoming)
        return KeyRing(current.key_id, current.data_key, current.index_key,
                       ((nxt.key_id, nxt.data_key),))
    return current
