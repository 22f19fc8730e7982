"""ISO/IEC 19794 biometric data interchange records, 2011 editions: -4 finger images, -5 face
images, -6 iris images, each image lossless JPEG 2000 (what MOSIP's registration and its
bio-utils read and write; reference/biometrics.md §"Interchange").

Every record is a general header and one representation per image. All integers are
big-endian. The layouts (byte counts in brackets):

finger  FIR\\0 [4] 020\\0 [4] record length [4] representations [2] certification flag [1]
        distinct positions [1]; per representation: length [4] capture time [9] device
        technology [1] vendor [2] type [2] quality blocks [1 + 5 each] position [1]
        representation number [1] scale units [1] capture and image sampling rates [2 x 4]
        bit depth [1] compression [1] impression [1] width [2] height [2] image length [4]
        image.
face    FAC\\0 [4] 030\\0 [4] record length [4] representations [2] certification flag [1]
        temporal semantics [2]; per representation: length [4] capture time [9] technology,
        vendor, type [5] quality blocks [1 + 5 each] landmarks [2] gender, eye colour, hair
        colour, subject height [4] features [3] expression [2] pose yaw, pitch, roll [3]
        pose uncertainty [3] landmark points [8 each] face image type [1] image data type
        [1] width [2] height [2] spatial sampling level [1] post-acquisition processing [2]
        cross reference [1] colour space [1] image length [4] image.
iris    IIR\\0 [4] 020\\0 [4] record length [4] representations [2] certification flag [1]
        eyes [1]; per representation: length [4] capture time [9] technology, vendor, type
        [5] quality blocks [1 + 5 each] representation number [2] eye label [1] image type
        [1] image format [1] image properties [1] width [2] height [2] bit depth [1] camera
        range [2] roll angle [2] roll uncertainty [2] iris centre smallest x, largest x,
        smallest y, largest y [2 x 4] iris diameter smallest, largest [2 x 2] image length
        [4] image.

Readers check every length against the bytes actually there and raise ``RecordError``.
"""

from __future__ import annotations

import struct
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime
from functools import cached_property

import cv2
import numpy as np
import numpy.typing as npt

Image = npt.NDArray[np.uint8]

FINGER_FORMAT, FACE_FORMAT, IRIS_FORMAT = b"FIR\x00", b"FAC\x00", b"IIR\x00"
FINGER_VERSION, FACE_VERSION, IRIS_VERSION = b"020\x00", b"030\x00", b"020\x00"
FINGER_JPEG2000_LOSSLESS = 5  # 19794-4:2011 compression algorithm
FACE_JPEG2000_LOSSLESS = 2  # 19794-5:2011 image data type
IRIS_JPEG2000 = 0x0A  # 19794-6:2011 image format
FACE_FULL_FRONTAL = 1
FACE_COLOUR_RGB24 = 1
FACE_COLOUR_GREY8 = 3
EYE_LABELS = {"right": 1, "left": 2}  # 19794-6 eye label; 0 = undefined
IRIS_IMAGE_UNCROPPED = 1
IMPRESSION_PLAIN_LIVE_SCAN = 0
SCALE_PPI = 1
# Quality blocks name the algorithm: NFIQ 2 is registered to NIST (CBEFF vendor 0x0101,
# algorithm 0x0021); the kiosk's own face and iris measures are unregistered (vendor 0).
NFIQ2_VENDOR, NFIQ2_ALGORITHM = 0x0101, 0x0021
KIOSK_VENDOR, KIOSK_ALGORITHM = 0x0000, 0x0001  # our own measures, version 1


class RecordError(ValueError):
    """A record that is not what its header says."""


@dataclass(frozen=True)
class Quality:
    score: int  # 0-100; 255 = computation failed
    vendor: int = KIOSK_VENDOR
    algorithm: int = KIOSK_ALGORITHM


class _Encoded:
    """An image that goes into interchange records as lossless JPEG 2000, encoded once per
    image object: a case's ANSI/NIST transaction and its ISO records write the same objects
    (kiosk/desk/records.py), and encoding costs ~70 ms. The encoding lives as long as the
    object, no longer. (``cached_property`` writes the instance's ``__dict__``, which a frozen
    dataclass without ``__slots__`` has.) ``ready_jp2``: an encoding of exactly ``image`` made
    earlier (kiosk/desk/encodings.py), used instead of encoding again."""

    image: Image
    ready_jp2: bytes | None

    @cached_property
    def jp2(self) -> bytes:
        return self.ready_jp2 if self.ready_jp2 is not None else encode_jp2(self.image)


@dataclass(frozen=True)
class FingerImage(_Encoded):
    position: int  # 1-10 one finger, 13/14/15 right four, left four, both thumbs
    image: Image  # 8-bit grey
    captured_at: datetime
    quality: Quality
    ppi: int = 500
    ready_jp2: bytes | None = field(default=None, repr=False, compare=False)


@dataclass(frozen=True)
class FaceImage(_Encoded):
    image: Image  # BGR or grey, as captured
    captured_at: datetime
    quality: Quality
    pose_deg: tuple[float, float, float] | None = None  # yaw, pitch, roll when measured
    ready_jp2: bytes | None = field(default=None, repr=False, compare=False)


@dataclass(frozen=True)
class IrisImage(_Encoded):
    eye: str  # "left" or "right"
    image: Image  # 8-bit grey
    captured_at: datetime
    quality: Quality
    centre: tuple[int, int] | None = None  # iris centre, px
    diameter: int | None = None  # iris diameter, px
    ready_jp2: bytes | None = field(default=None, repr=False, compare=False)


# -- pieces shared by the three parts ---------------------------------------------------------
def encode_jp2(image: Image) -> bytes:
    """Lossless JPEG 2000: rate 1000/1000 selects OpenJPEG's reversible wavelet. OpenCV's
    default rate is lossy (4.14 changed pixels by up to 157 grey levels on noise). Records
    read an image object's ``jp2``, which calls this once."""
    ok, encoded = cv2.imencode(".jp2", image, [cv2.IMWRITE_JPEG2000_COMPRESSION_X1000, 1000])
    if not ok:
        raise ValueError("JPEG 2000 encoding failed")
    return bytes(encoded)


def decode_jp2(data: bytes) -> Image:
    image = cv2.imdecode(np.frombuffer(data, np.uint8), cv2.IMREAD_UNCHANGED)
    if image is None:
        raise RecordError("the record's image is not a readable JPEG 2000 stream")
    return np.asarray(image, dtype=np.uint8)


def _capture_time(at: datetime) -> bytes:
    return struct.pack(">HBBBBBH", at.year, at.month, at.day, at.hour, at.minute, at.second,
                       at.microsecond // 1000)


def _quality_blocks(qualities: tuple[Quality, ...]) -> bytes:
    return struct.pack(">B", len(qualities)) + b"".join(
        struct.pack(">BHH", q.score, q.vendor, q.algorithm) for q in qualities)


def _representation_bytes(captured_at: datetime, quality: Quality, data: bytes, fields: bytes, *,
                          vendor: int = 0, device_type: int = 0) -> bytes:
    """One representation: its length, what all three parts begin with (capture time,
    device technology, vendor and type, one quality block), the part's own ``fields``, then
    ``data`` (the image as lossless JPEG 2000) after its length."""
    body = (_capture_time(captured_at) + struct.pack(">BHH", 0, vendor, device_type)
            + _quality_blocks((quality,)) + fields + struct.pack(">I", len(data)) + data)
    return struct.pack(">I", 4 + len(body)) + body


def _pose_byte(angle: float | None) -> int:
    """19794-5 pose angle: 0 unspecified, else (angle + 180) / 2 + 1 in 1-181."""
    return 0 if angle is None else round((max(-180.0, min(180.0, angle)) + 180) / 2) + 1


class _Reader:
    """Big-endian fields off a buffer; any read past its end is a RecordError."""

    def __init__(self, data: bytes, what: str) -> None:
        self.data, self.at, self.what = data, 0, what

    def take(self, count: int) -> bytes:
        if self.at + count > len(self.data):
            raise RecordError(f"{self.what}: record ends at byte {len(self.data)}, "
                              f"a field needs {self.at + count}")
        chunk = self.data[self.at:self.at + count]
        self.at += count
        return chunk

    def fields(self, layout: str) -> tuple[int, ...]:
        return struct.unpack(">" + layout, self.take(struct.calcsize(">" + layout)))

    def one(self, layout: str) -> int:
        return int(self.fields(layout)[0])

    def capture_time(self) -> datetime:
        year, month, day, hour, minute, second, milli = self.fields("HBBBBBH")
        try:
            return datetime(year, month, day, hour, minute, second, milli * 1000)
        except ValueError as error:
            raise RecordError(f"{self.what}: capture time is not a date ({error})") from error

    def qualities(self) -> tuple[Quality, ...]:
        return tuple(Quality(*self.fields("BHH")) for _ in range(self.one("B")))


def _general_header(reader: _Reader, format_id: bytes, version: bytes) -> None:
    found = reader.take(4)
    if found != format_id:
        raise RecordError(f"{reader.what}: format {found!r}, expected {format_id!r}")
    found = reader.take(4)
    if found != version:
        raise RecordError(f"{reader.what}: version {found!r}, expected {version!r}")
    length = reader.one("I")
    if length != len(reader.data):
        raise RecordError(f"{reader.what}: header says {length} bytes, record has "
                          f"{len(reader.data)}")


def _representation(reader: _Reader) -> tuple[_Reader, int]:
    """The next representation as its own reader (its length checked) and where it ends."""
    start = reader.at
    length = reader.one("I")
    if length < 4 or start + length > len(reader.data):
        raise RecordError(f"{reader.what}: representation at byte {start} claims {length} "
                          "bytes, past the record's end")
    part = _Reader(reader.data[start:start + length], reader.what)
    part.at = 4
    return part, start + length


def _each_representation(reader: _Reader, count: int
                         ) -> Iterator[tuple[_Reader, datetime, tuple[Quality, ...]]]:
    """Each representation's reader past the fields all three parts share (length, capture
    time, device technology, vendor and type, quality blocks), with the time and qualities;
    then checks nothing follows the last one."""
    for _ in range(count):
        part, reader.at = _representation(reader)
        captured = part.capture_time()
        part.fields("BHH")
        yield part, captured, part.qualities()
    _expect_end(reader)


def _image(part: _Reader) -> bytes:
    length = part.one("I")
    data = part.take(length)
    if part.at != len(part.data):
        raise RecordError(f"{part.what}: {len(part.data) - part.at} stray bytes after the image")
    return data


# -- finger (ISO/IEC 19794-4:2011) -------------------------------------------------------------
def finger_record(images: list[FingerImage], *, vendor: int = 0, device_type: int = 0) -> bytes:
    representations = []
    for number, item in enumerate(images, start=1):
        if item.image.ndim != 2:
            raise ValueError("finger images are 8-bit grey")
        height, width = item.image.shape
        representations.append(_representation_bytes(
            item.captured_at, item.quality, item.jp2,
            struct.pack(">BBB", item.position, number, SCALE_PPI)
            + struct.pack(">HHHH", item.ppi, item.ppi, item.ppi, item.ppi)
            + struct.pack(">BBB", 8, FINGER_JPEG2000_LOSSLESS, IMPRESSION_PLAIN_LIVE_SCAN)
            + struct.pack(">HH", width, height), vendor=vendor, device_type=device_type))
    positions = len({item.position for item in images})
    return _with_header(FINGER_FORMAT, FINGER_VERSION, representations,
                        struct.pack(">HBB", len(images), 0, positions))


@dataclass(frozen=True)
class ReadFinger:
    position: int
    width: int
    height: int
    ppi: int
    quality: tuple[Quality, ...]
    captured_at: datetime
    jp2: bytes


def read_finger_record(data: bytes) -> list[ReadFinger]:
    reader = _Reader(data, "ISO 19794-4")
    _general_header(reader, FINGER_FORMAT, FINGER_VERSION)
    count, certified, _positions = reader.fields("HBB")
    found = []
    for part, captured, qualities in _each_representation(reader, count):
        if certified:
            part.take(3 * part.one("B"))  # certification blocks, 3 bytes each
        position, _number, _scale = part.fields("BBB")
        _capture_h, _capture_v, ppi, _ppi_v = part.fields("HHHH")
        _depth, compression, _impression = part.fields("BBB")
        width, height = part.fields("HH")
        if compression != FINGER_JPEG2000_LOSSLESS:
            raise RecordError(f"ISO 19794-4: compression {compression}, expected lossless "
                              "JPEG 2000 (5)")
        found.append(ReadFinger(position, width, height, ppi, qualities, captured, _image(part)))
    return found


# -- face (ISO/IEC 19794-5:2011) ---------------------------------------------------------------
def face_record(images: list[FaceImage]) -> bytes:
    representations = []
    for item in images:
        height, width = item.image.shape[:2]
        yaw, pitch, roll = item.pose_deg if item.pose_deg else (None, None, None)
        colour = FACE_COLOUR_RGB24 if item.image.ndim == 3 else FACE_COLOUR_GREY8
        representations.append(_representation_bytes(
            item.captured_at, item.quality, item.jp2,
            struct.pack(">HBBBB", 0, 0, 0, 0, 0)  # no landmarks; sex, eyes, hair, height
            + b"\x00\x00\x00" + struct.pack(">H", 0)  # features, expression: unspecified
            + bytes((_pose_byte(yaw), _pose_byte(pitch), _pose_byte(roll), 0, 0, 0))
            + struct.pack(">BBHHBHBB", FACE_FULL_FRONTAL, FACE_JPEG2000_LOSSLESS, width,
                          height, 0, 0, 0, colour)))
    return _with_header(FACE_FORMAT, FACE_VERSION, representations,
                        struct.pack(">HBH", len(images), 0, 0))


@dataclass(frozen=True)
class ReadFace:
    width: int
    height: int
    colour_space: int
    pose_bytes: tuple[int, int, int]
    quality: tuple[Quality, ...]
    captured_at: datetime
    jp2: bytes


def read_face_record(data: bytes) -> list[ReadFace]:
    reader = _Reader(data, "ISO 19794-5")
    _general_header(reader, FACE_FORMAT, FACE_VERSION)
    count, _certified, _temporal = reader.fields("HBH")
    found = []
    for part, captured, qualities in _each_representation(reader, count):
        landmarks = part.one("H")
        part.take(4 + 3 + 2)
        yaw, pitch, roll = part.fields("BBB")
        part.take(3 + 8 * landmarks)
        _kind, data_type, width, height, _level, _processing, _cross, colour = part.fields(
            "BBHHBHBB")
        if data_type != FACE_JPEG2000_LOSSLESS:
            raise RecordError(f"ISO 19794-5: image data type {data_type}, expected lossless "
                              "JPEG 2000 (2)")
        found.append(ReadFace(width, height, colour, (yaw, pitch, roll), qualities, captured,
                              _image(part)))
    return found


# -- iris (ISO/IEC 19794-6:2011) ---------------------------------------------------------------
def iris_record(images: list[IrisImage]) -> bytes:
    representations = []
    for number, item in enumerate(images, start=1):
        if item.image.ndim != 2:
            raise ValueError("iris images are 8-bit grey (near infrared)")
        height, width = item.image.shape
        cx, cy = item.centre if item.centre else (0, 0)
        diameter = item.diameter or 0
        representations.append(_representation_bytes(
            item.captured_at, item.quality, item.jp2,
            struct.pack(">HBBBB", number, EYE_LABELS.get(item.eye, 0),
                        IRIS_IMAGE_UNCROPPED, IRIS_JPEG2000, 0)
            + struct.pack(">HHB", width, height, 8)
            + struct.pack(">HHH", 0, 0xFFFF, 0xFFFF)  # camera range, roll: unknown
            + struct.pack(">HHHHHH", cx, cx, cy, cy, diameter, diameter)))
    eyes = len({item.eye for item in images})
    return _with_header(IRIS_FORMAT, IRIS_VERSION, representations,
                        struct.pack(">HBB", len(images), 0, eyes))


@dataclass(frozen=True)
class ReadIris:
    eye: str
    width: int
    height: int
    centre: tuple[int, int]
    diameter: int
    quality: tuple[Quality, ...]
    captured_at: datetime
    jp2: bytes


def read_iris_record(data: bytes) -> list[ReadIris]:
    reader = _Reader(data, "ISO 19794-6")
    _general_header(reader, IRIS_FORMAT, IRIS_VERSION)
    count, _certified, _eyes = reader.fields("HBB")
    labels = {code: eye for eye, code in EYE_LABELS.items()}
    found = []
    for part, captured, qualities in _each_representation(reader, count):
        _number, label, _kind, image_format, _properties = part.fields("HBBBB")
        width, height, _depth = part.fields("HHB")
        part.fields("HHH")
        cx, _cx_max, cy, _cy_max, diameter, _d_max = part.fields("HHHHHH")
        if image_format != IRIS_JPEG2000:
            raise RecordError(f"ISO 19794-6: image format {image_format}, expected JPEG 2000")
        found.append(ReadIris(labels.get(label, "undefined"), width, height, (cx, cy), diameter,
                              qualities, captured, _image(part)))
    return found


def _with_header(format_id: bytes, version: bytes, representations: list[bytes],
                 rest: bytes) -> bytes:
    body = b"".join(representations)
    length = len(format_id) + len(version) + 4 + len(rest) + len(body)
    return format_id + version + struct.pack(">I", length) + rest + body


def _expect_end(reader: _Reader) -> None:
    if reader.at != len(reader.data):
        raise RecordError(f"{reader.what}: {len(reader.data) - reader.at} bytes after the last "
                          "representation")
