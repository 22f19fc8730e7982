"""The sealed packet that travels to the central system: signed by the desk, encrypted to
the centre.

Layout (all of it covered by the cipher's authentication)::

    b"KIOSKPKT1\\n" | header length (4 bytes, big-endian) | header (JSON, UTF-8) | ciphertext

The header names the case, the desk's Ed25519 public key, the centre's key id and a fresh
X25519 public key. The content key is HKDF-SHA256 of the X25519 agreement between that fresh
key and the centre's key; AES-256-GCM encrypts ``signature (64 bytes) | inner packet`` with
the header as associated data, so no header byte can change unnoticed. The signature covers
the format, the case code and the SHA-256 of the inner packet: a packet signed for one case
cannot be passed off as another's.
"""

from __future__ import annotations

import hashlib
import json
import os
import struct
from dataclasses import dataclass
from datetime import datetime

from cryptography.exceptions import InvalidSignature, InvalidTag
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

FORMAT = "kiosk-packet/1"
MAGIC = b"KIOSKPKT1\n"
_RAW = serialization.Encoding.Raw, serialization.PublicFormat.Raw


class PacketRejected(Exception):
    """The packet cannot be accepted; ``reason`` says why (for the receiver's log)."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def raw_public(key: Ed25519PublicKey | X25519PublicKey) -> bytes:
    return key.public_bytes(*_RAW)


def key_id(public: bytes) -> str:
    """A short, stable name of a public key (the first 16 bytes of its SHA-256, in hex)."""
    return hashlib.sha256(public).hexdigest()[:32]


def _content_key(shared: bytes, ephemeral: bytes, recipient: bytes) -> bytes:
    return HKDF(algorithm=hashes.SHA256(), length=32, salt=None,
                info=FORMAT.encode() + ephemeral + recipient).derive(shared)


def _signed_text(case_code: str, inner: bytes) -> bytes:
    return b"\0".join((FORMAT.encode(), case_code.encode(), hashlib.sha256(inner).digest()))


@dataclass(frozen=True)
class Header:
    case_code: str
    desk_code: str
    created_at: str  # ISO 8601, the desk's clock
    sender_key: str  # hex of the desk's Ed25519 public key
    recipient_key_id: str
    ephemeral_key: str  # hex of the X25519 public key made for this packet
    nonce: str  # hex, 12 bytes

    def to_bytes(self) -> bytes:
        return json.dumps({"format": FORMAT, **self.__dict__}, sort_keys=True,
                          separators=(",", ":")).encode()

    @classmethod
    def from_bytes(cls, data: bytes) -> Header:
        try:
            fields = json.loads(data)
            if fields.pop("format") != FORMAT:
                raise PacketRejected("unknown packet format")
            return cls(**{k: str(fields[k]) for k in cls.__dataclass_fields__})
        except (ValueError, KeyError, TypeError) as error:
            raise PacketRejected("unreadable header") from error


def seal(inner: bytes, *, case_code: str, desk_code: str, created_at: datetime,
         signing_key: Ed25519PrivateKey, centre_key: X25519PublicKey) -> bytes:
    """Sign ``inner`` with the desk's key and encrypt it to the centre."""
    ephemeral = X25519PrivateKey.generate()
    ephemeral_public, recipient = raw_public(ephemeral.public_key()), raw_public(centre_key)
    nonce = os.urandom(12)
    header = Header(case_code, desk_code, created_at.isoformat(timespec="seconds"),
                    raw_public(signing_key.public_key()).hex(), key_id(recipient),
                    ephemeral_public.hex(), nonce.hex()).to_bytes()
    key = _content_key(ephemeral.exchange(centre_key), ephemeral_public, recipient)
    signature = signing_key.sign(_signed_text(case_code, inner))
    ciphertext = AESGCM(key).encrypt(nonce, signature + inner, header)
    return MAGIC + struct.pack(">I", len(header)) + header + ciphertext


def open_sealed(packet: bytes, *, centre_key: X25519PrivateKey,
                trusted_desks: frozenset[bytes]) -> tuple[Header, bytes]:
    """The header and inner packet, once decrypted and its desk signature verified; any
    altered byte, an unknown desk or another recipient raises PacketRejected."""
    if not packet.startswith(MAGIC) or len(packet) < len(MAGIC) + 4:
        raise PacketRejected("not a kiosk packet")
    (length,) = struct.unpack(">I", packet[len(MAGIC):len(MAGIC) + 4])
    start = len(MAGIC) + 4
    header_bytes = packet[start:start + length]
    header = Header.from_bytes(header_bytes)
    recipient = raw_public(centre_key.public_key())
    if header.recipient_key_id != key_id(recipient):
        raise PacketRejected("encrypted to another key")
    try:
        ephemeral = bytes.fromhex(header.ephemeral_key)
        sender = bytes.fromhex(header.sender_key)
        nonce = bytes.fromhex(header.nonce)
        shared = centre_key.exchange(X25519PublicKey.from_public_bytes(ephemeral))
        plain = AESGCM(_content_key(shared, ephemeral, recipient)).decrypt(
            nonce, packet[start + length:], header_bytes)
    except (ValueError, InvalidTag) as error:
        raise PacketRejected("decryption failed: the packet was altered") from error
    if sender not in trusted_desks:
        raise PacketRejected("signed by a desk the centre does not know")
    signature, inner = plain[:64], plain[64:]
    try:
        Ed25519PublicKey.from_public_bytes(sender).verify(
            signature, _signed_text(header.case_code, inner))
    except InvalidSignature as error:
        raise PacketRejected("the desk signature does not match") from error
    return header, inner
