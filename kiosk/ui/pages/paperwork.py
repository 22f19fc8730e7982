"""The paper and money steps: CC01 signed, fee settled, CC02 slip, old card collected."""

from __future__ import annotations

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
)

from kiosk.desk.casefile import CaseFile
from kiosk.printing.text import format_vnd, long_date
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
from kiosk.workflow.delivery import Delivery, DeliveryMethod


def _paragraph(text: str = "", name: str = "") -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    if name:
        label.setObjectName(name)
    return label


class DeliveryBox(QGroupBox):
    """Counter or post; the address and phone are asked only for the post.

    Signals (inherited): none; ``changed`` is the page's, connected by it.
    """

    def __init__(self) -> None:
        super().__init__(t("Hình thức nhận kết quả"))
        self.counter = QRadioButton(t("Nhận tại nơi làm thủ tục"))
        self.counter.setObjectName("deliveryCounter")
        self.post = QRadioButton(t("Nhận qua dịch vụ bưu chính (công dân trả cước)"))
        self.post.setObjectName("deliveryPost")
        self.methods = QButtonGroup(self)
        self.methods.addButton(self.counter)
        self.methods.addButton(self.post)
        self.counter.setChecked(True)
        self.address = QLineEdit()
        self.address.setObjectName("deliveryAddress")
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
        """Whether the choice on screen is the one recorded (and printed on CC01)."""
        shown = self.choice()
        return (shown.method is delivery.method and shown.address == delivery.address
                and shown.phone == delivery.phone)


class ReceiptPage(Page):
    title = t("Phiếu thu nhận thông tin căn cước (CC01)")
    step_label = t("Phiếu thu nhận (CC01)")
    next_label = t("Đã ký, tiếp tục")

    def __init__(self) -> None:
        super().__init__()
        self._case: CaseFile | None = None
        self._recorded: tuple[str, Delivery] | None = None
        self.delivery = DeliveryBox()
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


class FeePage(Page):
    title = t("Lệ phí")
    next_label = t("Xác nhận lệ phí")

    def __init__(self) -> None:
        super().__init__()
        self._case: CaseFile | None = None
        self.amount = _paragraph(name="feeAmount")
        self.amount.setProperty("role", "big")
        self.layout_.addWidget(self.amount)
        self.basis = _paragraph(name="feeBasis")
        self.layout_.addWidget(self.basis)
        self.collected = QCheckBox(t("Đã thu đủ lệ phí và giao biên lai"))
        self.collected.setObjectName("feeCollected")
        self.collected.toggled.connect(self.changed)
        self.layout_.addWidget(self.collected)
        self.layout_.addStretch(1)

    def _due(self) -> int:
        return self._case.fee.value if self._case is not None and self._case.fee else 0

    def show_case(self, case: CaseFile | None) -> None:
        self._case = case
        self.collected.setChecked(False)
        if case is None or case.fee is None:
            return
        due = self._due()
        self.amount.setText(format_vnd(due) if due else t("Miễn lệ phí"))
        self.basis.setText("; ".join(case.fee.notes + case.fee.basis))
        self.collected.setVisible(due > 0)
        self.changed.emit()

    def next_intent(self) -> Intent | None:
        return SettleFee() if self._due() == 0 or self.collected.isChecked() else None


class SlipPage(Page):
    title = t("Giấy hẹn trả kết quả (CC02)")
    step_label = t("Giấy hẹn (CC02)")
    next_label = t("In giấy hẹn CC02")

    def __init__(self) -> None:
        super().__init__()
        self.layout_.addWidget(_paragraph(t(
            "Ngày hẹn trả thẻ được tính theo ngày làm việc, không tính ngày nghỉ lễ, Tết "
            "và ngày nghỉ hằng tuần (Luật Căn cước 2023 Điều 26).")))
        self.layout_.addStretch(1)

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
