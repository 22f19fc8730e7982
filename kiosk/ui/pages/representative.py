"""Record the legal representative of a child under 14 or of a person who lost capacity: look
the person up in CSDLQG, choose the relationship, type the document shown when needed."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QWidget,
)

from kiosk.desk.casefile import CaseFile
from kiosk.ui import shortcuts as keys
from kiosk.ui.i18n import t
from kiosk.ui.intents import FindRepresentative, Intent, RecordRepresentative
from kiosk.ui.pages.base import Page
from kiosk.ui.style import set_state
from kiosk.workflow.age import AgeRules
from kiosk.workflow.people import Citizen
from kiosk.workflow.representation import (
    Relationship,
    RelationshipInfo,
    RepresentationRules,
    proven_by_registry,
    registry_relationship,
    relationships_for,
)


def _value(text: str, name: str = "") -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    if name:
        label.setObjectName(name)
    return label


class RepresentativePage(Page):
    """Shown at PROCEDURE_DECIDED when the decision requires a legal representative."""

    title = t("Người đại diện hợp pháp")
    step_label = t("Người đại diện")
    next_label = t("Ghi người đại diện")

    def __init__(self, rules: RepresentationRules, ages: AgeRules) -> None:
        super().__init__()
        self._rules = rules
        self._case: CaseFile | None = None
        self._person: Citizen | None = None
        hint = QLabel(t("Công dân dưới {age} tuổi: cha, mẹ hoặc người giám hộ làm thủ tục; "
                        "người mất năng lực hành vi dân sự hoặc có khó khăn trong nhận thức, "
                        "làm chủ hành vi: người giám hộ hỗ trợ. Nhập số định danh cá nhân của "
                        "người đại diện rồi nhấn Enter để tra cứu trong CSDLQG về dân cư.")
                      .format(age=ages.representative_below))
        hint.setWordWrap(True)
        self.layout_.addWidget(hint)
        # Why an adult needs one: the court decision declared on the procedure page.
        self.capacity = _value("", "capacityNote")
        self.capacity.hide()
        self.layout_.addWidget(self.capacity)
        self._build_applicant()
        self._build_search()
        self._build_found()
        self.layout_.addStretch(1)
        self._show_person(None)

    def _build_applicant(self) -> None:
        applicant = QGroupBox(t("Công dân được đại diện (CSDLQG về dân cư)"))
        rows = QFormLayout(applicant)
        self.applicant = _value("", "representedName")
        self.father = _value("", "registryFather")
        self.mother = _value("", "registryMother")
        rows.addRow(t("Họ và tên:"), self.applicant)
        rows.addRow(t("Cha:"), self.father)
        rows.addRow(t("Mẹ:"), self.mother)
        self.layout_.addWidget(applicant)

    def _build_search(self) -> None:
        search = QHBoxLayout()
        search.addWidget(QLabel(t("Số định danh người đại diện:")))
        self.number = QLineEdit()
        self.number.setObjectName("representativeNumber")
        self.number.setPlaceholderText(t("12 chữ số"))
        self.number.setMaxLength(12)
        self.number.textChanged.connect(self._number_changed)
        self.number.returnPressed.connect(self._find)
        search.addWidget(self.number, 1)
        self.find_button = QPushButton(t("Tra cứu"))
        self.find_button.setObjectName("findRepresentative")
        self.find_button.setAutoDefault(True)  # Enter on the focused button looks up
        self.find_button.clicked.connect(self._find)
        search.addWidget(self.find_button)
        self.layout_.addLayout(search)

    def _build_found(self) -> None:
        self.found = QGroupBox(t("Người đại diện (CSDLQG về dân cư)"))
        self.found.setObjectName("representativeFound")
        self.form = QFormLayout(self.found)
        self.name = _value("", "representativeName")
        self.birth = _value("", "representativeBirth")
        self.relationship = QComboBox()
        self.relationship.setObjectName("relationship")
        self._offer(self._rules.relationships)
        self.relationship.currentIndexChanged.connect(self._relationship_changed)
        keys.on_enter(self.relationship, self.submit)  # records, as on the evidence
        self.proof = _value("", "representativeProof")
        self.evidence = QLineEdit()
        self.evidence.setObjectName("representativeEvidence")
        self.evidence.textChanged.connect(self.changed)
        self.evidence.returnPressed.connect(self.submit)
        self.form.addRow(t("Họ và tên:"), self.name)
        self.form.addRow(t("Ngày sinh:"), self.birth)
        self.form.addRow(t("Quan hệ với công dân:"), self.relationship)
        self.form.addRow(self.proof)
        self.form.addRow(t("Giấy tờ chứng minh:"), self.evidence)
        self.layout_.addWidget(self.found)

    # -- what the shell calls ----------------------------------------------------------------
    def show_case(self, case: CaseFile | None) -> None:
        same = (case is not None and self._case is not None and case.code == self._case.code)
        self._case = case
        if case is None:
            return
        c = case.citizen
        self.applicant.setText(t("{name}, sinh ngày {birth}").format(
            name=c.full_name, birth=f"{c.date_of_birth:%d/%m/%Y}"))
        self.father.setText(c.father_name or t("(không có thông tin)"))
        self.mother.setText(c.mother_name or t("(không có thông tin)"))
        declared = case.capacity
        self.capacity.setText(t("Căn cứ: {document} ({basis}).").format(
            document=declared.document, basis=declared.kind.basis) if declared else "")
        self.capacity.setVisible(declared is not None)
        if not same:
            # An adult's representative is a guardian; a child's a parent or a guardian. The
            # age on the day the case was opened (the desk checks it again on the day).
            self._offer(relationships_for(c, on=case.opened_at.date(), rules=self._rules))
            self.number.setText(case.representative_id or "")
            self._show_person(None)

    def show_person(self, person: Citizen) -> None:
        """The person the lookup found (already checked: an adult, not the applicant)."""
        self._show_person(person)
        self.settle_focus()

    def settle_focus(self, fallback: QWidget | None = None) -> None:
        """Where the clerk's keyboard goes next: the number, the evidence, or the choice
        (never the shell's Next: Enter records)."""
        if self._person is None:
            self.number.setFocus()
            self.number.selectAll()
        elif self._needs_document() and not self.evidence.text().strip():
            self.evidence.setFocus()
        else:
            self.relationship.setFocus()

    def next_intent(self) -> Intent | None:
        choice = self.selected_relationship()
        if self._person is None or choice is None:
            return None
        evidence = self.evidence.text() if self._needs_document() else ""
        return RecordRepresentative(self._person, choice, evidence)

    def allows_back(self) -> bool:
        return True

    def selected_relationship(self) -> Relationship | None:
        data = self.relationship.currentData()
        return Relationship(data) if data else None

    # -- the page's own behaviour ---------------------------------------------------------
    def _offer(self, infos: tuple[RelationshipInfo, ...]) -> None:
        """The relationships the clerk may choose (labels are data: representation.toml)."""
        self.relationship.blockSignals(True)
        self.relationship.clear()
        self.relationship.addItem(t("— Chọn quan hệ —"), None)
        for info in infos:
            self.relationship.addItem(info.label, info.relationship.value)
        self.relationship.blockSignals(False)

    def _find(self) -> None:
        number = "".join(self.number.text().split())
        if number:
            self.intent.emit(FindRepresentative(number))

    def _number_changed(self) -> None:
        if self._person is not None and self._person.id_number != self.number.text().strip():
            self._show_person(None)  # a new number: look it up again before recording

    def _show_person(self, person: Citizen | None) -> None:
        self._person = person
        self.found.setVisible(person is not None)
        self.evidence.clear()
        preselect = None
        if person is not None and self._case is not None:
            self.name.setText(person.full_name)
            self.birth.setText(f"{person.date_of_birth:%d/%m/%Y}")
            preselect = registry_relationship(self._case.citizen, person, self._rules)
        offered = [self.relationship.itemData(i) for i in range(1, self.relationship.count())]
        wanted = (preselect.value if preselect else
                  offered[0] if person is not None and len(offered) == 1 else None)
        index = self.relationship.findData(wanted) if wanted in offered else 0
        self.relationship.setCurrentIndex(max(index, 0))
        self._relationship_changed()

    def _needs_document(self) -> bool:
        choice = self.selected_relationship()
        if choice is None or self._person is None or self._case is None:
            return False
        return not proven_by_registry(self._case.citizen, self._person, choice, self._rules)

    def _relationship_changed(self) -> None:
        choice = self.selected_relationship()
        needed = self._needs_document()
        self.form.setRowVisible(self.evidence, needed)
        self.proof.setVisible(choice is not None and self._person is not None)
        if choice is not None and self._person is not None and self._case is not None:
            info = self._rules.info(choice)
            self.evidence.setPlaceholderText(info.document)
            if needed:
                self.proof.setText(t("CSDLQG về dân cư không chứng minh quan hệ này: nhập giấy "
                                     "tờ người đại diện đã xuất trình."))
                set_state(self.proof, "bad")
            else:
                self.proof.setText(t("✔ CSDLQG về dân cư ghi {person} là {relationship} của "
                                     "{applicant}: không cần giấy tờ.").format(
                    person=self._person.full_name, relationship=info.label.lower(),
                    applicant=self._case.citizen.full_name))
                set_state(self.proof, "ok")
        self.changed.emit()
