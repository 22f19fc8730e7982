"""Data at rest: AES-256-GCM for personal fields and biometrics, keyed hashes for lookups.

The key file lives outside the database (DATA_DIR/keys/kiosk.key, readable only by its
owner), optionally wrapped by a passphrase (scrypt, then AES-GCM), so that a stolen laptop's
disk alone opens nothing. Every sealed value names the key that sealed it, so
`kiosk keys rotate` can re-seal everything under a new key. The associated data binds a
value to its column: a sealed fingerprint copied into the citizen column does not open.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import os
import secrets
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

from kiosk.workflow.people import name_key

MAGIC = b"KC1"  # format version of a sealed value
KEY_ID_BYTES = 8
NONCE_BYTES = 12
# scrypt cost for the passphrase: about 0.1 s and 32 MiB on a counter laptop, once per start.
SCRYPT_N, SCRYPT_R, SCRYPT_P = 2**15, 8, 1
MIN_PASSPHRASE = 12
WRAP_CONTEXT = b"kiosk.key"


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
        return self.sealer(context)(plain)

    def sealer(self, context: str) -> Callable[[bytes], bytes]:
        """:meth:`seal` for many values under one ``context``: the AES-GCM object (as costly
        to make as one sealing) made once."""
        aead, head, associated = AESGCM(self.data_key), MAGIC + self.key_id, context.encode()

        def seal(plain: bytes) -> bytes:
            nonce = secrets.token_bytes(NONCE_BYTES)
            return head + nonce + aead.encrypt(nonce, plain, associated)
        return seal

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
        return self.indexer()(text).hex()

    def indexer(self) -> Callable[[str], bytes]:
        """:meth:`index` for many values, as the raw digest: the keyed HMAC state made once."""
        keyed = hmac.new(self.index_key, digestmod=hashlib.sha256)

        def index(text: str) -> bytes:
            mac = keyed.copy()
            mac.update(name_key(text).encode())
            return mac.digest()
        return index

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


def _b64(value: bytes) -> str:
    return base64.b64encode(value).decode()


def _kek(passphrase: str, salt: bytes, n: int, r: int, p: int) -> bytes:
    return Scrypt(salt=salt, length=32, n=n, r=r, p=p).derive(
        unicodedata.normalize("NFC", passphrase).encode())


def wrap(ring: KeyRing, passphrase: str) -> str:
    """The key file's text with the ring sealed under a key derived from ``passphrase``."""
    if len(passphrase) < MIN_PASSPHRASE:
        raise KeyProblem(f"Mật khẩu bảo vệ khóa cần ít nhất {MIN_PASSPHRASE} ký tự.")
    salt, nonce = secrets.token_bytes(16), secrets.token_bytes(NONCE_BYTES)
    sealed = AESGCM(_kek(passphrase, salt, SCRYPT_N, SCRYPT_R, SCRYPT_P)).encrypt(
        nonce, ring.to_json().encode(), WRAP_CONTEXT)
    return json.dumps({"version": 2, "kdf": "scrypt", "n": SCRYPT_N, "r": SCRYPT_R,
                       "p": SCRYPT_P, "salt": _b64(salt), "nonce": _b64(nonce),
                       "sealed": _b64(sealed)})


def is_wrapped(path: Path) -> bool:
    try:
        return bool(json.loads(path.read_text()).get("version") == 2)
    except (OSError, ValueError, AttributeError):
        return False


def _unwrap(data: dict[str, object], passphrase: str | None) -> KeyRing:
    if passphrase is None:
        raise KeyProblem("Tệp khóa được bảo vệ bằng mật khẩu: nhập mật khẩu khóa (hoặc đặt "
                         "biến môi trường KIOSK_KEY_PASSPHRASE) rồi chạy lại.")
    salt, nonce, sealed = (base64.b64decode(str(data[k])) for k in ("salt", "nonce", "sealed"))
    n, r, p = (int(str(data[k])) for k in ("n", "r", "p"))
    try:
        plain = AESGCM(_kek(passphrase, salt, n, r, p)).decrypt(nonce, sealed, WRAP_CONTEXT)
    except InvalidTag:
        raise KeyProblem("Mật khẩu khóa không đúng. Nhập lại; nếu quên, báo quản trị viên "
                         "(không có mật khẩu thì không mở được dữ liệu).") from None
    return KeyRing.from_json(plain.decode())


def atomic_write(path: Path, data: bytes, mode: int = 0o666) -> None:
    """Write ``path`` whole or not at all (a temporary file, synced, then renamed over it),
    creating its folder; ``mode`` as for :func:`os.open` (the umask applies)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(path.name + ".part")
    descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, mode)
    with os.fdopen(descriptor, "wb") as handle:
        handle.write(data)
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(temporary, path)


def write_private(path: Path, content: bytes) -> None:
    """Atomically, readable only by the owner (0600 in a 0700 folder)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    os.chmod(path.parent, 0o700)
    atomic_write(path, content, 0o600)


def write_key(path: Path, ring: KeyRing, passphrase: str | None = None) -> None:
    """The installation key, private to the owner; wrapped when a passphrase is given."""
    write_private(path, (ring.to_json() if passphrase is None
                         else wrap(ring, passphrase)).encode())


def read_key(path: Path, passphrase: str | None = None) -> KeyRing:
    try:
        data = json.loads(path.read_text())
        if isinstance(data, dict) and data.get("version") == 2:
            return _unwrap(data, passphrase)
        return KeyRing.from_json(json.dumps(data))
    except (OSError, ValueError, KeyError, TypeError) as error:
        raise KeyProblem(f"Không đọc được tệp khóa {path}. Khôi phục tệp khóa từ bản sao lưu "
                         "hoặc báo quản trị viên; không xóa cơ sở dữ liệu.") from error


def next_key_path(data_dir: Path) -> Path:
    return key_path(data_dir).with_name("kiosk.key.next")


def load_or_create(data_dir: Path, passphrase: str | None = None) -> KeyRing:
    """The installation key; after an interrupted rotation both keys open the data.
    ``passphrase`` opens a wrapped key file (and wraps a new one)."""
    path, upcoming = key_path(data_dir), next_key_path(data_dir)
    if not path.exists():
        ring = KeyRing.generate()
        write_key(path, ring, passphrase)
        return ring
    current = read_key(path, passphrase)
    if upcoming.exists():  # a rotation stopped half-way: rows may be sealed by either key
        nxt = read_key(upcoming, passphrase)
        return KeyRing(current.key_id, current.data_key, current.index_key,
                       ((nxt.key_id, nxt.data_key),))
    return current


def protect(data_dir: Path, passphrase: str, current: str | None = None, *,
            ring: KeyRing | None = None) -> None:
    """Wrap the installation key (or re-wrap it under a new passphrase). ``ring``: the key
    as already opened (else read here with the ``current`` passphrase)."""
    if ring is None:
        ring = read_key(key_path(data_dir), current)
    write_key(key_path(data_dir), KeyRing(ring.key_id, ring.data_key, ring.index_key),
              passphrase)
