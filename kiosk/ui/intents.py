"""What the clerk asked for. Pages emit these; the shell turns them into desk calls."""

from __future__ import annotations

from dataclasses import dataclass

from kiosk.devices.base import ColourImage, Slap
from kiosk.registry.base import LookupQuery
from kiosk.workflow.procedures import Reason


@dataclass(frozen=True)
class Lookup:
    query: LookupQuery


@dataclass(frozen=True)
class Resume:
    code: str


@dataclass(frozen=True)
class Decide:
    reason: Reason


@dataclass(frozen=True)
class CaptureFace:
    pass


@dataclass(frozen=True, eq=False)
class AcceptFaceFrame:
    """The live preview took the face by itself (a steady run of good frames)."""

    image: ColourImage


@dataclass(frozen=True)
class CaptureSlap:
    slap: Slap


@dataclass(frozen=True)
class CaptureIrises:
    pass


@dataclass(frozen=True)
class FinishCapture:
    pass


@dataclass(frozen=True)
class PrintReceipt:
    pass


@dataclass(frozen=True)
class PreviewReceipt:
    pass


@dataclass(frozen=True)
class ConfirmSigned:
    pass


@dataclass(frozen=True)
class SettleFee:
    pass


@dataclass(frozen=True)
class IssueSlip:
    pass


@dataclass(frozen=True)
class CloseCase:
    pass


Intent = (
    Lookup | Resume | Decide | CaptureFace | AcceptFaceFrame | CaptureSlap | CaptureIrises
    | FinishCapture | PreviewReceipt | PrintReceipt | ConfirmSigned | SettleFee | IssueSlip
    | CloseCase
)
