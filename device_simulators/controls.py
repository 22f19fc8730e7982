"""The trainer's handle on the simulators of one desk: faults by device kind and name, the
cable, the paper tray. Scenario cues and the trainer panel's live faults both go through it;
the desk layers see it as a plain object (kiosk/desk/trainer.py Simulators)."""

from __future__ import annotations

from collections.abc import Mapping

from device_simulators.behaviour import Fault, SimulatorControl
from device_simulators.printer import PrinterControl

_DEVICE = (Fault.DISCONNECTED, Fault.UNPLUGGED_MID_CAPTURE, Fault.BUSY, Fault.NOT_READY,
           Fault.TIMEOUT, Fault.CORRUPTED_PAYLOAD, Fault.BAD_SIGNATURE, Fault.STALE_TIMESTAMP)
# What each kind of simulated device can be made to do (content faults show in the image).
FAULTS_BY_KIND: dict[str, tuple[Fault, ...]] = {
    "face": (*_DEVICE, Fault.LOW_QUALITY, Fault.NO_FACE, Fault.TWO_FACES, Fault.EYES_CLOSED),
    "fingerprint": (*_DEVICE, Fault.FINGER_LIFTED, Fault.LOW_QUALITY, Fault.WRONG_HAND,
                    Fault.MISSING_FINGER),
    "iris": (*_DEVICE, Fault.LOW_QUALITY, Fault.EYES_CLOSED),
    "printer": (Fault.DISCONNECTED, Fault.BUSY, Fault.NOT_READY, Fault.TIMEOUT,
                Fault.OUT_OF_PAPER),
}


def fault_names() -> dict[str, frozenset[str]]:
    """Kind -> the fault names it plays: what a scenario file may cue."""
    return {kind: frozenset(f.value for f in faults) for kind, faults in FAULTS_BY_KIND.items()}


class SimulatorHandles:
    """The controls of the simulated devices this desk was built with, by kind."""

    def __init__(self, controls: Mapping[str, SimulatorControl]) -> None:
        self._controls = dict(controls)

    def kinds(self) -> tuple[str, ...]:
        return tuple(kind for kind in FAULTS_BY_KIND if kind in self._controls)

    def faults(self, kind: str) -> tuple[tuple[str, str], ...]:
        """(name, Vietnamese label) of each fault ``kind`` plays, for the trainer's menu."""
        return tuple((f.value, f.label) for f in FAULTS_BY_KIND.get(kind, ()))

    def _control(self, kind: str) -> SimulatorControl:
        if kind not in self._controls:
            raise ValueError(f"Thiết bị «{kind}» của bàn này không phải thiết bị mô phỏng: "
                             "không tạo lỗi được.")
        return self._controls[kind]

    def inject(self, kind: str, fault: str) -> None:
        """Queue ``fault`` for the next capture (or print) of ``kind``."""
        allowed = {f.value: f for f in FAULTS_BY_KIND.get(kind, ())}
        if fault not in allowed:
            raise ValueError(f"Lỗi «{fault}» không áp dụng cho thiết bị «{kind}»; chọn một "
                             f"trong: {', '.join(sorted(allowed))}.")
        self._control(kind).inject(allowed[fault])

    def pending(self, kind: str) -> list[str]:
        return [f.value for f in self._control(kind).pending_faults()]

    def connected(self, kind: str) -> bool:
        return self._control(kind).connected

    def reconnect(self, kind: str) -> None:
        """The cable plugged back in."""
        self._control(kind).reconnect()

    def load_paper(self) -> None:
        control = self._control("printer")
        if isinstance(control, PrinterControl):
            control.load_paper()

    def has_paper(self) -> bool:
        control = self._controls.get("printer")
        return not isinstance(control, PrinterControl) or control.has_paper
