"""What the clerk asked for. Pages emit these; the shell turns them into desk calls."""

from __future__ import annotations

from dataclasses import dataclass

from kiosk.devices.base import ColourImage, Slap
from kiosk.registry.base import LookupQuery
from kiosk.workflow.delivery import DeliveryMethod
from kiosk.workflow.people import Citizen
from kiosk.workflow.procedures import Reason
from kiosk.workflow.representation import Relationship


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
class FindRepresentative:
    """Look the legal representative up in CSDLQG by the 12-digit number typed."""

    id_number: str


@dataclass(frozen=True)
class RecordRepresentative:
    """Record the representative found, with the relationship chosen and the evidence typed
    (empty when the registry proves the link)."""

    person: Citizen
    relationship: Relationship
    evidence: str


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
class DeliveryChoice:
    """How the citizen wants the card, as typed: the desk checks it before CC01 prints it."""

    method: DeliveryMethod = DeliveryMethod.COUNTER
    address: str = ""
    phone: str = ""


@dataclass(frozen=True)
class PrintReceipt:
    delivery: DeliveryChoice = DeliveryChoice()


@dataclass(frozen=True)
class PreviewReceipt:
    delivery: DeliveryChoice = DeliveryChoice()


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
    Lookup | Resume | Decide | FindRepresentative | RecordRepresentative | CaptureFace
    | AcceptFaceFrame | CaptureSlap | CaptureIrises
    | FinishCapture | PreviewReceipt | PrintReceipt | ConfirmSigned | SettleFee | IssueSlip
    | CloseCase
)
