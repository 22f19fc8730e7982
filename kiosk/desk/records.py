"""A closed case's biometrics as interchange records: one ANSI/NIST-ITL 1-2011 transaction,
and ISO/IEC 19794-4/-5/-6 records. The images are the captures the case kept (per position,
the accepted attempt; lossless all the way from the device).

What the capture already knows is not redone here (docs/export.md, "What the capture
prepares"): a slap's finger boxes found by its review (``finger_boxes``, stored with the
capture), and each image's lossless JPEG 2000 made in the background after the verdict
(``encode_capture``, stored sealed beside the PNG). A stored encoding is used only while
the digest of the PNG it was made from matches the stored PNG, and boxes only while the
same fingers are declared missing; otherwise, and for cases stored before them, both are
made here as before.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import datetime
from typing import TypeVar

import cv2
import numpy as np

from kiosk.biometrics import fingers, iso19794
from kiosk.biometrics.ansi_nist import Slap, Subject, Transaction, write_transaction
from kiosk.biometrics.encoding import decode_png, png_digest
from kiosk.biometrics.iris import find_boundaries
from kiosk.biometrics.iso19794 import FaceImage, FingerImage, IrisImage, Quality, encode_jp2
from kiosk.biometrics.nist_tools import FingerprintTools, ToolFailed
from kiosk.desk.casefile import FINGER_POSITIONS
from kiosk.desk.kept import accepted_low_quality, declared_missing, kept_attempts
from kiosk.desk.snapshots import citizen_from_json
from kiosk.storage.cases import FingerBoxes, StoredCapture, StoredCase, StoredEncoding
from kiosk.workflow.case import Step
from kiosk.workflow.people import Sex

SLAPS = ("right_four", "left_four", "thumbs")  # the order the records list them
# Fingers taken alone on a single-finger reader: stored position -> ISO/IEC 19794-4 finger
# position, listed after the slaps in position order (plain impressions, like the slaps).
SINGLE_FINGERS = {position.value: int(finger) for finger, position in FINGER_POSITIONS.items()}
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


def record_pixels(position: str, png: bytes) -> np.ndarray:
    """A stored capture's pixels as the records carry them: the face as captured, every
    other image (fingers, irises) in 8-bit grey."""
    image = decode_png(png)
    if position == "face" or image.ndim == 2:
        return image
    return np.asarray(cv2.cvtColor(image, cv2.COLOR_BGR2GRAY), dtype=np.uint8)


def encode_capture(position: str, png: bytes) -> StoredEncoding:
    """The image of a capture stored as ``png`` encoded as its records carry it, tied to
    that PNG by its digest (30-150 ms on one core: run it off the clerk's path)."""
    return StoredEncoding(png_digest(png), encode_jp2(record_pixels(position, png)))


def finger_boxes(slap: str, missing: frozenset[int], layout: fingers.SlapLayout
                 ) -> FingerBoxes:
    """Where each finger of ``slap`` lies on its image, named as ``fingers.segment_slap``
    names them (``fingers.finger_names_of``) from the same ``layout`` (``missing``: the
    positions declared missing); none when the slap shows another count of fingers. Costs
    a bounding box per finger."""
    _ground, masks = layout
    names = fingers.finger_names_of(slap, missing, len(masks))
    if names is None:
        return FingerBoxes({}, missing)
    boxes = {}
    for position, mask in zip(names, masks, strict=True):
        x, y, width, height = cv2.boundingRect(mask)
        boxes[position] = (int(x), int(y), int(width), int(height))
    return FingerBoxes(boxes, missing)


Encoded = TypeVar("Encoded", FaceImage, FingerImage, IrisImage)


def _with_stored_jp2(image: Encoded, capture: StoredCapture) -> Encoded:
    """``image`` carrying the capture's stored encoding when it was made from the stored
    PNG (its digest matches), so the records never encode it again."""
    stored = capture.encoding
    if stored is not None and stored.png_sha256 == png_digest(capture.image_png):
        return replace(image, ready_jp2=stored.jp2)
    return image


def _slap(position: str, finger: FingerImage, declared: dict[int, str],
          tools: FingerprintTools | None, found: FingerBoxes | None) -> Slap:
    missing = {p: r for p, r in declared.items() if p in fingers.SLAP_POSITIONS[position]}
    if tools is None and found is not None and found.missing == frozenset(missing):
        return Slap(finger, {p: (x, x + w, y, y + h) for p, (x, y, w, h) in found.boxes.items()},
                    {}, missing)
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
    image = record_pixels(position, capture.image_png)
    found = find_boundaries(image)
    centre = (round(found.iris[0]), round(found.iris[1])) if found else None
    diameter = round(2 * found.iris[2]) if found else None
    return _with_stored_jp2(IrisImage(EYES[position], image, capture.captured_at,
                                      Quality(capture.quality), centre, diameter), capture)


def require_closed(case: StoredCase) -> None:
    if case.step != Step.CLOSED.value:
        raise NotExportable(f"Hồ sơ {case.code} chưa kết thúc (bước hiện tại: {case.step}); "
                            "chỉ xuất được hồ sơ đã kết thúc.")


@dataclass(frozen=True)
class _Images:
    """A case's kept captures as record images: each PNG decoded once, each iris's
    boundaries found once, and each image encoded once (``jp2``: the stored encoding, else
    made on first use) for the transaction and the ISO records alike."""

    face: FaceImage | None
    slaps: dict[str, FingerImage]  # in SLAPS order
    irises: tuple[IrisImage, ...]  # in EYES order
    boxes: dict[str, FingerBoxes | None]  # per slap, as its capture found them
    # Each finger taken alone that passed (acceptable, or accepted below the threshold), in
    # SINGLE_FINGERS order; one refused and then taken on a slap is not the case's.
    singles: dict[str, FingerImage] = field(default_factory=dict)


def _images(case: StoredCase) -> _Images:
    kept = kept_captures(case)
    face = kept.get("face")
    return _Images(
        (_with_stored_jp2(FaceImage(record_pixels("face", face.image_png), face.captured_at,
                                    Quality(face.quality)), face) if face else None),
        {p: _with_stored_jp2(FingerImage(fingers.SLAP_CODES[p],
                                         record_pixels(p, kept[p].image_png),
                                         kept[p].captured_at, Quality(kept[p].quality)), kept[p])
         for p in SLAPS if p in kept},
        tuple(_iris(p, kept[p]) for p in EYES if p in kept),
        {p: kept[p].finger_boxes for p in SLAPS if p in kept},
        _singles(case, kept))


def _singles(case: StoredCase, kept: dict[str, StoredCapture]) -> dict[str, FingerImage]:
    accepted = accepted_low_quality(case.captures)
    passed = [p for p in SINGLE_FINGERS if p in kept and (
        kept[p].acceptable or accepted.get(p, (0, ""))[0] == kept[p].attempt)]
    return {p: _with_stored_jp2(FingerImage(SINGLE_FINGERS[p],
                                            record_pixels(p, kept[p].image_png),
                                            kept[p].captured_at, Quality(kept[p].quality)),
                                kept[p]) for p in passed}


def _single(finger: FingerImage, missing: dict[int, str],
            tools: FingerprintTools | None) -> Slap:
    """A Type-14 record of one finger taken alone (FGP its position) with its NFIQ 2;
    ``missing``: the fingers declared missing that no slap record holds (14.018 AMP)."""
    quality: dict[int, int] = {}
    if tools is not None:
        try:
            measured = tools.measure(finger.image).nfiq2
        except ToolFailed:
            measured = None  # the record goes without its NFIQ 2 rather than not at all
        if measured is not None:
            quality[finger.position] = measured
    return Slap(finger, {}, quality, missing)


def _single_records(images: _Images, declared: dict[int, str],
                    tools: FingerprintTools | None) -> tuple[Slap, ...]:
    """The fingers taken alone; the first carries the fingers declared missing that no slap
    of the case holds (a single-finger reader took no slap), so none is lost."""
    held = {p for slap in images.slaps for p in fingers.SLAP_POSITIONS[slap]}
    loose = {p: r for p, r in declared.items() if p not in held}
    return tuple(_single(finger, loose if index == 0 else {}, tools)
                 for index, finger in enumerate(images.singles.values()))


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
        slaps=(*(_slap(p, finger, declared, tools, images.boxes[p])
                 for p, finger in images.slaps.items()),
               *_single_records(images, declared, tools)),
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
    if images.slaps or images.singles:
        records["fingers.iso19794-4"] = iso19794.finger_record(
            [*images.slaps.values(), *images.singles.values()])
    if images.irises:
        records["irises.iso19794-6"] = iso19794.iris_record(list(images.irises))
    return records
