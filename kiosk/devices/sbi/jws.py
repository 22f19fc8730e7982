"""JWS compact serialisation (RFC 7515) with RS256 and an ``x5c`` certificate chain.

SBI devices sign ``deviceInfo``, ``digitalId`` and every capture's ``data`` this way with
their device key; the first ``x5c`` certificate is the device's, and it must chain to a
certificate authority the installation trusts (the vendor's or the simulator's).
"""

from __future__ import annotations

import base64
import binascii
import json
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from cryptography import x509
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import padding, rsa
from cryptography.x509.oid import NameOID


class JwsError(Exception):
    """The token is malformed, unsigned, or signed by a key the installation does not trust."""


def b64url_encode(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def b64url_decode(text: str) -> bytes:
    try:
        return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))
    except (binascii.Error, ValueError) as error:
        raise JwsError(f"not base64url: {error}") from error


@dataclass(frozen=True)
class SigningKey:
    """A device key and its certificate (what the vendor's management server issues)."""

    private_key: rsa.RSAPrivateKey
    certificate: x509.Certificate

    def sign(self, payload: dict[str, Any] | bytes) -> str:
        body = payload if isinstance(payload, bytes) else json.dumps(
            payload, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
        header = {"alg": "RS256", "typ": "JWT",
                  "x5c": [base64.b64encode(
                      self.certificate.public_bytes(serialization.Encoding.DER)).decode()]}
        signing_input = (b64url_encode(json.dumps(header, separators=(",", ":")).encode())
                         + "." + b64url_encode(body))
        signature = self.private_key.sign(signing_input.encode("ascii"), padding.PKCS1v15(),
                                          hashes.SHA256())
        return signing_input + "." + b64url_encode(signature)


def unsigned_payload(token: str) -> bytes:
    """The payload of a token without checking it (discovery's ``digitalId`` is unsigned)."""
    parts = token.split(".")
    return b64url_decode(parts[1] if len(parts) == 3 else parts[0])


class TrustStore:
    """The certificate authorities whose device certificates the kiosk accepts."""

    def __init__(self, authorities: list[x509.Certificate]) -> None:
        self._authorities = authorities

    @classmethod
    def from_pem(cls, pem: bytes) -> TrustStore:
        return cls(x509.load_pem_x509_certificates(pem))

    def verify(self, token: str, *, now: datetime | None = None) -> bytes:
        """The payload of ``token`` if its signature verifies with a trusted device
        certificate that is valid now; otherwise :class:`JwsError` says why."""
        parts = token.split(".")
        if len(parts) != 3 or not parts[2]:
            raise JwsError("not a signed JWS compact token")
        try:
            header = json.loads(b64url_decode(parts[0]))
        except ValueError as error:
            raise JwsError(f"header is not JSON: {error}") from error
        if not isinstance(header, dict) or header.get("alg") != "RS256":
            raise JwsError("algorithm is not RS256")
        chain = header.get("x5c")
        if not isinstance(chain, list) or not chain:
            raise JwsError("no x5c certificate")
        try:
            device = x509.load_der_x509_certificate(base64.b64decode(chain[0]))
        except (ValueError, binascii.Error) as error:
            raise JwsError(f"x5c certificate unreadable: {error}") from error
        self._check_chain(device, now or datetime.now(UTC))
        public_key = device.public_key()
        if not isinstance(public_key, rsa.RSAPublicKey):
            raise JwsError("device key is not RSA")
        try:
            public_key.verify(b64url_decode(parts[2]), f"{parts[0]}.{parts[1]}".encode("ascii"),
                              padding.PKCS1v15(), hashes.SHA256())
        except InvalidSignature as error:
            raise JwsError("signature does not verify") from error
        return b64url_decode(parts[1])

    def _check_chain(self, device: x509.Certificate, now: datetime) -> None:
        if not device.not_valid_before_utc <= now <= device.not_valid_after_utc:
            raise JwsError("device certificate expired or not yet valid")
        for authority in self._authorities:
            if authority.subject != device.issuer:
                continue
            key = authority.public_key()
            if not isinstance(key, rsa.RSAPublicKey) or device.signature_hash_algorithm is None:
                continue
            try:
                key.verify(device.signature, device.tbs_certificate_bytes, padding.PKCS1v15(),
                           device.signature_hash_algorithm)
            except InvalidSignature:
                continue
            if authority.not_valid_before_utc <= now <= authority.not_valid_after_utc:
                return
        raise JwsError("device certificate not issued by a trusted authority")


def _name(common_name: str) -> x509.Name:
    return x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, common_name)])


def issue_authority(common_name: str, days: int = 365) -> SigningKey:
    """A self-signed certificate authority (a vendor's root, or the simulator's)."""
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    now = datetime.now(UTC)
    certificate = (
        x509.CertificateBuilder().subject_name(_name(common_name)).issuer_name(_name(common_name))
        .public_key(key.public_key()).serial_number(x509.random_serial_number())
        .not_valid_before(now - timedelta(minutes=5)).not_valid_after(now + timedelta(days=days))
        .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
        .sign(key, hashes.SHA256()))
    return SigningKey(key, certificate)


def issue_device_key(authority: SigningKey, common_name: str, days: int = 30) -> SigningKey:
    """A device key certified by ``authority`` (SBI rotates these about every 30 days)."""
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    now = datetime.now(UTC)
    certificate = (
        x509.CertificateBuilder().subject_name(_name(common_name))
        .issuer_name(authority.certificate.subject).public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - timedelta(minutes=5)).not_valid_after(now + timedelta(days=days))
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .sign(authority.private_key, hashes.SHA256()))
    return SigningKey(key, certificate)


def certificate_pem(certificate: x509.Certificate) -> bytes:
    return certificate.public_bytes(serialization.Encoding.PEM)
