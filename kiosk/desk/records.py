"""A closed case's biometrics as interchange records: one ANSI/NIST-ITL 1-2011 transaction,
and ISO/IEC 19794-4/-5/-6 records. The images are the captures the case kept (per position,
the accepted attempt; lossless all the way from the device)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

import cv2
import numpy as np

from kiosk.biometrics import fingers, iso19794
from kiosk.biometrics.ansi_nist import Slap, Subject, Transaction, write_transaction
from kiosk.biometrics.encoding import decode_png
from kiosk.biometrics.iris import find_boundaries
from kiosk.biometrics.iso19794 import FaceImage, FingerImage, IrisImage, Quality
from kiosk.biometrics.nist_tools import FingerprintTools, ToolFailed
from kiosk.desk.kept import declared_missing, kept_attempts
from kiosk.desk.snapshots import citizen_from_json
from kiosk.storage.cases import StoredCapture, StoredCase
from kiosk.workflow.case import Step
from kiosk.workflow.people import Sex

SLAPS = ("right_four", "left_four", "thumbs")  # the order the records list them
EYES = {"iris_right": "right", "iris_left": "left"}


class NotExportable(Exception):
    """The case cannot leave the desk (yet); ``message`` says why (Vietnamese)."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class Agencies:
    originating: str  # ORI: the agency and desk that took the application
    destination: str  # DAI: the central system's agency code


def kept_captures(case: StoredCase) -> dict[str, StoredCapture]:
    """Per position, the attempt the case kept (kiosk/desk/kept.py, as the desk does)."""
    return kept_attempts(case.captures)


def _grey(capture: StoredCapture) -> np.ndarray:
    image = decode_png(capture.image_png)
    return np.asarray(cv2.cvtColor(image, cv2.COLOR_BGR2GRAY) if image.ndim == 3 else image,
                      dtype=np.uint8)


def _slap(position: str, finger: FingerImage, declared: dict[int, str],
          tools: FingerprintTools | None) -> Slap:
    missing = {p: r for p, r in declared.items() if p in fingers.SLAP_POSITIONS[position]}
    segments = [s for s in fingers.segment_slap(finger.image, position, frozenset(missing))
                if s.position]
    quality: dict[int, int] = {}
    if tools is not None:
        for segment in segments:
            try:
                measured = tools.measure(segment.image).nfiq2
            except ToolFailed:
                continue  # the record goes without this finger's NFIQ 2 rather than not at all
            if measured is not None:
                quality[segment.position] = measured
    boxes = {s.position: (s.box[0], s.box[0] + s.box[2], s.box[1], s.box[1] + s.box[3])
             for s in segments}
    return Slap(finger, boxes, quality, missing)


def _iris(position: str, capture: StoredCapture) -> IrisImage:
    image = _grey(capture)
    found = find_boundaries(image)
    centre = (round(found.iris[0]), round(found.iris[1])) if found else None
    diameter = round(2 * found.iris[2]) if found else None
    return IrisImage(EYES[position], image, capture.captured_at, Quality(capture.quality),
                     centre, diameter)


def require_closed(case: StoredCase) -> None:
    if case.step != Step.CLOSED.value:
        raise NotExportable(f"Hồ sơ {case.code} chưa kết thúc (bước hiện tại: {case.step}); "
                            "chỉ xuất được hồ sơ đã kết thúc.")


@dataclass(frozen=True)
class _Images:
    """A case's kept captures as record images: each PNG decoded once, each iris's
    boundaries found once, and each image encoded once (``jp2``, on first use) for the
    transaction and the ISO records alike."""

    face: FaceImage | None
    slaps: dict[str, FingerImage]  # in SLAPS order
    irises: tuple[IrisImage, ...]  # in EYES order


def _images(case: StoredCase) -> _Images:
    kept = kept_captures(case)
    face = kept.get("face")
    return _Images(
        (FaceImage(decode_png(face.image_png), face.captured_at, Quality(face.quality))
         if face else None),
        {p: FingerImage(fingers.SLAP_CODES[p], _grey(kept[p]), kept[p].captured_at,
                        Quality(kept[p].quality)) for p in SLAPS if p in kept},
        tuple(_iris(p, kept[p]) for p in EYES if p in kept))


def case_records(case: StoredCase, agencies: Agencies, created_at: datetime,
                 tools: FingerprintTools | None = None) -> tuple[bytes, dict[str, bytes]]:
    """A closed case's ANSI/NIST-ITL transaction and its ISO/IEC 19794 records (as
    ``case_transaction`` and ``case_iso_records``), built from the same images."""
    require_closed(case)
    images = _images(case)
    return (_transaction(case, images, agencies, created_at, tools), _iso_records(images))


def case_transaction(case: StoredCase, agencies: Agencies, created_at: datetime,
                     tools: FingerprintTools | None = None) -> bytes:
    """The ANSI/NIST-ITL transaction of a closed case; ``tools`` adds each finger's NFIQ 2."""
    require_closed(case)
    return _transaction(case, _images(case), agencies, created_at, tools)


def _transaction(case: StoredCase, images: _Images, agencies: Agencies, created_at: datetime,
                 tools: FingerprintTools | None) -> bytes:
    citizen = citizen_from_json(case.citizen)
    subject = Subject(
        full_name=citizen.full_name, id_number=citizen.id_number,
        birth_date=citizen.date_of_birth.strftime("%Y%m%d"),
        sex={Sex.MALE: "M", Sex.FEMALE: "F"}[citizen.sex],
        birth_place=citizen.place_of_birth_registration)
    declared = {int(finger): reason for finger, reason in declared_missing(case.captures).items()}
    return write_transaction(Transaction(
        control_number=case.code, originating_agency=agencies.originating,
        destination_agency=agencies.destination, created_at=created_at, subject=subject,
        face=images.face,
        slaps=tuple(_slap(p, finger, declared, tools) for p, finger in images.slaps.items()),
        irises=images.irises))


def case_iso_records(case: StoredCase) -> dict[str, bytes]:
    """ISO/IEC 19794 records of a closed case, by file name; a modality not captured (a
    child under 6 gives no fingerprints or irises) has no file."""
    require_closed(case)
    return _iso_records(_images(case))


def _iso_records(images: _Images) -> dict[str, bytes]:
    records: dict[str, bytes] = {}
    if images.face is not None:
        records["face.iso19794-5"] = iso19794.face_record([images.face])
    if images.slaps:
        records["fingers.iso19794-4"] = iso19794.finger_record(list(images.slaps.values()))
    if images.irises:
        records["irises.iso19794-6"] = iso19794.iris_record(list(images.irises))
    return records
