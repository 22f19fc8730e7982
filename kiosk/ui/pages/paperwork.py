"""The paper and money steps: CC01 signed, fee settled, CC02 slip, old card collected."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from kiosk.desk.casefile import CaseFile
from kiosk.printing.text import format_vnd, long_date
from kiosk.ui import shortcuts as keys
from kiosk.ui.i18n import t
from kiosk.ui.intents import (
    CloseCase,
    ConfirmSigned,
    DeliveryChoice,
    Intent,
    IssueSlip,
    PreviewReceipt,
    PrintReceipt,
    SettleFee,
)
from kiosk.ui.pages.base import Page
from kiosk.ui.style import set_state
from kiosk.workflow.decisions import Decided
from kiosk.workflow.delivery import Delivery, DeliveryMethod, DeliveryRules
from kiosk.workflow.errors import RuleViolation
from kiosk.workflow.fee_claims import AcceptedClaim, ExemptionClaim, PaymentMethod
from kiosk.workflow.fees import Exemption

Claims = Callable[[CaseFile], tuple[Exemption, ...]]  # what this citizen may claim
AssessClaim = Callable[[CaseFile, ExemptionClaim], AcceptedClaim]  # or RuleViolation


def _paragraph(text: str = "", name: str = "") -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    if name:
        label.setObjectName(name)
    return label


class DeliveryBox(QGroupBox):
    """Counter or post, in the words of the rules (resources/law/delivery.toml); the address
    and phone are asked only for the post.

    Signals (inherited): none; ``changed`` is the page's, connected by it.
    """

    def __init__(self, rules: DeliveryRules) -> None:
        super().__init__(t("Hình thức nhận kết quả"))
        self._rules = rules
        self.counter = QRadioButton(rules.labels[DeliveryMethod.COUNTER])
        self.counter.setObjectName("deliveryCounter")
        note = rules.courier_note
        self.post = QRadioButton(f"{rules.labels[DeliveryMethod.POST]} "
                                 f"({note[:1].lower()}{note[1:]})")
        self.post.setObjectName("deliveryPost")
        self.methods = QButtonGroup(self)
        self.methods.addButton(self.counter)
        self.methods.addButton(self.post)
        self.counter.setChecked(True)
        self.address = QLineEdit()
        self.address.setObjectName("deliveryAddress")
        self.address.setMaxLength(rules.max_length)
        self.address.setPlaceholderText(t("Số nhà, đường (thôn, tổ), xã/phường, tỉnh/thành phố"))
        self.phone = QLineEdit()
        self.phone.setObjectName("deliveryPhone")
        self.phone.setPlaceholderText(t("10 chữ số, có thể để trống"))
        self.use_residence = QPushButton(t("Dùng nơi cư trú"))
        self.use_residence.setObjectName("useResidence")
        address_row = QHBoxLayout()
        address_row.addWidget(self.address, 1)
        address_row.addWidget(self.use_residence)
        form = QFormLayout(self)
        form.addRow(self.counter)
        form.addRow(self.post)
        self.address_label = QLabel(t("Địa chỉ nhận thẻ:"))
        self.phone_label = QLabel(t("Số điện thoại người nhận:"))
        form.addRow(self.address_label, address_row)
        form.addRow(self.phone_label, self.phone)
        self.post.toggled.connect(self._follow_method)
        self._follow_method()

    def _follow_method(self) -> None:
        by_post = self.post.isChecked()
        for widget in (self.address, self.phone, self.use_residence, self.address_label,
                       self.phone_label):
            widget.setVisible(by_post)

    def choice(self) -> DeliveryChoice:
        if not self.post.isChecked():
            return DeliveryChoice()
        return DeliveryChoice(DeliveryMethod.POST, self.address.text(), self.phone.text())

    def show_delivery(self, delivery: Delivery) -> None:
        (self.post if delivery.by_post else self.counter).setChecked(True)
        self.address.setText(delivery.address)
        self.phone.setText(delivery.phone)

    def matches(self, delivery: Delivery) -> bool:
        """Whether the choice on screen is the one recorded (and printed on CC01), as the
        rules read it (spaces cleaned); a choice they refuse is not."""
        shown = self.choice()
        try:
            return self._rules.choose(shown.method, shown.address, shown.phone) == delivery
        except RuleViolation:
            return False


class ReceiptPage(Page):
    title = t("Phiếu thu nhận thông tin căn cước (CC01)")
    step_label = t("Phiếu thu nhận (CC01)")
    next_label = t("Đã ký, tiếp tục")

    def __init__(self, delivery: DeliveryRules) -> None:
        super().__init__()
        self._case: CaseFile | None = None
        self._recorded: tuple[str, Delivery] | None = None
        self.delivery = DeliveryBox(delivery)
        self.layout_.addWidget(self.delivery)
        for edit in (self.delivery.address, self.delivery.phone):
            edit.textEdited.connect(self._follow)
        self.delivery.methods.buttonToggled.connect(self._follow)
        self.delivery.use_residence.clicked.connect(self._use_residence)
        self.layout_.addWidget(_paragraph(t(
            "In phiếu CC01 để công dân (hoặc người đại diện) kiểm tra thông tin và ký.")))
        self.print_button = QPushButton(t("In phiếu CC01"))
        self.print_button.setObjectName("printReceipt")
        self.print_button.clicked.connect(
            lambda: self.intent.emit(PrintReceipt(self.delivery.choice())))
        self.preview_button = QPushButton(t("Xem trước"))
        self.preview_button.setObjectName("previewReceipt")
        self.preview_button.clicked.connect(
            lambda: self.intent.emit(PreviewReceipt(self.delivery.choice())))
        buttons = QHBoxLayout()
        buttons.addWidget(self.print_button)
        buttons.addWidget(self.preview_button)
        buttons.addStretch(1)
        self.layout_.addLayout(buttons)
        self.status = _paragraph(name="receiptStatus")
        self.layout_.addWidget(self.status)
        self.signed = QCheckBox(t("Công dân đã kiểm tra thông tin và ký phiếu"))
        self.signed.setObjectName("receiptSigned")
        self.signed.toggled.connect(self.changed)
        self.layout_.addWidget(self.signed)
        self.layout_.addStretch(1)

    def _use_residence(self) -> None:
        if self._case is not None:
            self.delivery.address.setText(self._case.citizen.residence_to_print)
            self._follow()

    def _printed_as_shown(self) -> bool:
        """CC01 was printed and states the delivery now on screen."""
        case = self._case
        return (case is not None and "CC01" in case.printed
                and self.delivery.matches(case.delivery))

    def _follow(self) -> None:
        case = self._case
        if case is None or "CC01" not in case.printed:
            self.status.setText(t("Chưa in phiếu."))
        elif self._printed_as_shown():
            self.status.setText(t("Đã in phiếu CC01."))
        else:
            self.status.setText(t("Đã đổi hình thức nhận kết quả: in lại phiếu CC01 để công "
                                  "dân ký phiếu đúng."))
        self.signed.setEnabled(self._printed_as_shown())
        if not self.signed.isEnabled():
            self.signed.setChecked(False)
        self.changed.emit()

    def show_case(self, case: CaseFile | None) -> None:
        self._case = case
        # Refill the choice only when another case or a newly recorded choice arrives: after
        # a refused address the clerk's typing stays on screen to be corrected.
        recorded = None if case is None else (case.code, case.delivery)
        if case is not None and recorded != self._recorded:
            self.delivery.show_delivery(case.delivery)
        self._recorded = recorded
        self._follow()

    def next_intent(self) -> Intent | None:
        return ConfirmSigned() if self.signed.isChecked() and self.signed.isEnabled() else None

    def focus_widget(self) -> QWidget | None:
        """Print CC01 (again, when the delivery changed), then tick the signature."""
        if self.signed.isChecked():
            return None
        return self.signed if self.signed.isEnabled() else self.print_button


class FeePage(Page):
    """The fee: the amount and its basis; an exemption the citizen claims with a document
    (the rules re-decide the fee as the clerk ticks and types); cash or transfer for a fee
    collected. Next (or Enter) settles it and prints the receipt."""

    title = t("Lệ phí")
    next_label = t("Xác nhận, in biên lai")

    def __init__(self, claims: Claims, assess: AssessClaim) -> None:
        super().__init__()
        self._claims = claims
        self._assess = assess
        self._case: CaseFile | None = None
        self._shown: tuple[str, Decided[int]] | None = None  # whose inputs are on screen
        self._exemptions: tuple[Exemption, ...] = ()
        self._accepted: AcceptedClaim | None = None
        self.amount = _paragraph(name="feeAmount")
        self.amount.setProperty("role", "big")
        self.layout_.addWidget(self.amount)
        self.basis = _paragraph(name="feeBasis")
        self.layout_.addWidget(self.basis)
        self._build_claim()
        self._build_method()
        self.collected = QCheckBox()
        self.collected.setObjectName("feeCollected")
        self.collected.toggled.connect(self.changed)
        self.layout_.addWidget(self.collected)
        self.layout_.addStretch(1)
        # Enter anywhere on the page does what Next does (checkboxes and fields pass it on).
        keys.on_enter(self, self.submit)

    def _build_claim(self) -> None:
        self.claim_box = QGroupBox(t("Miễn lệ phí theo giấy tờ xuất trình"))
        self.claim_box.setObjectName("feeClaimBox")
        box = QVBoxLayout(self.claim_box)
        self.claim = QCheckBox(t("Công dân thuộc đối tượng được miễn lệ phí và xuất trình "
                                 "giấy tờ chứng minh"))
        self.claim.setObjectName("feeClaim")
        self.claim.toggled.connect(self._follow)
        box.addWidget(self.claim)
        self.exemption_buttons = QButtonGroup(self)
        self.exemption_buttons.buttonToggled.connect(self._follow)
        self.exemption_list = QVBoxLayout()
        self.exemption_list.setContentsMargins(24, 0, 0, 0)
        box.addLayout(self.exemption_list)
        self.claim_detail = _paragraph(name="feeClaimDetail")
        box.addWidget(self.claim_detail)
        self.evidence_row = QFormLayout()
        self.evidence = QLineEdit()
        self.evidence.setObjectName("feeEvidence")
        self.evidence.setMaxLength(160)
        self.evidence.textEdited.connect(self._follow)
        self.evidence_row.addRow(t("Giấy tờ đã xuất trình:"), self.evidence)
        box.addLayout(self.evidence_row)
        self.claim_status = _paragraph(name="feeClaimStatus")
        box.addWidget(self.claim_status)
        self.layout_.addWidget(self.claim_box)

    def _build_method(self) -> None:
        self.method_box = QGroupBox(t("Hình thức nộp lệ phí"))
        self.method_box.setObjectName("feeMethodBox")
        self.method_form = QFormLayout(self.method_box)
        self.cash = QRadioButton(t("Tiền mặt"))
        self.cash.setObjectName("feeCash")
        self.transfer = QRadioButton(t("Chuyển khoản"))
        self.transfer.setObjectName("feeTransfer")
        self.methods = QButtonGroup(self)
        self.methods.addButton(self.cash)
        self.methods.addButton(self.transfer)
        self.cash.setChecked(True)
        self.methods.buttonToggled.connect(self._follow)
        row = QHBoxLayout()
        row.addWidget(self.cash)
        row.addWidget(self.transfer)
        row.addStretch(1)
        self.method_form.addRow(row)
        self.reference = QLineEdit()
        self.reference.setObjectName("feeReference")
        self.reference.setMaxLength(60)
        self.reference.setPlaceholderText(t("Trong thông báo giao dịch của ngân hàng, ví dụ "
                                            "FT26329123456789"))
        self.reference.textEdited.connect(self._follow)
        self.method_form.addRow(t("Mã giao dịch:"), self.reference)
        self.layout_.addWidget(self.method_box)

    # -- what the shell calls ------------------------------------------------------------------
    def show_case(self, case: CaseFile | None) -> None:
        self._case = case
        if case is None or case.fee is None:
            return
        # Refill only for another case or another fee: after a refusal (a reference, the
        # supervisor's password) the clerk's choice and typing stay on screen to be corrected.
        shown = (case.code, case.fee)
        if shown != self._shown:
            self._reset(case)
        self._shown = shown
        self._follow()

    def next_intent(self) -> Intent | None:
        """An exemption the rules accept; nothing due; or the money taken, by the method
        chosen (a transfer once its reference is typed: the desk checks it)."""
        case, chosen = self._case, self._chosen()
        if case is None or case.fee is None:
            return None
        if self.claim.isChecked():
            accepted = self._accepted is not None and chosen is not None
            return SettleFee(claim=ExemptionClaim(chosen, self.evidence.text())) \
                if accepted and chosen is not None else None
        if case.fee.value == 0:
            return SettleFee()
        transfer = self.transfer.isChecked()
        if not self.collected.isChecked() or (transfer and not self.reference.text().strip()):
            return None
        return SettleFee(PaymentMethod.TRANSFER, self.reference.text()) if transfer \
            else SettleFee(PaymentMethod.CASH)

    def focus_widget(self) -> QWidget | None:
        """The money received, when it is to be ticked."""
        if self.collected.isVisible() and not self.collected.isChecked():
            return self.collected
        return None

    # -- the page's own behaviour -------------------------------------------------------------
    def _reset(self, case: CaseFile) -> None:
        for button in self.exemption_buttons.buttons():
            self.exemption_buttons.removeButton(button)
            self.exemption_list.removeWidget(button)
            button.deleteLater()
        self._exemptions = self._claims(case)
        for exemption in self._exemptions:
            button = QRadioButton(exemption.label)
            button.setObjectName(f"exemption_{exemption.id}")
            button.setProperty("exemption", exemption.id)
            self.exemption_buttons.addButton(button)
            self.exemption_list.addWidget(button)
        for box in (self.claim, self.collected):
            box.setChecked(False)
        self.evidence.clear()
        self.reference.clear()
        self.cash.setChecked(True)

    def _chosen(self) -> str | None:
        button = self.exemption_buttons.checkedButton()
        return None if button is None else str(button.property("exemption"))

    def _follow(self) -> None:
        """Show what the case's fee is with the clerk's choice, and ask for what is missing."""
        case = self._case
        if case is None or case.fee is None:
            return
        due = case.fee.value
        claiming = self.claim.isChecked()
        self.claim_box.setVisible(bool(self._exemptions))
        for button in self.exemption_buttons.buttons():
            button.setVisible(claiming)
        self._accepted = self._assess_claim(case) if claiming else None
        for widget in (self.claim_detail, self.claim_status):
            widget.setVisible(claiming)
        self.evidence_row.setRowVisible(self.evidence, claiming and self._chosen() is not None)
        fee = case.fee if self._accepted is None else self._accepted.fee
        self.amount.setText(format_vnd(fee.value) if fee.value else t("Miễn lệ phí"))
        self.basis.setText("; ".join(fee.notes + fee.basis))
        paying = due > 0 and not claiming
        self.method_box.setVisible(paying)
        self.method_form.setRowVisible(self.reference, self.transfer.isChecked())
        self.collected.setVisible(paying)
        self.collected.setText(
            t("Đã kiểm tra: tiền chuyển khoản đã vào tài khoản thu lệ phí")
            if self.transfer.isChecked() else t("Đã nhận đủ tiền mặt"))
        self.changed.emit()

    def _assess_claim(self, case: CaseFile) -> AcceptedClaim | None:
        """The rules' answer to the claim on screen, shown under it."""
        chosen = self._chosen()
        exemption = next((e for e in self._exemptions if e.id == chosen), None)
        self._mark(self.claim_status, "")
        if exemption is None:
            self.claim_detail.setText(t("Chọn đối tượng được miễn theo giấy tờ công dân xuất "
                                        "trình."))
            return None
        self.claim_detail.setText(t("Căn cứ: {basis}. Giấy tờ chứng minh: {evidence}.").format(
            basis=exemption.basis, evidence=exemption.evidence))
        self.evidence.setPlaceholderText(t("Tên và số giấy tờ, ví dụ: Giấy xác nhận khuyết tật "
                                           "số 123/GXN"))
        try:
            accepted = self._assess(case, ExemptionClaim(exemption.id, self.evidence.text()))
        except RuleViolation as violation:
            self._mark(self.claim_status, f"⚠ {violation.message}", "bad")
            return None
        self._mark(self.claim_status, t("✔ Miễn lệ phí {amount}. Biên lai ghi giấy tờ: "
                                        "{evidence}.").format(
            amount=format_vnd(case.fee.value if case.fee else 0),
            evidence=accepted.evidence), "ok")
        return accepted

    @staticmethod
    def _mark(label: QLabel, text: str, state: str = "") -> None:
        label.setText(text)
        set_state(label, state)


class SlipPage(Page):
    title = t("Giấy hẹn trả kết quả (CC02)")
    step_label = t("Giấy hẹn (CC02)")
    next_label = t("In giấy hẹn CC02")

    def __init__(self) -> None:
        super().__init__()
        self.layout_.addWidget(_paragraph(t(
            "Ngày hẹn trả thẻ được tính theo ngày làm việc, không tính ngày nghỉ lễ, Tết "
            "và ngày nghỉ hằng tuần (Luật Căn cước 2023 Điều 26).")))
        # How the card comes back, as CC01 recorded it: the clerk says it again with the slip.
        self.delivery = _paragraph(name="slipDelivery")
        self.layout_.addWidget(self.delivery)
        self.layout_.addStretch(1)

    def show_case(self, case: CaseFile | None) -> None:
        delivery = case.delivery if case is not None else None
        if delivery is None or not delivery.by_post:
            self.delivery.setText(t("Nhận kết quả: tại nơi làm thủ tục."))
        else:
            self.delivery.setText(t("Nhận kết quả: qua bưu chính, đến {address}{phone}.").format(
                address=delivery.address,
                phone=t(" (điện thoại {phone})").format(phone=delivery.phone)
                if delivery.phone else ""))

    def next_intent(self) -> Intent | None:
        return IssueSlip()


class DonePage(Page):
    title = t("Hoàn tất tiếp nhận")
    next_label = t("Kết thúc hồ sơ")

    def __init__(self) -> None:
        super().__init__()
        self._case: CaseFile | None = None
        self.summary = _paragraph(name="doneSummary")
        self.layout_.addWidget(self.summary)
        self.old_card = QCheckBox(t("Đã thu thẻ cũ của công dân"))
        self.old_card.setObjectName("oldCardCollected")
        self.old_card.toggled.connect(self.changed)
        self.layout_.addWidget(self.old_card)
        self.layout_.addStretch(1)

    def _must_collect(self) -> bool:
        return (self._case is not None and self._case.decision is not None
                and self._case.decided.collect_old_card and self._case.citizen.card is not None)

    def show_case(self, case: CaseFile | None) -> None:
        self._case = case
        self.old_card.setChecked(False)
        if case is None or case.due is None:
            return
        lines = [f"{t('Mã hồ sơ')}: <b>{case.code}</b>",
                 f"{t('Ngày hẹn trả thẻ')}: <b>{long_date(case.due.value)}</b>"]
        lines += [f"⚠ {note}" for note in case.due.notes]
        self.summary.setText("<br>".join(lines))
        self.old_card.setVisible(self._must_collect())
        self.changed.emit()

    def next_intent(self) -> Intent | None:
        return CloseCase() if not self._must_collect() or self.old_card.isChecked() else None

    def focus_widget(self) -> QWidget | None:
        """The old card, when it is collected."""
        return self.old_card if self._must_collect() and not self.old_card.isChecked() \
            else None
