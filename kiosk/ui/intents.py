"""What the clerk asked for. Pages emit these; the shell turns them into desk calls."""

from __future__ import annotations

from dataclasses import dataclass, field

from kiosk.biometrics.face import FaceAnalysis
from kiosk.desk.casefile import Position
from kiosk.devices.base import ColourImage, Finger, Slap
from kiosk.registry.base import LookupQuery
from kiosk.registry.cardqr import CardQr
from kiosk.workflow.capacity import CapacityClaim
from kiosk.workflow.delivery import DeliveryMethod
from kiosk.workflow.fee_claims import ExemptionClaim, PaymentMethod
from kiosk.workflow.people import Citizen
from kiosk.workflow.procedures import Reason
from kiosk.workflow.representation import Relationship


@dataclass(frozen=True)
class Lookup:
    """Find the citizen; ``card`` is what the QR code scanned from their card says (the query
    is then its ID number), kept in memory with the case, never saved."""

    query: LookupQuery
    card: CardQr | None = field(default=None, repr=False)


@dataclass(frozen=True)
class ChooseCitizen:
    """Open the case of the person the clerk chose among several a name search found."""

    person: Citizen = field(repr=False)


@dataclass(frozen=True)
class Resume:
    code: str


@dataclass(frozen=True)
class _ProcedureChoice:
    """The procedure page as the clerk filled it: the ``reason`` chosen; ``adjust``: the
    CSDLQG fields (codes of resources/law/adjustment.toml) that differ from the citizen's
    papers, recorded first with the ``documents`` shown; empty when the record agrees (a
    recorded one is withdrawn). ``capacity``: the declaration that the citizen lost capacity
    (or has difficulty in cognition or self-control) with the court decision, recorded first
    too; None when not declared (a recorded one is withdrawn)."""

    reason: Reason
    adjust: tuple[str, ...] = ()
    documents: str = field(default="", repr=False)
    capacity: CapacityClaim | None = field(default=None, repr=False)


@dataclass(frozen=True)
class Decide(_ProcedureChoice):
    """Decide the procedure for the reason, the adjustment recorded first."""


@dataclass(frozen=True)
class PrintRequestForm(_ProcedureChoice):
    """Print DC02 for the citizen to sign, requesting what the rules give for the reason,
    with the CSDLQG adjustment as ticked (recorded first, as Decide does)."""


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
    """The live preview took the face by itself (a steady run of good frames); ``analysis``
    is the guide's analysis of the frame, so the desk need not look for the face again."""

    image: ColourImage
    analysis: FaceAnalysis | None = None


@dataclass(frozen=True)
class CaptureSlap:
    slap: Slap


@dataclass(frozen=True)
class CaptureFinger:
    """One finger on a single-finger reader."""

    finger: Finger


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
class _ReceiptRequest:
    """CC01 with the delivery on screen (checked by the desk first)."""

    delivery: DeliveryChoice = DeliveryChoice()


@dataclass(frozen=True)
class PrintReceipt(_ReceiptRequest):
    """Print CC01 for the citizen to sign; a new delivery is recorded first."""


@dataclass(frozen=True)
class PreviewReceipt(_ReceiptRequest):
    """CC01 as it would print, shown on screen: nothing is printed or recorded."""


@dataclass(frozen=True)
class ConfirmSigned:
    pass


@dataclass(frozen=True)
class SettleFee:
    """Settle the fee and print the receipt: how it was paid (a transfer with the reference
    typed), or the exemption claimed with the document typed (then no money is taken)."""

    method: PaymentMethod = PaymentMethod.CASH
    reference: str = ""
    claim: ExemptionClaim | None = field(default=None, repr=False)


@dataclass(frozen=True)
class IssueSlip:
    pass


@dataclass(frozen=True)
class CloseCase:
    pass


@dataclass(frozen=True)
class Refuse:
    """Refuse in writing (CC03) what the citizen asked for, where the rules refuse it; needs
    REFUSE_APPLICATION or a supervisor's approval."""

    reason: Reason


@dataclass(frozen=True)
class DeclareMissingFingers:
    """Fingers the citizen cannot give, each with its reason (a key of MISSING_REASONS), or
    None to withdraw the declaration; needs MARK_BIOMETRIC_EXCEPTION or a supervisor's
    approval."""

    changes: tuple[tuple[Finger, str | None], ...]


@dataclass(frozen=True)
class AcceptLowQuality:
    """Keep the best attempt at ``position`` below the quality threshold; needs
    ACCEPT_LOW_QUALITY or a supervisor's approval."""

    position: Position


Intent = (
    Lookup | Resume | Decide | FindRepresentative | RecordRepresentative | CaptureFace
    | AcceptFaceFrame | CaptureSlap | CaptureFinger | CaptureIrises
    | FinishCapture | PreviewReceipt | PrintReceipt | ConfirmSigned | SettleFee | IssueSlip
    | CloseCase
    | ChooseCitizen
    | Refuse | DeclareMissingFingers | AcceptLowQuality
    | PrintRequestForm
)
