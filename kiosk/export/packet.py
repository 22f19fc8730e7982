"""The inner packet of a closed case: one ZIP the centre can read with any tool.

Contents (schema ``kiosk.case/1``, documented in docs/export.md)::

    manifest.json                    schema, case code, SHA-256 and size of every other file
    case.json                        the case record
    biometrics/transaction.an2       ANSI/NIST-ITL 1-2011 (when anything was captured)
    biometrics/*.iso19794-N          ISO/IEC 19794 records, one per modality captured
    documents/NN-FORM.pdf            every printed document, reprints included, in order
    audit.json                       the case's audit rows with their chain hashes

Entries are stored (the images and PDFs are already compressed) with a fixed timestamp, so
the same case always gives the same bytes.
"""

from __future__ import annotations

import hashlib
import io
import json
import zipfile
from collections.abc import Mapping
from dataclasses import asdict, dataclass
from datetime import datetime
from typing import Any

from kiosk.desk.kept import accepted_low_quality, declared_missing, kept_attempts
from kiosk.desk.records import (
    Agencies,
    NotExportable,
    case_records,
    require_closed,
)
from kiosk.storage.cases import StoredCase, StoredDelivery

SCHEMA = "kiosk.case/1"
ZIP_TIME = (2020, 1, 1, 0, 0, 0)


@dataclass(frozen=True)
class CaseMaterial:
    """What the desk holds for one case, read from storage."""

    case: StoredCase
    documents: list[tuple[str, bytes, datetime]]  # form code, PDF, printed at
    audit: list[dict[str, Any]]
    environment: str


def check_exportable(case: StoredCase, environment: str) -> None:
    if case.training or environment == "training":
        raise NotExportable(f"Hồ sơ {case.code} là hồ sơ đào tạo: không gửi lên hệ thống "
                            "trung tâm.")
    require_closed(case)


def case_record(material: CaseMaterial, document_names: list[str]) -> dict[str, Any]:
    case = material.case
    kept = kept_attempts(case.captures)
    accepted = accepted_low_quality(case.captures)
    return {
        "schema": SCHEMA, "environment": material.environment, "code": case.code,
        "desk": case.desk_code, "opened_at": case.opened_at.isoformat(timespec="seconds"),
        "closed_at": case.updated_at.isoformat(timespec="seconds"),
        "citizen": case.citizen, "procedure": case.procedure, "reason": case.reason,
        "decision": case.decision, "fee_vnd": case.fee_amount,
        "payments": [{**asdict(payment), "settled_at": payment.settled_at.isoformat(
                          timespec="seconds")} for payment in case.payments],
        "due_date": case.due_date.isoformat() if case.due_date else None,
        "delivery": asdict(case.delivery or StoredDelivery("counter")),
        "representative": ({"full_name": case.representative,
                            "id_number": case.representative_id_number}
                           if case.representative else None),
        "captures": [{"position": position, "attempt": c.attempt, "quality": c.quality,
                      "acceptable": c.acceptable,
                      # Below the threshold, accepted after the retries: who authorized it.
                      "accepted_below_threshold_by": (
                          accepted[position][1] if accepted.get(position, (0, ""))[0]
                          == c.attempt else None),
                      "device": {"backend": c.device_backend, "model": c.device_model,
                                 "serial": c.device_serial},
                      "captured_at": c.captured_at.isoformat(timespec="seconds")}
                     for position, c in sorted(kept.items())],
        "missing_fingers": declared_missing(case.captures),
        "history": case.history(),
        "documents": document_names,
    }


def _json(value: Any) -> bytes:
    return json.dumps(value, ensure_ascii=False, indent=1, sort_keys=True).encode()


def build_packet(material: CaseMaterial, agencies: Agencies, created_at: datetime) -> bytes:
    """The inner packet (a ZIP) of a closed, non-training case."""
    case = material.case
    check_exportable(case, material.environment)
    files: dict[str, bytes] = {}
    if case.captures:
        transaction, iso_records = case_records(case, agencies, created_at)
        files["biometrics/transaction.an2"] = transaction
        for name, record in iso_records.items():
            files[f"biometrics/{name}"] = record
    names = []
    for number, (form, pdf, _at) in enumerate(material.documents, start=1):
        names.append(f"documents/{number:02d}-{form}.pdf")
        files[names[-1]] = pdf
    files["audit.json"] = _json(material.audit)
    files["case.json"] = _json(case_record(material, names))
    manifest = {"schema": SCHEMA, "code": case.code,
                "created_at": created_at.isoformat(timespec="seconds"),
                "files": {name: {"sha256": hashlib.sha256(data).hexdigest(), "size": len(data)}
                          for name, data in sorted(files.items())}}
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_STORED) as archive:
        for name, data in [("manifest.json", _json(manifest)), *sorted(files.items())]:
            archive.writestr(zipfile.ZipInfo(name, ZIP_TIME), data)
    return buffer.getvalue()


def read_packet(inner: bytes) -> tuple[dict[str, Any], Mapping[str, bytes]]:
    """The case record and files of an inner packet, each checked against the manifest
    (raises ValueError naming the first problem)."""
    with zipfile.ZipFile(io.BytesIO(inner)) as archive:
        files = {name: archive.read(name) for name in archive.namelist()}
    manifest = json.loads(files.pop("manifest.json"))
    if manifest.get("schema") != SCHEMA:
        raise ValueError(f"unknown schema {manifest.get('schema')!r}")
    listed = manifest["files"]
    if set(listed) != set(files):
        raise ValueError("files differ from the manifest")
    for name, data in files.items():
        if hashlib.sha256(data).hexdigest() != listed[name]["sha256"]:
            raise ValueError(f"{name} does not match the manifest")
    record = json.loads(files["case.json"])
    if record.get("code") != manifest["code"]:
        raise ValueError("case.json names another case")
    return record, files
