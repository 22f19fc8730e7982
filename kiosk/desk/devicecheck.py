"""Check one device from the command line: what is attached, and one capture with its quality."""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

from kiosk.biometrics.encoding import encode_png
from kiosk.biometrics.quality import judge_face, judge_iris, judge_slap
from kiosk.desk.profile import DeviceSet
from kiosk.devices.base import DeviceUnsupported, Finger, Slap
from kiosk.devices.manager import AbsentDevice


def describe(devices: DeviceSet) -> list[dict[str, Any]]:
    """One object per device found: kind, backend, vendor, model, serial, status, simulated,
    and whether the desk uses it now."""
    in_use = {id(device) for device in devices.all()}
    problems = devices.manager.problems()
    rows = []
    for device in devices.candidates():
        info = device.info()
        row = {"kind": info.kind.value, "backend": info.backend, "vendor": info.vendor,
               "model": info.model, "serial": info.serial, "status": device.status().value,
               "simulated": info.simulated, "in_use": id(device) in in_use}
        problem = problems.get((info.kind, info.backend))
        if isinstance(device, AbsentDevice) and problem:
            row["problem"] = problem  # why the backend found nothing (technical, no PII)
        rows.append(row)
    return rows


def capture_once(devices: DeviceSet, kind: str, out: Path, timeout_s: float) -> dict[str, Any]:
    """Capture once with the device of ``kind``; write the images and return their quality."""
    cancel = threading.Event()
    images: list[tuple[str, Any, Any]] = []
    if kind == "face":
        face = devices.face.capture_face(timeout_s=timeout_s, cancel=cancel)
        images.append(("face.png", face.image, judge_face(face.image)))
        info = face.device
    elif kind == "fingerprint":
        try:
            slap = devices.fingerprint.capture_slap(Slap.LEFT_FOUR, timeout_s=timeout_s,
                                                    cancel=cancel)
        except DeviceUnsupported:  # a single-finger reader: one finger instead
            finger = devices.fingerprint.capture_finger(Finger.RIGHT_INDEX, timeout_s=timeout_s,
                                                        cancel=cancel)
            images.append(("right_index.png", finger.image, judge_slap(finger.image, 1)))
            info = finger.device
        else:
            images.append(("left_four.png", slap.image, judge_slap(slap.image, 4, hand="left")))
            info = slap.device
    else:
        irises = devices.iris.capture_irises(timeout_s=timeout_s, cancel=cancel)
        images += [(f"iris_{eye.value}.png", image, judge_iris(image, eye=eye.value))
                   for eye, image in sorted(irises.images.items())]
        info = irises.device
    out.mkdir(parents=True, exist_ok=True)
    captures = []
    for name, image, report in images:
        (out / name).write_bytes(encode_png(image))
        captures.append({"file": name, "quality": report.score, "acceptable": report.acceptable,
                         "problems": list(report.problems)})
    return {"kind": kind, "backend": info.backend, "model": info.model, "serial": info.serial,
            "captures": captures}
