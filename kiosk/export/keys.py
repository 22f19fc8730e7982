"""The desk's signing key (made on first use, private to the owner) and the centre's public
encryption key (installed by the administrator)."""

from __future__ import annotations

from pathlib import Path

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey

from kiosk.storage.crypto import write_private


class ExportKeyProblem(Exception):
    """A key for export is missing or unreadable; ``message`` says what to do (Vietnamese)."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def signing_key_path(data_dir: Path) -> Path:
    return data_dir / "keys" / "desk-signing.pem"


def desk_signing_key(data_dir: Path) -> Ed25519PrivateKey:
    """The desk's Ed25519 key; the first export makes it (its public half goes to the
    centre once, with ``kiosk export --public-key``)."""
    path = signing_key_path(data_dir)
    if not path.exists():
        key = Ed25519PrivateKey.generate()
        write_private(path, key.private_bytes(serialization.Encoding.PEM,
                                              serialization.PrivateFormat.PKCS8,
                                              serialization.NoEncryption()))
        return key
    try:
        loaded = serialization.load_pem_private_key(path.read_bytes(), password=None)
    except (OSError, ValueError) as error:
        raise ExportKeyProblem(f"Không đọc được khóa ký của bàn ({path}). Khôi phục từ bản sao "
                               "lưu hoặc báo quản trị viên.") from error
    if not isinstance(loaded, Ed25519PrivateKey):
        raise ExportKeyProblem(f"{path} không phải khóa Ed25519. Báo quản trị viên.")
    return loaded


def centre_public_key(path_text: str) -> X25519PublicKey:
    """The centre's X25519 public key from a PEM file (setting export.centre_public_key)."""
    if not path_text:
        raise ExportKeyProblem("Chưa cài khóa công khai của hệ thống trung tâm (thiết lập "
                               "export.centre_public_key). Báo quản trị viên cài tệp khóa.")
    path = Path(path_text)
    try:
        key = serialization.load_pem_public_key(path.read_bytes())
    except (OSError, ValueError) as error:
        raise ExportKeyProblem(f"Không đọc được khóa công khai của trung tâm ({path}). Kiểm "
                               "tra tệp khóa hoặc báo quản trị viên.") from error
    if not isinstance(key, X25519PublicKey):
        raise ExportKeyProblem(f"{path} không phải khóa X25519 của trung tâm.")
    return key


def new_centre_key_pair(private_path: Path, public_path: Path) -> None:
    """For development and tests: a centre key pair (the real one lives at the centre)."""
    key = X25519PrivateKey.generate()
    write_private(private_path, key.private_bytes(serialization.Encoding.PEM,
                                                  serialization.PrivateFormat.PKCS8,
                                                  serialization.NoEncryption()))
    public_path.write_bytes(key.public_key().public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo))
