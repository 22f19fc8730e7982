"""The wizard shell: owns Back/Next, the busy state and error display; pages stay thin."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Protocol, TypeVar

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QHideEvent, QImage, QShowEvent
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from kiosk.desk.casefile import CaseFile, Position
from kiosk.desk.desk import CounterDesk, cache_synced_at
from kiosk.devices.base import DeviceError, Finger
from kiosk.registry.base import RegistryError
from kiosk.ui import intents as i
from kiosk.ui import shortcuts as keys
from kiosk.ui.approval import ApprovalDialog
from kiosk.ui.i18n import t
from kiosk.ui.pages.base import Page
from kiosk.ui.pages.capture import CapturePage
from kiosk.ui.pages.lookup import LookupPage
from kiosk.ui.pages.paperwork import DonePage, FeePage, ReceiptPage, SlipPage
from kiosk.ui.pages.procedure import ProcedurePage
from kiosk.ui.pages.representative import RepresentativePage
from kiosk.ui.preview import LivePreview
from kiosk.ui.printpreview import PREVIEW_DPI, PrintPreview
from kiosk.ui.qtprint import pdf_pages
from kiosk.ui.worker import Worker
from kiosk.workflow.case import Event, Step, allows
from kiosk.workflow.errors import RuleViolation
from kiosk.workflow.fee_claims import ExemptionClaim, PaymentMethod
from kiosk.workflow.people import Citizen
from kiosk.workflow.permissions import Authorization, Permission
from kiosk.workflow.procedures import Reason

# (permission, approver credentials or None, case code) -> raises when not allowed
Authorize = Callable[[Permission, tuple[str, str] | None, str | None], Authorization]
T = TypeVar("T")

log = logging.getLogger(__name__)

UNEXPECTED = t("Lỗi không mong đợi. Dữ liệu đã lưu không bị mất; thử lại, nếu vẫn lỗi hãy báo "
               "quản trị viên.")


def clerk_message(error: BaseException) -> str:
    """The Vietnamese text for the clerk; anything unexpected is logged by type only."""
    if isinstance(error, RuleViolation | DeviceError | RegistryError):
        return error.message
    message = getattr(error, "message", None)  # storage errors, a case moved elsewhere
    if isinstance(message, str):
        log.warning("desk action stopped: %s caused by %s", type(error),
                    type(error.__cause__))
        return message
    log.error("unexpected %s in a desk action", type(error).__name__)
    return UNEXPECTED



@dataclass(frozen=True)
class _Preview:
    """Pages rasterised on the worker thread, shown by the UI thread."""

    title: str
    pages: list[QImage]
    pixel_ratio: float  # the screen's device pixels per logical pixel, for a sharp page


@dataclass(frozen=True)
class _Representative:
    """The legal representative the lookup found, for the representative page."""

    person: Citizen


@dataclass(frozen=True)
class _Matches:
    """Several people share the name and birth date searched: the clerk chooses one."""

    people: tuple[Citizen, ...]
    cache_synced_at: str | None = None  # kiosk.desk.desk.cache_synced_at of the lookup


def _signed_out(permission: Permission, _approver: object, _case: object) -> Authorization:
    raise RuleViolation("permission.signed_out",
                        f"Chưa đăng nhập: đăng nhập để thực hiện ({permission.value}).")


class Coach(Protocol):
    """A trainer's lesson following the case (kiosk/ui/trainer_panel.py): told right before
    each capture or print (``cue``: face, left_four, right_four, thumbs, iris, or the form
    code), where the scenario's faults fire, and of every error the trainee was shown."""

    def before(self, case: CaseFile, cue: str) -> None: ...

    def shown(self, case: CaseFile, error: BaseException, cue: str) -> None: ...


# What an intent captures or prints, as scenario files name it (kiosk/desk/scenario.py cues).
CUES: dict[type, str] = {
    i.CaptureFace: "face", i.AcceptFaceFrame: "face", i.CaptureIrises: "iris",
    i.PrintRequestForm: "DC02", i.PrintReceipt: "CC01", i.SettleFee: "BL", i.IssueSlip: "CC02",
    i.Refuse: "CC03",
}


def cue_of(intent: i.Intent) -> str | None:
    """The capture position or the form an intent is about to take or print."""
    if isinstance(intent, i.CaptureSlap):
        return str(intent.slap.value)
    return CUES.get(type(intent))


class WizardShell(QWidget):
    """Shows the page of the case's step, runs intents on the worker, and shows errors.

    Signals:
        case_changed: the case being served changed (opened, moved, closed).
    """

    case_changed = Signal()

    def __init__(self, desk: CounterDesk) -> None:
        super().__init__()
        self.desk = desk
        self.case: CaseFile | None = None
        # Set by the window once someone signs in: whether their role holds a permission, and
        # the check that records who acted and who approved.
        self.holds: Callable[[Permission], bool] = lambda _permission: True
        self.authorize: Authorize = _signed_out
        self.ask_approval: Callable[[str], tuple[str, str] | None] = \
            lambda action: ApprovalDialog(action, self).credentials()
        self.worker = Worker(self)
        self.coach: Coach | None = None  # set by the trainer panel in trainer mode
        self._cue = ""  # what the running work captures or prints, for the coach
        self._matches: _Matches | None = None  # the last several people a lookup found
        self._cancel = threading.Event()
        self.lookup = LookupPage(self.page_name)
        self.procedure = ProcedurePage(desk.preview, desk.lawbook.procedures,
                                       desk.lawbook.adjustment, desk.propose,
                                       capacity=desk.lawbook.capacity,
                                       capacity_basis=desk.lawbook.ages.lost_capacity_basis,
                                       check_capacity=desk.check_capacity)
        self.representative = RepresentativePage(desk.lawbook.representation,
                                                 desk.lawbook.ages)
        self.capture = CapturePage(desk.low_quality)
        self.receipt = ReceiptPage(desk.lawbook.delivery)
        self.fee = FeePage(desk.fee_claims, desk.assess_claim)
        self.slip = SlipPage()
        self.done = DonePage()
        self.pages: list[Page] = [self.lookup, self.procedure, self.representative,
                                  self.capture, self.receipt, self.fee, self.slip, self.done]
        # A case decided stays at PROCEDURE_DECIDED only for its representative (Decide
        # moves on by itself otherwise): see current_page.
        self._page_for_step: dict[Step, Page] = {
            Step.INTAKE: self.lookup, Step.IDENTIFIED: self.procedure,
            Step.PROCEDURE_DECIDED: self.representative,
            Step.REPRESENTATIVE_CHECKED: self.capture,
            Step.BIOMETRICS_CAPTURED: self.receipt, Step.RECEIPT_SIGNED: self.fee,
            Step.FEE_SETTLED: self.slip, Step.SLIP_ISSUED: self.done,
        }
        self.preview = LivePreview(lambda: desk.devices.face, self, guide=desk.face_guide)
        self.preview_dialog: PrintPreview | None = None  # the last form preview shown
        self.preview.frame.connect(self.capture.show_preview)
        self.preview.ended.connect(self.capture.preview_ended)
        self.preview.guidance.connect(self.capture.show_guidance)
        self.preview.auto_captured.connect(self._auto_captured)
        self._build()
        for page in self.pages:
            page.changed.connect(self._update_buttons)
            page.intent.connect(self.perform)
        self._show_current()

    # -- layout -----------------------------------------------------------------------------
    def _build(self) -> None:
        self.steps = QListWidget()
        self.steps.setObjectName("stepList")
        self.steps.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.steps.setFixedWidth(250)
        self.steps.setWordWrap(True)
        self.steps.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        for number, page in enumerate(self.pages, start=1):
            self.steps.addItem(f"{number}. {page.step_label or page.title}")
        self.stack = QStackedWidget()
        self._scrolls: dict[Page, QScrollArea] = {}
        for page in self.pages:
            # A page taller than the window scrolls instead of growing the window past the
            # screen (a slap's advice and the supervisor's button, at 150 % scaling).
            scroll = QScrollArea()
            scroll.setWidget(page)
            scroll.setWidgetResizable(True)
            scroll.setFrameShape(QFrame.Shape.NoFrame)
            self._scrolls[page] = scroll
            self.stack.addWidget(scroll)
        self.error = QLabel()
        self.error.setObjectName("errorBanner")
        self.error.setWordWrap(True)
        self.error.hide()
        self.busy = QLabel(t("Đang xử lý…"))
        self.busy.setObjectName("busyLabel")
        self.busy.hide()
        self.cancel_button = QPushButton(t("Dừng"))
        self.cancel_button.setObjectName("cancelWork")
        self.cancel_button.hide()
        self.cancel_button.clicked.connect(self._cancel.set)
        self.abandon_button = QPushButton(t("Hủy hồ sơ"))
        self.abandon_button.setObjectName("cancelCase")
        self.abandon_button.clicked.connect(self._confirm_cancel_case)
        self.back_button = QPushButton(t("Quay lại"))
        self.back_button.setObjectName("back")
        self.back_button.clicked.connect(self._back)
        self.next_button = QPushButton()
        self.next_button.setObjectName("next")
        self.next_button.setDefault(True)
        self.next_button.clicked.connect(self._next)
        buttons = QHBoxLayout()
        for widget in (self.abandon_button, self.busy, self.cancel_button):
            buttons.addWidget(widget)
        buttons.addStretch(1)
        buttons.addWidget(self.back_button)
        buttons.addWidget(self.next_button)
        right = QVBoxLayout()
        right.addWidget(self.error)
        right.addWidget(self.stack, 1)
        right.addLayout(buttons)
        layout = QHBoxLayout(self)
        layout.addWidget(self.steps)
        layout.addLayout(right, 1)
        self._bind_keys()

    def _bind_keys(self) -> None:
        """The keyboard's way to the same buttons (kiosk/ui/shortcuts.py); a disabled button
        ignores its key as it ignores a click."""
        for shortcut, button in ((keys.NEXT, self.next_button), (keys.BACK, self.back_button),
                                 (keys.CANCEL_CASE, self.abandon_button),
                                 (keys.STOP, self.cancel_button)):
            keys.bind(self, shortcut, keys.click_of(button))
            keys.hint(button, shortcut)
        keys.bind(self, keys.LOOKUP, self._focus_lookup)

    def _focus_lookup(self) -> None:
        if self.current_page() is self.lookup and self.lookup.isEnabled():
            self.lookup.focus_number()

    # -- state ------------------------------------------------------------------------------
    def current_page(self) -> Page:
        case = self.case
        if case is None or case.step.is_final:
            return self.lookup
        if case.step is Step.PROCEDURE_DECIDED and not case.facts().representative_required:
            return self.procedure
        return self._page_for_step[case.step]

    def page_name(self, step: Step) -> str:
        """The name, as in the step list, of the page a case saved at ``step`` (not a final
        one) opens on when resumed."""
        page = self._page_for_step[step]
        return page.step_label or page.title

    def show_current(self) -> None:
        self._show_current()

    def _show_current(self) -> None:
        page = self.current_page()
        if page is self.capture and self.case is not None:
            self.desk.follow_reader(self.case)  # slaps, or one finger at a time
        self.stack.setCurrentWidget(self._scrolls[page])
        self.steps.setCurrentRow(self.pages.index(page))
        page.show_case(self.case)
        self._update_buttons()
        self._follow_preview()

    def _follow_preview(self) -> None:
        """The live picture runs while the capture page is shown, the case captures here
        (not when the last capture is reused) and nothing else runs."""
        case = self.case
        wanted = (self.current_page() is self.capture and not self.worker.busy
                  and self.isVisible() and case is not None
                  and bool(case.required_positions()))
        if wanted:
            self.preview.start()
        else:
            self.preview.stop()

    def _update_buttons(self) -> None:
        page = self.current_page()
        working = self.worker.busy
        self.next_button.setText(page.next_label)
        self.next_button.setEnabled(not working and page.next_intent() is not None)
        self.back_button.setEnabled(not working and page.allows_back())
        self.abandon_button.setEnabled(
            not working and self.case is not None and allows(self.case.step, Event.CANCEL))
        self.stack.setEnabled(not working)
        self.busy.setVisible(working)
        self.cancel_button.setVisible(working)

    def show_error(self, message: str) -> None:
        self.error.setText(message)
        self.error.setVisible(bool(message))

    # -- actions ----------------------------------------------------------------------------
    def _next(self) -> None:
        self.current_page().submit()

    def _back(self) -> None:
        """Capture goes back to the representative page when there is one, else (and from
        the representative page) to the procedure page."""
        case, page = self.case, self.current_page()
        if case is None or page not in (self.capture, self.representative):
            return
        target = (Step.PROCEDURE_DECIDED if page is self.capture
                  and case.facts().representative_required else Step.IDENTIFIED)
        self._run(lambda: self.desk.go_back(case, target))

    def _supervised(self, case: CaseFile, permission: Permission, action: str, *,
                    work: Callable[[Authorization], T], question: str = "",
                    first: Callable[[], object] | None = None) -> Callable[[], T] | None:
        """An action that needs ``permission``. Asked on the UI thread: ``question`` (yes or
        no) when given, then a supervisor's credentials when the signed-in role lacks the
        permission; None when either is declined. Else the work for the worker: ``first``
        (a check whose refusal records nothing), then the authorization, which verifies the
        approver's password and records both people in the audit trail (raising when they
        may not), then ``work`` with it (the desk checks it again)."""
        if question and QMessageBox.question(self, action, question) \
                != QMessageBox.StandardButton.Yes:
            return None
        approver = None
        if not self.holds(permission):
            approver = self.ask_approval(action)
            if approver is None:
                return None
        authorize = self.authorize

        def approved(case_code: str) -> Authorization:
            return authorize(permission, approver, case_code)

        def run() -> T:
            if first is not None:
                first()
            authorization = approved(case.code)
            return work(authorization)

        return run

    def _confirm_cancel_case(self) -> None:
        case = self.case
        if case is None:
            return
        cancel = self._supervised(
            case, Permission.CANCEL_CASE, t("Hủy hồ sơ"),
            question=t("Hủy hồ sơ {code}? Dữ liệu đã thu nhận vẫn được lưu trong lịch sử.")
            .format(code=case.code),
            work=lambda authorization: self.desk.cancel(case, authorization))
        if cancel is not None:
            self._run(cancel)

    def _refuse(self, case: CaseFile, reason: Reason) -> Callable[[], CaseFile] | None:
        """CC03 signed for the one who holds REFUSE_APPLICATION: the signed-in supervisor
        (trainer) themself, else the supervisor who approves."""
        desk = self.desk

        def refuse(authorization: Authorization) -> CaseFile:
            desk.refuse(case, reason, authorization)
            return case

        return self._supervised(
            case, Permission.REFUSE_APPLICATION, t("Từ chối giải quyết, in thông báo CC03"),
            question=t("Từ chối giải quyết hồ sơ {code} và in thông báo từ chối (mẫu CC03)? "
                       "Hồ sơ sẽ kết thúc.").format(code=case.code),
            work=refuse)

    def _declare_fingers(self, case: CaseFile, changes: tuple[tuple[Finger, str | None], ...]
                         ) -> Callable[[], CaseFile] | None:
        """Every change of the clerk's finger declarations under one authorization."""
        desk = self.desk

        def declare(authorization: Authorization) -> CaseFile:
            for finger, reason in changes:
                desk.declare_missing_finger(case, finger, reason, authorization)
            return case

        return self._supervised(case, Permission.MARK_BIOMETRIC_EXCEPTION,
                                t("Ghi nhận ngón tay không lấy được vân tay"), work=declare)

    def _accept_low_quality(self, case: CaseFile, position: Position
                            ) -> Callable[[], CaseFile] | None:
        """Keep the best attempt below the threshold, recorded with who authorized it."""
        desk = self.desk
        kept = case.best.get(position)

        def accept(authorization: Authorization) -> CaseFile:
            desk.accept_low_quality(case, position, authorization)
            return case

        return self._supervised(
            case, Permission.ACCEPT_LOW_QUALITY, t("Chấp nhận chất lượng thấp"),
            question=t("Chấp nhận {position} dưới ngưỡng chất lượng ({score}/100, lần "
                       "{attempt}) sau các lần thu nhận không đạt?").format(
                position=position.label.lower(), score=kept.quality.score if kept else 0,
                attempt=kept.attempt if kept else 0),
            work=accept)

    def _settle_fee(self, case: CaseFile, method: PaymentMethod, reference: str,
                    claim: ExemptionClaim | None) -> Callable[[], CaseFile] | None:
        """Settle and print the receipt. An exemption claimed needs EXEMPT_FEE or a
        supervisor's approval (the page offers Next only for a claim the rules accept; the
        desk checks it again before the approval is verified and recorded)."""
        desk = self.desk
        if claim is None:
            return lambda: desk.settle_fee(case, method, reference)
        return self._supervised(
            case, Permission.EXEMPT_FEE, t("Miễn lệ phí theo giấy tờ"),
            first=lambda: desk.assess_claim(case, claim),  # refused: no authorization recorded
            work=lambda authorization: desk.settle_fee(case, method, reference, claim,
                                                       authorization))

    def perform(self, intent: i.Intent) -> None:
        """Turn the clerk's intent into a desk call on the worker thread."""
        if self.worker.busy:
            return
        work = self._work_for(intent)
        if work is None:
            return
        coach, case, cue = self.coach, self.case, cue_of(intent)
        self._cue = cue or (case.step.value if case else "")
        if coach is not None and case is not None and cue is not None:
            job = work

            def work() -> Any:
                coach.before(case, cue)  # a cued fault is queued now, for this very call
                return job()
        self._run(work)

    def _work_for(  # noqa: PLR0911, PLR0912 - one branch per intent
        self, intent: i.Intent,
    ) -> Callable[[], Any] | None:
        desk, case, cancel = self.desk, self.case, self._cancel
        if isinstance(intent, i.Lookup):
            query, card = intent.query, intent.card
            if card is not None:
                return lambda: desk.open_case_from_card(card)

            def identify() -> CaseFile | _Matches:
                found = desk.identify(query)  # one person: their case; several: listed
                if isinstance(found, CaseFile):
                    return found
                return _Matches(tuple(found), cache_synced_at(found))
            return identify
        if isinstance(intent, i.ChooseCitizen):
            person, matches = intent.person, self._matches

            def choose() -> CaseFile:
                case = desk.open_case(person)
                case.cache_synced_at = matches.cache_synced_at if matches else None
                return case
            return choose
        if isinstance(intent, i.Resume):
            code = intent.code
            return lambda: desk.resume(code)
        if case is None:
            return None
        match intent:
            case i.Decide(reason=reason, adjust=adjust, documents=documents,
                          capacity=capacity):
                def decide() -> CaseFile:
                    desk.set_adjustment(case, adjust, documents)
                    desk.set_capacity(case, capacity)
                    desk.decide(case, reason)
                    if case.decided.representative_required:
                        return case  # the representative page records them first
                    return desk.check_representative(case)
                return decide
            case i.FindRepresentative(id_number=number):
                return lambda: _Representative(desk.find_representative(case, number))
            case i.RecordRepresentative(person=person, relationship=relationship,
                                        evidence=evidence):
                def record() -> CaseFile:
                    desk.accept_representative(case, person, relationship, evidence)
                    return desk.check_representative(case)
                return record
            case i.CaptureFace():
                return lambda: desk.capture_face(case, cancel)
            case i.AcceptFaceFrame(image=image, analysis=analysis):
                return lambda: desk.accept_face_frame(case, image, analysis)
            case i.CaptureSlap(slap=slap):
                return lambda: desk.capture_slap(case, slap, cancel)
            case i.CaptureFinger(finger=finger):
                return lambda: desk.capture_finger(case, finger, cancel)
            case i.CaptureIrises():
                return lambda: desk.capture_irises(case, cancel)
            case i.FinishCapture():
                return lambda: desk.finish_biometrics(case)
            case i.PreviewReceipt(delivery=d):
                ratio = self.devicePixelRatioF()  # at 150 % the page gets 1.5 × the pixels
                return lambda: _Preview(t("Xem trước phiếu thu nhận (CC01)"), pdf_pages(
                    desk.receipt_pdf(case, desk.choose_delivery(d.method, d.address, d.phone)),
                    round(PREVIEW_DPI * ratio)), ratio)
            case i.PrintReceipt(delivery=d):
                return lambda: desk.print_receipt(
                    case, desk.choose_delivery(d.method, d.address, d.phone))
            case i.ConfirmSigned():
                return lambda: desk.confirm_receipt_signed(case)
            case i.SettleFee(method=method, reference=reference, claim=claim):
                return self._settle_fee(case, method, reference, claim)
            case i.IssueSlip():
                return lambda: desk.issue_slip(case)
            case i.CloseCase():
                return lambda: desk.close(case)
            case i.Refuse(reason=reason):
                return self._refuse(case, reason)
            case i.DeclareMissingFingers(changes=changes):
                return self._declare_fingers(case, changes)
            case i.AcceptLowQuality(position=position):
                return self._accept_low_quality(case, position)
            case i.PrintRequestForm(reason=reason, adjust=adjust, documents=documents,
                                    capacity=capacity):
                def print_request_form() -> str:
                    desk.set_adjustment(case, adjust, documents)
                    desk.set_capacity(case, capacity)
                    return desk.print_request_form(case, reason)
                return print_request_form
        return None

    def _auto_captured(self, image: Any, analysis: Any) -> None:
        """Take the preview's steady good frame (with the guide's analysis of it) while the
        face is still wanted and the clerk has nothing else running."""
        case = self.case
        if (case is None or self.worker.busy or self.current_page() is not self.capture
                or Position.FACE not in case.missing_positions()):
            return
        self.perform(i.AcceptFaceFrame(image, analysis))

    def _run(self, work: Callable[[], Any]) -> None:
        self.preview.stop()  # a webcam serves one reader: the capture's
        self._cancel.clear()
        self.show_error("")
        preview = self.preview

        def after_the_preview() -> Any:
            preview.wait_released()  # here, not on the UI thread: it may be judging a frame
            return work()

        self.worker.submit(after_the_preview, self._succeeded, self._failed)
        self._update_buttons()

    def _succeeded(self, result: Any) -> None:
        if isinstance(result, _Preview):
            self.preview_dialog = PrintPreview(result.title, result.pages, self,
                                               pixel_ratio=result.pixel_ratio)
            self.preview_dialog.open()  # window-modal; the wizard stays as it was
        if isinstance(result, CaseFile):
            self.case = None if result.step.is_final else result
            self.case_changed.emit()
        self._show_current()
        if isinstance(result, _Representative) and self.current_page() is self.representative:
            self.representative.show_person(result.person)
        if isinstance(result, _Matches) and self.current_page() is self.lookup:
            self._matches = result
            self.lookup.show_matches(result.people)
        self._settle_focus()

    def _failed(self, error: BaseException) -> None:
        if self.coach is not None and self.case is not None:
            self.coach.shown(self.case, error, self._cue)
        self.show_error(clerk_message(error))
        self._show_current()
        self._settle_focus()

    def _settle_focus(self) -> None:
        """The page was disabled while the work ran; give the keyboard back where it goes:
        the page's next control, else Next (Enter presses it: the default button)."""
        self.current_page().settle_focus(
            self.next_button if self.next_button.isEnabled() else None)

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt override
        super().showEvent(event)
        self._follow_preview()

    def hideEvent(self, event: QHideEvent) -> None:  # noqa: N802 - Qt override
        self.preview.stop()  # locked screen or signed out: the camera rests
        super().hideEvent(event)

    def shutdown(self) -> None:
        """Stop a capture in progress and wait for the worker (window closing)."""
        self.preview.stop(wait=True)
        self._cancel.set()
        self.worker.wait()
