"""Decide the procedure: the clerk picks the reason; the rules explain the outcome."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from html import escape

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
)

from kiosk.desk.casefile import CaseFile
from kiosk.printing.text import format_vnd
from kiosk.registry.cardqr import CardQr, differences
from kiosk.ui.i18n import t
from kiosk.ui.intents import Decide, Intent, PrintRequestForm, Refuse
from kiosk.ui.pages.base import Page
from kiosk.ui.pages.capacity import CapacityBox
from kiosk.workflow.adjustment import AdjustmentRules, RegistryField, check_adjustment
from kiosk.workflow.capacity import CapacityClaim, CapacityDeclaration, CapacityRules
from kiosk.workflow.decide import Biometrics, Decision
from kiosk.workflow.decisions import Decided
from kiosk.workflow.errors import RuleViolation
from kiosk.workflow.people import Citizen
from kiosk.workflow.procedures import Procedure, ProcedureBook, Reason
from kiosk.workflow.proposal import Proposal

# (case, reason, whether a CSDLQG adjustment comes first, whether the citizen is declared to
# have lost capacity) -> what the rules would decide
Preview = Callable[[CaseFile, Reason, bool, bool], Decision]
# (case, the declaration as typed) -> it checked, or RuleViolation saying what is missing
CheckCapacity = Callable[[CaseFile, CapacityClaim], Decided[CapacityDeclaration]]
Propose = Callable[[CaseFile], Proposal]
ADJUST_COLUMNS = 4  # ten fields in three rows: the outcome stays near


def card_check(card: CardQr, citizen: Citizen) -> QLabel:
    """What the card scanned at intake says against the registry record: a warning that sends
    a difference with the citizen's papers to the CSDLQG adjustment first, or a confirmation."""
    lines = []
    for field in differences(card, citizen):
        if field is RegistryField.FULL_NAME:
            line = t("Họ và tên: trên thẻ “{card}”, trong CSDLQG “{registry}”").format(
                card=escape(card.full_name), registry=escape(citizen.full_name))
        elif field is RegistryField.DATE_OF_BIRTH:
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

    def __init__(self, preview: Preview, book: ProcedureBook,
                 adjustment: AdjustmentRules, propose: Propose, *, capacity: CapacityRules,
                 capacity_basis: str, check_capacity: CheckCapacity) -> None:
        """``capacity_basis``: why a declared loss of capacity needs a representative
        (age.toml representative.lost_capacity_basis), shown with the outcome."""
        super().__init__()
        self._capacity_basis = capacity_basis
        self._check_capacity = check_capacity
        self._capacity_problem = ""
        self._preview = preview
        self._propose = propose
        self._reason_for: str | None = None  # the case whose reason the list was set for
        self._book = book
        self._adjustment = adjustment
        self._case: CaseFile | None = None
        self._filled_for: str | None = None  # the case whose adjustment the group shows
        self._ok = False  # a reason the rules accept (see _update_preview)
        self._refusal = False  # a reason the rules refuse: Next refuses in writing
        self._adjustment_problem = ""
        # The last preview and what it was asked: it depends on the reason, on whether an
        # adjustment comes first and on whether the citizen lost capacity, not on the
        # documents typed (forgotten with each show_case).
        self._previewed: tuple[Reason, bool, bool, Decision | RuleViolation] | None = None
        self.offline = _note("offlineRecord", "bad")  # the record came from the offline cache
        self.layout_.addWidget(self.offline)
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
        self.proposal = _note("proposal")
        self.layout_.addWidget(self.proposal)
        self.layout_.addWidget(self._build_adjustment())
        self.capacity = CapacityBox(capacity, capacity_basis)
        self.capacity.changed.connect(self._update_preview)
        self.capacity.entered.connect(self.submit)
        self.capacity.tick.toggled.connect(self._bring_outcome_into_sight)
        self.layout_.addWidget(self.capacity)
        self._build_outcome()
        self.layout_.addStretch(1)

    def _bring_outcome_into_sight(self, ticked: bool) -> None:
        """The box opened below the fold of a short window: scroll the page (the shell's
        scroll area) down to what the rules now say, once the layout has made room."""
        if ticked:
            QTimer.singleShot(0, self._show_outcome)

    def _show_outcome(self) -> None:
        area = self.parentWidget()
        while area is not None and not isinstance(area, QScrollArea):
            area = area.parentWidget()
        if area is not None:
            area.ensureWidgetVisible(self.outcome, 0, 0)

    def _build_outcome(self) -> None:
        """What the rules decide, then DC02's button and how often it was printed."""
        outcome = QGroupBox(t("Kết quả áp dụng quy định"))
        box = QVBoxLayout(outcome)
        self.outcome = QLabel()
        self.outcome.setObjectName("outcome")
        self.outcome.setWordWrap(True)
        box.addWidget(self.outcome)
        self.layout_.addWidget(outcome)
        paper = QHBoxLayout()
        self.print_form = QPushButton(t("In phiếu DC02"))
        self.print_form.setObjectName("printRequestForm")
        self.print_form.setToolTip(t("In phiếu đề nghị giải quyết thủ tục về căn cước (mẫu DC02) "
                                     "để công dân ký, theo lý do và nội dung điều chỉnh đã chọn"))
        self.print_form.clicked.connect(self._print_request_form)
        self.form_status = QLabel()
        self.form_status.setObjectName("requestFormStatus")
        self.form_status.setWordWrap(True)
        paper.addWidget(self.print_form)
        paper.addWidget(self.form_status, 1)
        self.layout_.addLayout(paper)

    def _build_adjustment(self) -> QGroupBox:
        """The CSDLQG fields that differ from the citizen's papers (DC02 item 7): a box per
        field of adjustment.toml and the supporting documents shown."""
        group = QGroupBox(t("Thông tin khác giấy tờ của công dân"))
        group.setObjectName("adjustmentGroup")
        box = QVBoxLayout(group)
        hint = QLabel(t("Đánh dấu thông tin trong CSDLQG về dân cư khác giấy tờ công dân xuất "
                        "trình: phải điều chỉnh thông tin trong CSDLQG trước (mục {item} phiếu "
                        "DC02), thời hạn trả thẻ cộng thêm thời gian điều chỉnh.").format(
            item=self._adjustment.dc02_item))
        hint.setObjectName("adjustmentHint")
        hint.setWordWrap(True)
        box.addWidget(hint)
        grid = QGridLayout()
        self.adjust_boxes: dict[str, QCheckBox] = {}
        for index, info in enumerate(self._adjustment.fields):
            tick = QCheckBox(info.label)
            tick.setObjectName(f"adjust_{info.field.value}")
            tick.setToolTip(t("Giấy tờ chứng minh: {document}").format(document=info.document))
            tick.toggled.connect(self._update_preview)
            self.adjust_boxes[info.field.value] = tick
            grid.addWidget(tick, index // ADJUST_COLUMNS, index % ADJUST_COLUMNS)
        box.addLayout(grid)
        documents = QFormLayout()
        self.adjust_documents = QLineEdit()
        self.adjust_documents.setObjectName("adjustmentDocuments")
        self.adjust_documents.setMaxLength(self._adjustment.max_documents)
        self.adjust_documents.setPlaceholderText(
            t("Ví dụ: {example}").format(example=self._adjustment.documents_example))
        self.adjust_documents.textChanged.connect(self._update_preview)
        documents.addRow(t("Giấy tờ kèm theo:"), self.adjust_documents)
        box.addLayout(documents)
        self.adjust_source = QLabel()
        self.adjust_source.setObjectName("adjustmentSource")
        self.adjust_source.setWordWrap(True)
        self.adjust_source.hide()
        box.addWidget(self.adjust_source)
        return group

    def _fill_adjustment(self, case: CaseFile) -> None:
        """What the case recorded, else what the card scanned at intake says differs; the
        clerk's own ticks stay while the same case is shown again (an error, Back)."""
        if case.code == self._filled_for:
            return
        self._filled_for = case.code
        from_card = case.adjustment is None and case.card is not None
        if case.adjustment is not None:
            ticked, documents = set(case.adjustment.codes), case.adjustment.documents
        elif case.card is not None:
            ticked, documents = {f.value for f in differences(case.card, case.citizen)}, ""
        else:
            ticked, documents = set(), ""
        for code, tick in self.adjust_boxes.items():
            tick.blockSignals(True)
            tick.setChecked(code in ticked)
            tick.blockSignals(False)
        self.adjust_documents.blockSignals(True)
        self.adjust_documents.setText(documents)
        self.adjust_documents.blockSignals(False)
        self.adjust_source.setText(t("Đã đánh dấu theo mã QR trên thẻ quét khi tiếp nhận: đối "
                                     "chiếu với giấy tờ của công dân trước khi xác nhận."))
        self.adjust_source.setVisible(from_card and bool(ticked))

    def _show_source(self, case: CaseFile) -> None:
        synced = case.cache_synced_at
        if synced is None:
            self.offline.hide()
            return
        when = (t("đồng bộ lần cuối {time}").format(time=_local_time(synced)) if synced
                else t("chưa rõ lần đồng bộ cuối"))
        self.offline.setText(t("⚠ Không kết nối được CSDLQG về dân cư: thông tin dưới đây lấy "
                               "từ bản sao ngoại tuyến ({when}) và có thể đã cũ. Đối chiếu kỹ "
                               "với giấy tờ của công dân.").format(when=when))
        self.offline.show()

    def _choose_reason(self, case: CaseFile) -> None:
        """A new case starts on the reason decided (resumed) or proposed from the card held;
        the clerk's own choice stays while the same case is shown again (an error, Back)."""
        if case.code == self._reason_for:
            return
        self._reason_for = case.code
        proposal = self._propose(case)
        reason = case.decision.reason if case.decision is not None else proposal.reason
        self.reason.blockSignals(True)
        self.reason.setCurrentIndex(max(0, self.reason.findData(reason)) if reason else 0)
        self.reason.blockSignals(False)
        self.proposal.setText(f"ℹ {proposal.text}" if proposal.text else "")
        self.proposal.setVisible(bool(proposal.text))

    def adjusted_fields(self) -> tuple[str, ...]:
        """The codes ticked, in the order of adjustment.toml."""
        return tuple(code for code, tick in self.adjust_boxes.items() if tick.isChecked())

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
        self._show_source(case)
        self._fill_adjustment(case)
        self.capacity.fill(case)
        self._choose_reason(case)
        self._previewed = None
        printed = case.printed.count("DC02")
        self.form_status.setText(t("Đã in phiếu DC02 ({count} lần).").format(count=printed)
                                 if printed else "")
        self._update_preview()

    def selected_reason(self) -> Reason | None:
        data = self.reason.currentData()
        return Reason(data) if data else None

    def _update_preview(self) -> None:
        """What the rules decide for the reason chosen. ``_ok``: a reason they accept. An
        adjustment ticked but incomplete (boxes pre-ticked from the card, no documents yet) is
        shown in the outcome and refused by the desk with what to do, in the banner: the
        card's warning never blocks the clerk alone."""
        reason = self.selected_reason()
        self._ok = self._refusal = False
        fields = self.adjusted_fields()
        adjusting = bool(fields)
        self._adjustment_problem = ""
        if adjusting:
            try:
                check_adjustment(fields, self.adjust_documents.text(), self._adjustment)
            except RuleViolation as violation:
                self._adjustment_problem = violation.message
        claim, self._capacity_problem = self.capacity.claim(), ""
        if self._case is not None and claim is not None:
            try:
                self._check_capacity(self._case, claim)
            except RuleViolation as violation:
                self._capacity_problem = violation.message
        if self._case is None or reason is None:
            self.outcome.setText(t("Chọn lý do để xem thủ tục, sinh trắc học và lệ phí."))
        else:
            decision = self._decision(self._case, reason, adjusting, claim is not None)
            if isinstance(decision, RuleViolation):
                self.outcome.setText(f"⚠ {decision.message}\n({decision.basis})")
            else:
                self._refusal = decision.procedure is Procedure.REFUSE
                self.outcome.setText(self._describe_refusal(decision) if self._refusal
                                     else self._describe(decision, adjusting))
                self._ok = not self._refusal
        self.next_label = self.refuse_label if self._refusal else type(self).next_label
        self.print_form.setEnabled(self._ok)
        self.changed.emit()

    def _decision(self, case: CaseFile, reason: Reason, adjusting: bool, lost: bool
                  ) -> Decision | RuleViolation:
        """The rules' answer, asked again only when the reason, the adjustment's presence or
        the declaration's changed (not for each letter of the documents typed)."""
        previewed = self._previewed
        if previewed is not None and previewed[:3] == (reason, adjusting, lost):
            return previewed[3]
        answer: Decision | RuleViolation
        try:
            answer = self._preview(case, reason, adjusting, lost)
        except RuleViolation as violation:
            answer = violation
        self._previewed = (reason, adjusting, lost, answer)
        return answer

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

    def _describe(self, d: Decision, adjusting: bool = False) -> str:
        fee = d.fee
        lines = [
            f"<b>{self._book.label(d.procedure)}</b> — {self._book.reasons[d.reason].label}",
            f"{t('Tuổi')}: {d.age}. {plan_text(d.biometrics)}.",
            f"{t('Lệ phí')}: <b>{format_vnd(fee.value)}</b> "
            f"({'; '.join(fee.basis + fee.notes)})",
        ]
        if d.due is not None:
            due = f"{t('Hẹn trả dự kiến')}: {d.due.value:%d/%m/%Y}"
            if adjusting:  # the longer period, with what makes it longer
                due = (f"{t('Hẹn trả dự kiến')}: <b>{d.due.value:%d/%m/%Y}</b> "
                       f"({escape('; '.join(d.due.basis))})")
            lines.append(due)
        if d.representative_required and self.capacity.declared:
            lines.append(t("Người mất năng lực hành vi dân sự hoặc có khó khăn trong nhận thức, "
                           "làm chủ hành vi: người đại diện hợp pháp hỗ trợ làm thủ tục "
                           "({basis}).").format(basis=escape(self._capacity_basis)))
        elif d.representative_required:
            lines.append(t("Cần người đại diện hợp pháp làm thủ tục."))
        lines += [f"⚠ {warning}" for warning in d.warnings]
        for problem in (self._adjustment_problem, self._capacity_problem):
            if problem:
                lines.append(f"<b>⚠ {escape(problem)}</b>")
        lines.append(f"<i>{t('Căn cứ')}: {'; '.join(d.legal_basis)}</i>")
        return "<br>".join(lines)

    def focus_widget(self) -> QComboBox:
        """The reason: ↑ ↓ (Home, End) choose it, Ctrl+Enter confirms."""
        return self.reason

    def next_intent(self) -> Intent | None:
        reason = self.selected_reason()
        if reason is not None and self._refusal:
            return Refuse(reason)
        if reason is None or not self._ok:
            return None
        return Decide(reason, self.adjusted_fields(), self.adjust_documents.text(),
                      self.capacity.claim())

    def _print_request_form(self) -> None:
        reason = self.selected_reason()
        if reason is not None and self._ok:
            self.intent.emit(PrintRequestForm(reason, self.adjusted_fields(),
                                              self.adjust_documents.text(),
                                              self.capacity.claim()))


def _local_time(iso: str) -> str:
    """An ISO time as the clerk reads it (dd/mm/yyyy HH:MM); as given when not ISO."""
    try:
        return f"{datetime.fromisoformat(iso):%d/%m/%Y %H:%M}"
    except ValueError:
        return iso


def _note(name: str, state: str = "") -> QLabel:
    """A wrapped line of explanation, hidden until there is something to say."""
    label = QLabel()
    label.setObjectName(name)
    label.setWordWrap(True)
    if state:
        label.setProperty("state", state)
    label.hide()
    return label
