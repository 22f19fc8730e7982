"""Decide the procedure: the clerk picks the reason; the rules explain the outcome."""

from __future__ import annotations

from collections.abc import Callable
from html import escape

from PySide6.QtWidgets import QComboBox, QFormLayout, QGroupBox, QLabel, QVBoxLayout

from kiosk.desk.casefile import CaseFile
from kiosk.printing.text import format_vnd
from kiosk.registry.cardqr import CardField, CardQr, differences
from kiosk.ui.i18n import t
from kiosk.ui.intents import Decide, Intent, Refuse
from kiosk.ui.pages.base import Page
from kiosk.workflow.decide import Biometrics, Decision
from kiosk.workflow.errors import RuleViolation
from kiosk.workflow.people import Citizen
from kiosk.workflow.procedures import Procedure, ProcedureBook, Reason

Preview = Callable[[CaseFile, Reason], Decision]


def card_check(card: CardQr, citizen: Citizen) -> QLabel:
    """What the card scanned at intake says against the registry record: a warning that sends
    a difference with the citizen's papers to the CSDLQG adjustment first, or a confirmation."""
    lines = []
    for field in differences(card, citizen):
        if field is CardField.FULL_NAME:
            line = t("Họ và tên: trên thẻ “{card}”, trong CSDLQG “{registry}”").format(
                card=escape(card.full_name), registry=escape(citizen.full_name))
        elif field is CardField.DATE_OF_BIRTH:
            line = t("Ngày sinh: trên thẻ {card}, trong CSDLQG {registry}").format(
                card=f"{card.date_of_birth:%d/%m/%Y}",
                registry=f"{citizen.date_of_birth:%d/%m/%Y}")
        else:
            line = t("Giới tính: trên thẻ {card}, trong CSDLQG {registry}").format(
                card=card.sex.label, registry=citizen.sex.label)
        lines.append(f"• {line}")
    check = QLabel()
    check.setObjectName("cardCheck")
    check.setWordWrap(True)
    if lines:
        check.setText("<br>".join([
            f"<b>⚠ {t('Thông tin trên thẻ công dân xuất trình khác CSDLQG về dân cư')}</b>", *lines,
            t("Đối chiếu với giấy khai sinh, giấy tờ hộ tịch: nếu thông tin trong CSDLQG khác "
              "giấy tờ, phải điều chỉnh thông tin trong CSDLQG về dân cư trước (thủ tục điều "
              "chỉnh thông tin), sau đó mới làm thủ tục cấp thẻ."),
        ]))
        check.setProperty("state", "bad")
    else:
        check.setText(t("✔ Mã QR trên thẻ khớp CSDLQG về dân cư (họ tên, ngày sinh, giới "
                        "tính)."))
        check.setProperty("state", "ok")
    return check


def plan_text(plan: Biometrics) -> str:
    if plan.capture:
        return t("Thu nhận ảnh khuôn mặt, vân tay và mống mắt")
    if plan.reuse_last:
        return t("Sử dụng dữ liệu sinh trắc học thu nhận gần nhất")
    return t("Không thu nhận sinh trắc học (dưới 6 tuổi)")


class ProcedurePage(Page):
    title = t("Xác định thủ tục")
    next_label = t("Xác nhận thủ tục")
    refuse_label = t("Từ chối, in thông báo CC03")  # Next, where the rules refuse the reason
    _refusal = False

    def __init__(self, preview: Preview, book: ProcedureBook) -> None:
        super().__init__()
        self._preview = preview
        self._book = book
        self._case: CaseFile | None = None
        self._ok = False
        person = QGroupBox(t("Thông tin công dân (CSDLQG về dân cư)"))
        self.person = QFormLayout(person)
        self.layout_.addWidget(person)
        self.reason = QComboBox()
        self.reason.setObjectName("reason")
        self.reason.addItem(t("— Chọn lý do —"), None)
        for procedure in (Procedure.CAP, Procedure.CAP_DOI, Procedure.CAP_LAI):
            for reason in book.reasons_for(procedure):
                self.reason.addItem(f"{book.label(procedure)}: {book.reasons[reason].label}",
                                    reason)
        self.reason.currentIndexChanged.connect(self._update_preview)
        self.layout_.addWidget(QLabel(t("Lý do đề nghị:")))
        self.layout_.addWidget(self.reason)
        outcome = QGroupBox(t("Kết quả áp dụng quy định"))
        box = QVBoxLayout(outcome)
        self.outcome = QLabel()
        self.outcome.setObjectName("outcome")
        self.outcome.setWordWrap(True)
        box.addWidget(self.outcome)
        self.layout_.addWidget(outcome)
        self.layout_.addStretch(1)

    def show_case(self, case: CaseFile | None) -> None:
        self._case = case
        while self.person.rowCount():
            self.person.removeRow(0)
        if case is None:
            return
        c = case.citizen
        card = (f"{c.card.kind.label} số {c.card.number}, cấp ngày {c.card.issued_on:%d/%m/%Y}"
                if c.card else t("Chưa được cấp thẻ"))
        for label, value in (
            (t("Họ và tên:"), c.full_name), (t("Ngày sinh:"), f"{c.date_of_birth:%d/%m/%Y}"),
            (t("Giới tính:"), c.sex.label), (t("Số định danh:"), c.id_number),
            (t("Nơi cư trú:"), c.residence_to_print), (t("Thẻ đang dùng:"), card),
        ):
            value_label = QLabel(value)
            value_label.setWordWrap(True)
            self.person.addRow(label, value_label)
        if case.card is not None:
            self.person.addRow(card_check(case.card, c))
        self._update_preview()

    def selected_reason(self) -> Reason | None:
        data = self.reason.currentData()
        return Reason(data) if data else None

    def _update_preview(self) -> None:
        reason = self.selected_reason()
        self._ok = self._refusal = False
        if self._case is None or reason is None:
            self.outcome.setText(t("Chọn lý do để xem thủ tục, sinh trắc học và lệ phí."))
        else:
            try:
                decision = self._preview(self._case, reason)
            except RuleViolation as violation:
                self.outcome.setText(f"⚠ {violation.message}\n({violation.basis})")
            else:
                self._refusal = decision.procedure is Procedure.REFUSE
                self.outcome.setText(self._describe_refusal(decision) if self._refusal
                                     else self._describe(decision))
                self._ok = not self._refusal
        self.next_label = self.refuse_label if self._refusal else type(self).next_label
        self.changed.emit()

    def _describe_refusal(self, d: Decision) -> str:
        """Why the rules refuse the reason chosen, and what Next then does."""
        label, basis = self._book.procedures[Procedure.REFUSE]
        lines = [f"<b>{label}</b> — {self._book.reasons[d.reason].label}"]
        lines += [f"⚠ {warning}" for warning in d.warnings]
        lines.append(t("Yêu cầu này không được giải quyết: lập thông báo từ chối bằng văn bản "
                       "(mẫu CC03) ghi lý do và căn cứ; cán bộ giám sát (trưởng ca) phê duyệt "
                       "trước khi in. Hồ sơ kết thúc sau khi in; nếu chọn nhầm lý do, chọn lại "
                       "lý do đúng."))
        lines.append(f"<i>{t('Căn cứ')}: {'; '.join((*d.legal_basis, basis))}</i>")
        return "<br>".join(lines)

    def _describe(self, d: Decision) -> str:
        fee = d.fee
        lines = [
            f"<b>{self._book.label(d.procedure)}</b> — {self._book.reasons[d.reason].label}",
            f"{t('Tuổi')}: {d.age}. {plan_text(d.biometrics)}.",
            f"{t('Lệ phí')}: <b>{format_vnd(fee.value)}</b> "
            f"({'; '.join(fee.basis + fee.notes)})",
        ]
        if d.due is not None:
            lines.append(f"{t('Hẹn trả dự kiến')}: {d.due.value:%d/%m/%Y}")
        if d.representative_required:
            lines.append(t("Cần người đại diện hợp pháp làm thủ tục."))
        lines += [f"⚠ {warning}" for warning in d.warnings]
        lines.append(f"<i>{t('Căn cứ')}: {'; '.join(d.legal_basis)}</i>")
        return "<br>".join(lines)

    def next_intent(self) -> Intent | None:
        reason = self.selected_reason()
        if reason is not None and self._refusal:
            return Refuse(reason)
        return Decide(reason) if self._ok and reason is not None else None
