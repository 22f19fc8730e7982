"""A case's biometrics as one ANSI/NIST-ITL 1-2011 transaction (written and read with
``nistitl``, reference/deps.md §7).

Records: Type-1 (transaction), Type-2 (the citizen, our profile below), Type-10 (the face),
Type-14 (each slap, with where each finger lies on it, each finger's NFIQ 2 and the fingers
missing with their reason; or a single finger), Type-17 (each iris). Images are lossless
JPEG 2000 ("JP2L"), so every decoded image equals the captured pixels.

Text is UTF-8, declared in field 1.015 (DCS 3, "UTF-8"). ``nistitl`` writes text as
latin-1, so each text value is handed to it as its UTF-8 bytes spelled as latin-1
characters, and read back the same way.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

import nistitl

from kiosk.biometrics.iso19794 import (
    FaceImage,
    FingerImage,
    IrisImage,
    Quality,
    RecordError,
)

VERSION = "0500"  # ANSI/NIST-ITL 1-2011
TRANSACTION_TYPE = "CCCD"  # application for a căn cước card
DOMAIN = ("VN-CCCD", "1.0")  # our application profile (1.013 DOM: name, version)
UTF8 = ("3", "UTF-8")  # 1.015 DCS: character set index 3
COMPRESSION = "JP2L"  # lossless JPEG 2000
IMPRESSION_PLAIN_LIVE_SCAN = "0"
EYE_LABELS = {"right": "1", "left": "2"}  # 17.003 ELR
# 14.018 AMP: a finger that could not be captured. "XX" amputated, "UP" unable to print
# (bandaged, injured, or it gives no usable print).
MISSING_FINGER_CODES = {"amputated": "XX", "unable_to_print": "UP", "bandaged": "UP"}

# Type-2 is user-defined; our profile takes the tags EBTS gives these meanings.
T2_NAME, T2_ID_NUMBER, T2_BIRTH_DATE, T2_SEX, T2_BIRTH_PLACE = 18, 17, 22, 24, 20


@dataclass(frozen=True)
class Subject:
    full_name: str
    id_number: str
    birth_date: str  # YYYYMMDD, or YYYY when only the year is known
    sex: str = ""  # "M", "F" or empty
    birth_place: str = ""


@dataclass(frozen=True)
class Slap:
    """A slap or single finger with its segmentation: ``segments`` maps each finger position
    to its (left x, right x, top y, bottom y) on the image."""

    image: FingerImage
    segments: dict[int, tuple[int, int, int, int]] = field(default_factory=dict)
    finger_quality: dict[int, int] = field(default_factory=dict)  # NFIQ 2 per finger
    missing: dict[int, str] = field(default_factory=dict)  # position -> MISSING_FINGER_CODES key


@dataclass(frozen=True)
class Transaction:
    control_number: str  # the case code
    originating_agency: str  # the desk that took the application
    destination_agency: str
    created_at: datetime
    subject: Subject
    face: FaceImage | None = None
    slaps: tuple[Slap, ...] = ()
    irises: tuple[IrisImage, ...] = ()


def _text(value: str) -> str:
    """UTF-8 bytes spelled as latin-1, the form ``nistitl`` writes byte for byte."""
    return unicodedata.normalize("NFC", value).encode("utf-8").decode("latin-1")


def _untext(value: str) -> str:
    try:
        return value.encode("latin-1").decode("utf-8")
    except (UnicodeEncodeError, UnicodeDecodeError) as error:
        raise RecordError(f"ANSI/NIST: text field is not UTF-8 ({error})") from error


def _ascii_record(kind: int, idc: int, fields: Iterable[tuple[int, Any]]) -> Any:
    record = nistitl.AsciiRecord(kind)
    record.IDC = idc
    for tag, value in fields:
        record += nistitl.Field(kind, tag, value)
    return record


def _day(at: datetime | date) -> str:
    return at.strftime("%Y%m%d")


def _quality_items(position: int | str, quality: Quality) -> list[str]:
    return [str(position), str(quality.score), f"{quality.vendor:04X}", str(quality.algorithm)]


def write_transaction(transaction: Transaction) -> bytes:
    message = nistitl.Message()
    message.TOT = TRANSACTION_TYPE
    header = message[0]
    header.DAT = _day(transaction.created_at)
    header.DAI = transaction.destination_agency
    header.ORI = transaction.originating_agency
    header.TCN = transaction.control_number
    header.NSR = "00.00"  # no Type-4 images: the native scanning rates do not apply
    header.NTR = "00.00"
    header.VER = VERSION
    for tag, value in ((6, "4"), (13, [list(DOMAIN)]),
                       (14, transaction.created_at.strftime("%Y%m%d%H%M%SZ")),
                       (15, [list(UTF8)])):
        header += nistitl.Field(1, tag, value)

    person = transaction.subject
    message += _ascii_record(2, 0, [
        (tag, _text(value)) for tag, value in (
            (T2_ID_NUMBER, person.id_number), (T2_NAME, person.full_name),
            (T2_BIRTH_PLACE, person.birth_place), (T2_BIRTH_DATE, person.birth_date),
            (T2_SEX, person.sex)) if value])

    idc = 1
    agency = transaction.originating_agency
    if transaction.face is not None:
        message += _face_record(transaction.face, idc, agency)
        idc += 1
    for slap in transaction.slaps:
        message += _finger_record(slap, idc, agency)
        idc += 1
    for iris in transaction.irises:
        message += _iris_record(iris, idc, agency)
        idc += 1
    return bytes(message.NIST)


def _face_record(face: FaceImage, idc: int, agency: str) -> Any:
    height, width = face.image.shape[:2]
    record = _ascii_record(10, idc, [
        (3, "FACE"), (4, agency), (5, _day(face.captured_at)), (6, str(width)),
        (7, str(height)), (8, "0"), (9, "1"), (10, "1"), (11, COMPRESSION),
        (12, "RGB" if face.image.ndim == 3 else "GRAY"), (13, "0"), (20, "F"),
    ])
    record += nistitl.BinaryField(10, 999, face.jp2)
    return record


def _finger_record(slap: Slap, idc: int, agency: str) -> Any:
    image = slap.image
    height, width = image.image.shape
    fields: list[tuple[int, Any]] = [
        (3, IMPRESSION_PLAIN_LIVE_SCAN), (4, agency), (5, _day(image.captured_at)),
        (6, str(width)), (7, str(height)), (8, "1"), (9, str(image.ppi)), (10, str(image.ppi)),
        (11, COMPRESSION), (12, "8"), (13, str(image.position)),
    ]
    if slap.missing:
        fields.append((18, [[str(position), MISSING_FINGER_CODES[reason]]
                            for position, reason in sorted(slap.missing.items())]))
    if slap.segments:
        fields.append((21, [[str(position), *map(str, box)]
                            for position, box in sorted(slap.segments.items())]))
    if slap.finger_quality:
        fields.append((24, [
            _quality_items(position, Quality(score, 0x0101, 0x0021))
            for position, score in sorted(slap.finger_quality.items())]))
    record = _ascii_record(14, idc, fields)
    record += nistitl.BinaryField(14, 999, image.jp2)
    return record


def _iris_record(iris: IrisImage, idc: int, agency: str) -> Any:
    height, width = iris.image.shape
    record = _ascii_record(17, idc, [
        (3, EYE_LABELS.get(iris.eye, "0")), (4, agency), (5, _day(iris.captured_at)),
        (6, str(width)), (7, str(height)), (8, "0"), (9, "1"), (10, "1"),
        (11, COMPRESSION), (12, "8"), (13, "GRAY"),
        (24, [_quality_items("", iris.quality)[1:]]),
    ])
    record += nistitl.BinaryField(17, 999, iris.jp2)
    return record


# -- reading -----------------------------------------------------------------------------------
@dataclass(frozen=True)
class ReadImage:
    record_type: int
    idc: int
    fields: dict[int, Any]  # tag -> value as nistitl gives it (text, or lists of items)
    jp2: bytes


@dataclass(frozen=True)
class ReadTransaction:
    version: str
    transaction_type: str
    control_number: str
    originating_agency: str
    content: list[tuple[int, int]]  # (record type, IDC) from 1.003 CNT
    subject: dict[int, str]  # Type-2 tag -> text (UTF-8 decoded)
    images: list[ReadImage]


def _fields_of(record: Any) -> dict[int, Any]:
    """A parsed record's fields by tag (``nistitl`` keeps them in ``_fields``; it has no
    public iterator over them)."""
    return {int(f.tag): f for f in record._fields}


def read_transaction(data: bytes) -> ReadTransaction:
    message = nistitl.Message()
    try:
        message.parse(data)
    except nistitl.NistException as error:
        raise RecordError(f"ANSI/NIST: {error}") from error
    header = message[0]
    content = [(int(kind), int(idc)) for kind, idc in header.CNT[1:]] if len(
        header.CNT) > 1 else []
    subject: dict[int, str] = {}
    images = []
    for record in list(message)[1:]:
        tags = _fields_of(record)
        if record.type == 2:
            subject = {tag: _untext(str(f.value)) for tag, f in tags.items() if tag > 2}
            continue
        fields = {tag: f.value for tag, f in tags.items() if tag not in (1, 2, 999)}
        images.append(ReadImage(record.type, int(record.IDC), fields, bytes(tags[999].value)))
    return ReadTransaction(str(header.VER), str(header.TOT), str(header.TCN),
                           str(header.ORI), content, subject, images)
