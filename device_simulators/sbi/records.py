"""Biometric records the way an SBI device sends them: an ISO/IEC 19794 record (-4 finger,
-5 face, -6 iris, 2011 editions) carrying a lossless JPEG 2000 image.

The headers here carry the fields a device fills (format, version, lengths, position,
resolution, size, compression); the kiosk's own complete record writer is in its biometrics
layer. The kiosk's SBI client only needs the format identifier and the image.
"""

from __future__ import annotations

import struct
from datetime import UTC, datetime

import numpy as np
import numpy.typing as npt

from kiosk.biometrics.iso19794 import encode_jp2

FORMATS = {"Finger": b"FIR\x00", "Face": b"FAC\x00", "Iris": b"IIR\x00"}
VERSION = b"020\x00"  # the 2011 editions
JPEG2000_LOSSLESS = 5  # ISO/IEC 19794-4:2011 compression algorithm code


def record(bio_type: str, image: npt.NDArray[np.uint8], *, position: int = 0,
           quality: int = 0, ppi: int = 500) -> bytes:
    """One representation in one record; ``position`` is the ISO finger position or eye."""
    data = encode_jp2(image)
    height, width = image.shape[:2]
    now = datetime.now(UTC)
    captured = struct.pack(">HBBBBBH", now.year, now.month, now.day, now.hour, now.minute,
                           now.second, now.microsecond // 1000)
    representation = (
        captured + struct.pack(">BHH", 0, 0, 0)  # technology, vendor, device type: unreported
        + struct.pack(">BBHHB", 1, quality, 0x0101, 0, 0)  # one quality block, no certificate
        + struct.pack(">BBB", position, 1, 1)  # position, representation number, scale: ppi
        + struct.pack(">HHHH", ppi, ppi, ppi, ppi)
        + struct.pack(">BBB", 8, JPEG2000_LOSSLESS, 0)  # bit depth, compression, impression
        + struct.pack(">HHI", width, height, len(data)) + data)
    body = struct.pack(">I", 4 + len(representation)) + representation
    header_length = 4 + 4 + 4 + 2 + 1 + 1
    return (FORMATS[bio_type] + VERSION + struct.pack(">IHBB", header_length + len(body), 1, 0, 1)
            + body)
