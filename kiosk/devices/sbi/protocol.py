"""What an SBI answer must be before the kiosk uses it: each capture's ``data`` signed by a
trusted device key, for our transaction, fresh, with a quality score, a hash chain that holds,
and an ISO record that decodes. Anything else is a typed error — never a silent pass."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

import cv2
import numpy as np
import numpy.typing as npt

from kiosk.devices.base import (
    CorruptPayload,
    DeviceBusy,
    DeviceError,
    DeviceNotConnected,
    DeviceNotReady,
    DeviceTimeout,
    DeviceUnsupported,
    NothingDetected,
    StaleResponse,
    UntrustedDevice,
)
from kiosk.devices.sbi.jws import JwsError, TrustStore, b64url_decode

ALLOWED_LAG = timedelta(minutes=5)  # MOSIP's mosip.registration.mds.allowed.lag.mins
ISO_FORMATS = {"Finger": b"FIR\x00", "Face": b"FAC\x00", "Iris": b"IIR\x00"}
JP2_SIGNATURE = b"\x00\x00\x00\x0cjP  \r\n\x87\n"
J2K_CODESTREAM = b"\xff\x4f\xff\x51"

# SBI 0.9.5 error codes (and MockMDS's capture-state codes) to the kiosk's typed errors.
ERROR_CODES: dict[str, type[DeviceError]] = {
    "100": DeviceNotReady, "101": NothingDetected, "103": UntrustedDevice,
    "106": DeviceNotConnected, "107": UntrustedDevice, "109": DeviceUnsupported,
    "110": DeviceNotReady, "111": DeviceBusy, "202": DeviceNotConnected,
    "701": DeviceTimeout, "703": DeviceBusy,
}


@dataclass(frozen=True)
class CapturedItem:
    bio_sub_type: str
    image: npt.NDArray[np.uint8]
    quality: float
    # Where a slap's finger lay on the platen, when the device says (SBI 1.0 additionalInfo
    # platenX/platenY; unsigned, so it only ever places an image, never changes one).
    corner: tuple[int, int] | None = None


def raise_for_error(answer: Any, verb: str) -> None:
    error = answer.get("error") if isinstance(answer, dict) else None
    if not isinstance(error, dict):
        return
    code = str(error.get("errorCode", "0"))
    if code in ("0", ""):
        return
    raise ERROR_CODES.get(code, DeviceError)(detail=f"{verb}: SBI error {code}")


def verify_capture(answer: Any, *, trust: TrustStore, transaction_id: str, spec_version: str,
                   bio_type: str, now: datetime | None = None) -> list[CapturedItem]:
    if not isinstance(answer, dict):
        raise CorruptPayload(detail="RCAPTURE answer is not an object")
    raise_for_error(answer, "RCAPTURE")
    elements = answer.get("biometrics")
    if not isinstance(elements, list) or not elements:
        raise NothingDetected(detail="RCAPTURE returned no biometrics")
    moment = now or datetime.now(UTC)
    previous = hashlib.sha256(b"").hexdigest().upper()
    items = []
    for element in elements:
        if not isinstance(element, dict):
            raise CorruptPayload(detail="biometrics element is not an object")
        raise_for_error(element, "RCAPTURE")
        payload = _verified_payload(element.get("data"), trust)
        if payload.get("transactionId") != transaction_id:
            raise UntrustedDevice(detail="transactionId differs from the request")
        if str(element.get("specVersion", spec_version)) != spec_version:
            raise UntrustedDevice(detail="specVersion differs from the request")
        _check_time(payload.get("timestamp"), moment)
        quality = _quality(payload.get("qualityScore"))
        if payload.get("bioType") != bio_type:
            raise CorruptPayload(detail=f"bioType {payload.get('bioType')!r}, asked {bio_type}")
        iso = _bytes(payload.get("bioValue"))
        previous = hashlib.sha256(
            (previous + hashlib.sha256(iso).hexdigest().upper()).encode()).hexdigest().upper()
        if element.get("hash") not in (None, "", previous):
            raise UntrustedDevice(detail="hash chain broken")
        items.append(CapturedItem(str(payload.get("bioSubType") or ""),
                                  image_of_record(iso, bio_type), quality,
                                  _corner(element.get("additionalInfo"))))
    return items


def _corner(info: Any) -> tuple[int, int] | None:
    try:
        x, y = int(info["platenX"]), int(info["platenY"])
    except (TypeError, KeyError, ValueError):
        return None
    return (x, y) if x >= 0 and y >= 0 else None


def verified_info(element: Any, trust: TrustStore) -> dict[str, Any]:
    """The signed ``deviceInfo`` of one device, with its signed ``digitalId`` decoded."""
    if not isinstance(element, dict):
        raise CorruptPayload(detail="deviceInfo element is not an object")
    raise_for_error(element, "MOSIPDINFO")
    info = _verified_payload(element.get("deviceInfo"), trust)
    info["digitalId"] = _verified_payload(info.get("digitalId"), trust)
    return info


def _verified_payload(token: Any, trust: TrustStore) -> dict[str, Any]:
    if not isinstance(token, str):
        raise UntrustedDevice(detail="unsigned data")
    try:
        payload = json.loads(trust.verify(token))
    except JwsError as error:
        raise UntrustedDevice(detail=str(error)) from error
    except ValueError as error:
        raise CorruptPayload(detail="signed payload is not JSON") from error
    if not isinstance(payload, dict):
        raise CorruptPayload(detail="signed payload is not an object")
    return payload


def _check_time(stamp: Any, now: datetime) -> None:
    try:
        moment = datetime.fromisoformat(str(stamp).replace("Z", "+00:00"))
    except ValueError as error:
        raise StaleResponse(detail="timestamp unreadable") from error
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    if abs(now - moment) > ALLOWED_LAG:
        raise StaleResponse(detail="timestamp outside the allowed lag")


def _quality(score: Any) -> float:
    try:
        value = float(score)
    except (TypeError, ValueError) as error:
        raise CorruptPayload(detail="qualityScore missing") from error
    if not 0 <= value <= 100:
        raise CorruptPayload(detail="qualityScore outside 0-100")
    return value


def _bytes(value: Any) -> bytes:
    if not isinstance(value, str) or not value:
        raise CorruptPayload(detail="bioValue missing")
    try:
        return b64url_decode(value)
    except JwsError as error:
        raise CorruptPayload(detail="bioValue is not base64url") from error


def image_of_record(iso: bytes, bio_type: str) -> npt.NDArray[np.uint8]:
    """The image inside an ISO 19794-4/-5/-6 record (JPEG 2000, or PNG/JPEG some vendors use)."""
    if not iso.startswith(ISO_FORMATS[bio_type]):
        raise CorruptPayload(detail=f"not an ISO {bio_type} record")
    start = -1
    for marker in (JP2_SIGNATURE, J2K_CODESTREAM, b"\x89PNG", b"\xff\xd8\xff"):
        start = iso.find(marker)
        if start >= 0:
            break
    if start < 0:
        raise CorruptPayload(detail="no image inside the record")
    flags = cv2.IMREAD_GRAYSCALE if bio_type != "Face" else cv2.IMREAD_COLOR
    image = cv2.imdecode(np.frombuffer(iso[start:], np.uint8), flags)
    if image is None or image.size == 0:
        raise CorruptPayload(detail="image does not decode")
    return np.ascontiguousarray(image, dtype=np.uint8)
