"""ISO/IEC 19794-4/-5/-6:2011 records: written, read back, every image decoding to the
captured pixels; damaged records are refused with a reason."""

from __future__ import annotations

import struct
from datetime import datetime

import numpy as np
import pytest

from device_simulators.synthetic.face import frame
from device_simulators.synthetic.fingerprint import slap
from device_simulators.synthetic.iris import eye
from kiosk.biometrics.iso19794 import (
    FaceImage,
    FingerImage,
    IrisImage,
    Quality,
    RecordError,
    decode_jp2,
    face_record,
    finger_record,
    iris_record,
    read_face_record,
    read_finger_record,
    read_iris_record,
)

AT = datetime(2026, 11, 25, 9, 30, 15, 250_000)


def slap_image(which: str) -> np.ndarray:
    return slap("iso", which, 1, False)[0]


def test_finger_record_round_trip() -> None:
    slaps = [FingerImage(14, slap_image("left_four"), AT, Quality(57, 0x0101, 0x21)),
             FingerImage(15, slap_image("thumbs"), AT, Quality(61, 0x0101, 0x21))]
    record = finger_record(slaps)
    assert record[:8] == b"FIR\x00020\x00"
    assert struct.unpack(">I", record[8:12])[0] == len(record)
    found = read_finger_record(record)
    assert [f.position for f in found] == [14, 15]
    for written, read in zip(slaps, found, strict=True):
        assert np.array_equal(decode_jp2(read.jp2), written.image)
        assert (read.height, read.width) == written.image.shape
        assert read.ppi == 500 and read.captured_at == AT
        assert read.quality == (written.quality,)


def test_face_record_round_trip_keeps_colour_and_pose() -> None:
    image = frame("iso", 1, False)
    record = face_record([FaceImage(image, AT, Quality(83), (-4.0, 2.0, 0.0))])
    assert record[:8] == b"FAC\x00030\x00"
    (read,) = read_face_record(record)
    assert np.array_equal(decode_jp2(read.jp2), image)
    assert (read.width, read.height, read.colour_space) == (640, 480, 1)
    assert read.pose_bytes == (89, 92, 91)  # (angle + 180) / 2 + 1


def test_iris_record_round_trip_tells_the_eyes_apart() -> None:
    images = [IrisImage(side, eye("iso", side, 1, False), AT, Quality(70), (320, 240), 226)
              for side in ("right", "left")]
    found = read_iris_record(iris_record(images))
    assert [f.eye for f in found] == ["right", "left"]
    for written, read in zip(images, found, strict=True):
        assert np.array_equal(decode_jp2(read.jp2), written.image)
        assert read.centre == (320, 240) and read.diameter == 226


@pytest.mark.parametrize("damage", ["truncated", "longer", "format", "representation"])
def test_damaged_records_are_refused(damage: str) -> None:
    record = bytearray(finger_record([FingerImage(1, slap_image("thumbs")[:400, :400],
                                                  AT, Quality(50))]))
    if damage == "truncated":
        record = record[:-10]
    elif damage == "longer":
        record += b"\x00"
    elif damage == "format":
        record[:4] = b"FAC\x00"
    else:
        record[16:20] = struct.pack(">I", len(record) * 2)
    with pytest.raises(RecordError):
        read_finger_record(bytes(record))
