"""Find the citizen: scan the QR code of their card, type the ID number or former CMND, or
search by full name and birth date and choose among the people who share them."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date

from PySide6.QtCore import QDate, QEvent, QObject, Qt
from PySide6.QtGui import QHideEvent, QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QAbstractScrollArea,
    QDateEdit,
    QFormLayout,
    QGroupBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from kiosk.desk.casefile import CaseFile
from kiosk.registry.base import LookupQuery, RegistryError
from kiosk.registry.cardqr import looks_like_card_qr, parse_card_qr
from kiosk.storage.cases import CaseSummary
from kiosk.ui import shortcuts as keys
from kiosk.ui.i18n import t
from kiosk.ui.intents import ChooseCitizen, Intent, Lookup, Resume
from kiosk.ui.pages.base import Page
from kiosk.ui.queue import next_to_do
from kiosk.workflow.case import Step
from kiosk.workflow.people import Citizen

USER_ROLE = Qt.ItemDataRole.UserRole
DEFAULT_BIRTH = QDate(1990, 1, 1)
LIST_ROWS = 3  # the least each list (namesakes, open cases) shows before scrolling


def _shares_height(listing: QAbstractItemView) -> None:
    """A list as tall as its rows (at least LIST_ROWS), growing into the height left: with its
    fixed size hint (192 px), which the page's scroll area gives it, the open cases and their
    button went below the fold at 1200 x 820 once the namesakes were shown."""
    listing.setSizeAdjustPolicy(QAbstractScrollArea.SizeAdjustPolicy.AdjustToContents)
    rows = LIST_ROWS + (1 if isinstance(listing, QTreeWidget) else 0)  # and its header
    listing.setMinimumHeight(rows * (listing.fontMetrics().height() + 4)
                             + 2 * listing.frameWidth())


class LookupPage(Page):
    """The first page: the number field has the keyboard, Enter searches.

    A 2D scanner that types like a keyboard sends the card's whole QR payload and then Enter;
    the page recognises the payload by its ``|`` separators (not by the typing speed), looks
    the citizen up by the ID number in it and carries what the card says with the Lookup.
    """

    title = t("Tra cứu công dân")
    next_label = t("Tra cứu")

    def __init__(self, page_name: Callable[[Step], str]) -> None:
        """``page_name``: the wizard's name of the page a case at a step opens on (the open
        cases say what comes next, in the day's queue's words)."""
        super().__init__()
        self._page_name = page_name
        self._matches: tuple[Citizen, ...] = ()
        hint = QLabel(t("Quét mã QR trên thẻ căn cước / CCCD, hoặc nhập số định danh cá nhân "
                        "(12 số) hay số CMND cũ (9 số). Nếu công dân không nhớ số, tra cứu "
                        "theo họ tên và ngày sinh."))
        hint.setWordWrap(True)
        self.layout_.addWidget(hint)
        key_help = QLabel(t("Phím tắt: Enter để tra cứu · Tab sang ô tiếp theo · Alt + phím "
                            "chữ gạch chân để đến ô đó · ↑ ↓ rồi Enter để chọn trong danh "
                            "sách."))
        key_help.setObjectName("lookupKeys")
        key_help.setWordWrap(True)
        self.layout_.addWidget(key_help)
        self._build_search()
        self._build_matches()
        self._build_open_cases()
        for first, second in ((self.number, self.full_name), (self.full_name, self.birth),
                              (self.birth, self.matches), (self.matches, self.open_list),
                              (self.open_list, self.resume_button)):
            QWidget.setTabOrder(first, second)
        self._last_field: QWidget = self.number
        self._show_matches(())

    def _build_search(self) -> None:
        form = QFormLayout()
        self.number = QLineEdit()  # no length limit: a scanned QR payload is long
        self.number.setObjectName("lookupNumber")
        self.number.setPlaceholderText(t("Quét mã QR, hoặc gõ 12 số định danh / 9 số CMND cũ "
                                         "rồi nhấn Enter"))
        form.addRow(t("&Số định danh / CMND / mã QR:"), self.number)
        self.full_name = QLineEdit()
        self.full_name.setObjectName("lookupName")
        self.full_name.setPlaceholderText(t("Họ, chữ đệm và tên khai sinh, có dấu; Tab sang "
                                            "ngày sinh"))
        form.addRow(t("hoặc &Họ và tên:"), self.full_name)
        self.birth = QDateEdit()
        self.birth.setObjectName("lookupBirth")
        self.birth.setDisplayFormat("dd/MM/yyyy")
        self.birth.setCalendarPopup(True)
        self.birth.setDate(DEFAULT_BIRTH)
        self.birth.setToolTip(t("Gõ ngày, tháng, năm liền nhau (ví dụ 15031996) rồi nhấn Enter"))
        keys.on_enter(self.birth, lambda: self._submit(self.birth))
        self.birth.installEventFilter(self)  # Tab
        form.addRow(t("&Ngày sinh (Enter để tra cứu):"), self.birth)
        self.layout_.addLayout(form)
        self.problem = QLabel()
        self.problem.setObjectName("lookupProblem")
        self.problem.setWordWrap(True)
        self.problem.setProperty("state", "bad")
        self.layout_.addWidget(self.problem)
        for field in (self.number, self.full_name):
            field.textChanged.connect(self._edited)
            field.returnPressed.connect(lambda field=field: self._submit(field))
        self.birth.dateChanged.connect(self._edited)

    def _build_matches(self) -> None:
        self.matches_box = QGroupBox(t("&Kết quả tra cứu"))
        self.matches_box.setObjectName("lookupMatches")
        box = QVBoxLayout(self.matches_box)
        self.matches_note = QLabel()
        self.matches_note.setObjectName("matchesNote")
        self.matches_note.setWordWrap(True)
        box.addWidget(self.matches_note)
        self.matches = QTreeWidget()
        self.matches.setObjectName("citizenMatches")
        self.matches.setHeaderLabels([t("Họ và tên"), t("Ngày sinh"), t("Số định danh"),
                                      t("Nơi cư trú")])
        self.matches.setRootIsDecorated(False)
        self.matches.setAllColumnsShowFocus(True)
        self.matches.setWordWrap(True)
        self.matches.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        header = self.matches.header()
        header.setStretchLastSection(True)
        for column in range(3):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        _shares_height(self.matches)
        self.matches.itemActivated.connect(lambda _item, _column: self.submit())
        self.matches.currentItemChanged.connect(lambda *_: self.changed.emit())
        box.addWidget(self.matches)
        self.layout_.addWidget(self.matches_box, 1)

    def _build_open_cases(self) -> None:
        waiting = QGroupBox(t("Hồ sơ đang &mở (tiếp tục từ bước đã lưu)"))
        box = QVBoxLayout(waiting)
        self.open_list = QListWidget()
        self.open_list.setObjectName("openCases")
        _shares_height(self.open_list)
        self.open_list.itemActivated.connect(lambda _item: self._resume())  # Enter, double-click
        box.addWidget(self.open_list)
        self.resume_button = QPushButton(t("Tiếp tục hồ sơ đã chọn ({keys} trong danh "
                                           "sách)").format(keys=keys.RESUME.shown))
        self.resume_button.setObjectName("resumeCase")
        self.resume_button.setAutoDefault(True)  # Enter on the focused button resumes
        self.resume_button.clicked.connect(self._resume)
        box.addWidget(self.resume_button)
        self.layout_.addWidget(waiting, 1)

    # -- what the shell calls ----------------------------------------------------------------
    def show_case(self, case: CaseFile | None) -> None:
        """What the clerk typed stays (a failed search is corrected, not retyped) until the
        page is left; the keyboard goes back to it."""
        self.settle_focus()

    def show_open_cases(self, summaries: Sequence[CaseSummary]) -> None:
        """The open cases, as the window last read them (off the UI thread, with the day's
        queue); the one chosen stays chosen, else the first."""
        chosen = self.open_list.currentItem()
        keep = chosen.data(USER_ROLE) if chosen is not None else None
        self.open_list.clear()
        for summary in summaries:
            step = next_to_do(summary.step, self._page_name)
            item = QListWidgetItem(f"{summary.code} — {summary.citizen_name} — {step}")
            item.setData(USER_ROLE, summary.code)
            self.open_list.addItem(item)
            if summary.code == keep:
                self.open_list.setCurrentItem(item)
        if self.open_list.count() and self.open_list.currentItem() is None:
            self.open_list.setCurrentRow(0)
        self.resume_button.setEnabled(self.open_list.count() > 0)

    def show_matches(self, people: tuple[Citizen, ...]) -> None:
        """Several people share the name and birth date searched: list them to choose from."""
        self._show_matches(people)
        self.settle_focus()

    def settle_focus(self, fallback: QWidget | None = None) -> None:
        """The list to choose from, else the field the clerk searched with, text selected so
        that a new scan or number replaces it (never the shell's Next: Enter searches)."""
        if self._matches:
            self.matches.setFocus()
            return
        self._last_field.setFocus()
        if isinstance(self._last_field, QLineEdit):
            self._last_field.selectAll()

    def focus_number(self) -> None:
        """The number field, its text selected (the lookup shortcut: a new scan or number
        replaces it)."""
        self.number.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.number.selectAll()

    def next_intent(self) -> Intent | None:
        if self._matches:
            return self._chosen()
        try:
            return self._search()
        except RegistryError:
            return None

    # -- the page's own behaviour ---------------------------------------------------------
    def _search(self) -> Lookup | None:
        """What the fields ask for; RegistryError says what is wrong with them."""
        scanned = next((field.text() for field in (self.number, self.full_name)
                        if looks_like_card_qr(field.text())), None)
        if scanned is not None:  # the scanner typed into whichever field had the keyboard
            card = parse_card_qr(scanned)
            return Lookup(LookupQuery(id_number=card.id_number), card)
        number = self.number.text().strip()
        if number:
            return Lookup(LookupQuery.from_text(number))
        name = self.full_name.text().strip()
        if name:
            birth = self.birth.date()
            return Lookup(LookupQuery(full_name=name,
                                      date_of_birth=date(birth.year(), birth.month(),
                                                         birth.day())))
        return None

    def _submit(self, field: QWidget) -> None:
        """Enter in a field searches with what is typed (the list shown is left behind)."""
        self._last_field = field
        try:
            intent = self._search()
        except RegistryError as error:
            self._show_problem(error.message)
            self.settle_focus()
            return
        if intent is not None:
            self.intent.emit(intent)

    def _chosen(self) -> ChooseCitizen | None:
        item = self.matches.currentItem()
        if item is None:
            return None
        return ChooseCitizen(self._matches[int(item.data(0, USER_ROLE))])

    def _resume(self) -> None:
        item = self.open_list.currentItem()
        if item is not None:
            self.intent.emit(Resume(str(item.data(USER_ROLE))))

    def _edited(self) -> None:
        """New input: the list and the complaint were about the previous one."""
        self._show_problem("")
        if self._matches:
            self._show_matches(())
        self.changed.emit()

    def _show_problem(self, message: str) -> None:
        self.problem.setText(message)
        self.problem.setVisible(bool(message))

    def _show_matches(self, people: tuple[Citizen, ...]) -> None:
        self._matches = people
        self.matches.clear()
        items = [QTreeWidgetItem([person.full_name, f"{person.date_of_birth:%d/%m/%Y}",
                                  person.id_number, person.residence_to_print])
                 for person in people]
        for index, (item, person) in enumerate(zip(items, people, strict=True)):
            item.setToolTip(3, person.residence_to_print)
            item.setData(0, USER_ROLE, index)
            self.matches.addTopLevelItem(item)
        if items:
            self.matches.setCurrentItem(items[0])
            self.matches_note.setText(t(
                "{count} người cùng họ tên và ngày sinh. Hỏi thêm nơi cư trú hoặc số định danh "
                "để chọn đúng người: ↑ ↓ rồi Enter mở hồ sơ.").format(count=len(people)))
        self.matches_box.setVisible(bool(people))
        self.next_label = t("Mở hồ sơ người đã chọn") if people else type(self).next_label
        self.changed.emit()

    def _reset(self) -> None:
        """A clean page for the next citizen: nothing of the last one stays on screen."""
        for field in (self.number, self.full_name):
            field.blockSignals(True)
            field.clear()
            field.blockSignals(False)
        self.birth.blockSignals(True)
        self.birth.setDate(DEFAULT_BIRTH)
        self.birth.blockSignals(False)
        self._last_field = self.number
        self._show_problem("")
        self._show_matches(())

    def hideEvent(self, event: QHideEvent) -> None:  # noqa: N802 - Qt override
        """Left for a case, or the screen locked: what was typed goes (a minimised window
        keeps it)."""
        if not event.spontaneous():
            self._reset()
        super().hideEvent(event)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        """Tab leaves the birth date (typing the digits already moves from day to month to
        year); Enter there searches, as in the text fields (keys.on_enter)."""
        if (watched is self.birth and isinstance(event, QKeyEvent)
                and event.type() == QEvent.Type.KeyPress
                and event.key() in (Qt.Key.Key_Tab, Qt.Key.Key_Backtab)):
            self.focusNextPrevChild(event.key() == Qt.Key.Key_Tab)
            return True
        return super().eventFilter(watched, event)
