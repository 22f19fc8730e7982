"""What the centre does with a packet (the reference for its implementers, and the tests'
receiver): decrypt, verify the desk's signature, check every file against the manifest and
the case record against the schema."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey

from kiosk.export.envelope import Header, PacketRejected, open_sealed
from kiosk.export.packet import SCHEMA, read_packet

REQUIRED = ("schema", "code", "desk", "environment", "citizen", "procedure", "reason",
            "decision", "captures", "documents", "history")


def receive(packet: bytes, *, centre_key: X25519PrivateKey, trusted_desks: frozenset[bytes]
            ) -> tuple[Header, dict[str, Any], Mapping[str, bytes]]:
    """The header, case record and files of a valid packet, or PacketRejected."""
    header, inner = open_sealed(packet, centre_key=centre_key, trusted_desks=trusted_desks)
    try:
        record, files = read_packet(inner)
    except (ValueError, KeyError) as error:
        raise PacketRejected(f"inner packet invalid: {error}") from error
    missing = [key for key in REQUIRED if key not in record]
    if missing or record["schema"] != SCHEMA:
        raise PacketRejected(f"case record incomplete: {missing}")
    if record["code"] != header.case_code:
        raise PacketRejected("the header and the case record name different cases")
    if record["environment"] == "training":
        raise PacketRejected("training cases are not accepted")
    for name in record["documents"]:
        if name not in files:
            raise PacketRejected(f"{name} listed but absent")
    return header, record, files
