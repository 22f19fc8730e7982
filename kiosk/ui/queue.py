"""Today's queue of the desk: the cases it works on, those waiting from earlier days, those
finished today, with counts; an open one is resumed with Enter or a double click.

The groups are the desk's (kiosk.desk.desk.DayQueue): "Đang làm" are open cases opened today,
"Chờ" open cases carried over from an earlier day (the citizen comes back, or the case is to
be cancelled), "Đã xong" cases closed, refused or cancelled today. A group by the day the case
was opened needs no threshold of idle minutes, and a case does not move between groups while
the clerk reads the list.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from kiosk.desk.desk import DayQueue
from kiosk.storage.cases import CaseSummary
from kiosk.ui import shortcuts as keys
from kiosk.ui.i18n import t
from kiosk.workflow.case import Step

CODE_ROLE = Qt.ItemDataRole.UserRole
CURRENT_TINT = QColor("#fff1cc")


def counts_text(queue: DayQueue) -> str:
    """The tab's title: how many in each group."""
    return t("Hàng chờ hôm nay: {working} đang làm · {waiting} chờ · {done} xong").format(
        working=len(queue.working), waiting=len(queue.waiting), done=len(queue.done))


def _lower_first(text: str) -> str:
    """Mid-line: "Đã kết thúc" -> "đã kết thúc", "Giấy hẹn (CC02)" keeps its capitals."""
    return text[:1].lower() + text[1:]


def next_to_do(step: str, page_name: Callable[[Step], str]) -> str:
    """What the clerk does next when resuming a case saved at ``step``: the page it opens on
    (``page_name``, the wizard's names of its pages), or how it ended; a step this version
    does not know, as saved."""
    try:
        known = Step(step)
    except ValueError:
        return step
    if known.is_final:
        return _lower_first(known.label)
    return t("tiếp theo: {page}").format(page=_lower_first(page_name(known)))


class _Group(QGroupBox):
    """One group of the queue: a titled list of cases."""

    def __init__(self, name: str, tooltip: str, page_name: Callable[[Step], str]) -> None:
        super().__init__()
        self.setToolTip(tooltip)
        self.page_name = page_name
        layout = QVBoxLayout(self)
        self.list = QListWidget()
        self.list.setObjectName(name)
        self.list.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.list.setAlternatingRowColors(True)
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        layout.addWidget(self.list)

    def fill(self, title: str, cases: tuple[CaseSummary, ...], when: str,
             current: str | None) -> None:
        self.setTitle(title)
        chosen = self.list.selectedItems()
        keep = chosen[0].data(CODE_ROLE) if chosen else None  # chosen again after the refill
        self.list.clear()
        if not cases:
            empty = QListWidgetItem(t("Không có hồ sơ"))
            empty.setFlags(Qt.ItemFlag.NoItemFlags)
            self.list.addItem(empty)
            return
        for case in cases:
            stamp = _stamp(case, when)
            mark = "► " if case.code == current else ""
            # Three short lines rather than one wrapped: a list view elides more than it wraps.
            step = next_to_do(case.step, self.page_name)
            text = f"{mark}{case.code} · {stamp}\n{case.citizen_name}\n{step}"
            item = QListWidgetItem(text)
            item.setData(CODE_ROLE, case.code)
            item.setToolTip(text)  # a name too long for the column
            if case.code == current:
                item.setBackground(CURRENT_TINT)
                item.setToolTip(text + "\n" + t("Hồ sơ đang mở ở trang tiếp nhận"))
            self.list.addItem(item)
            if case.code == keep:
                self.list.setCurrentItem(item)

    def codes(self) -> list[str]:
        return [str(code) for row in range(self.list.count())
                if (code := self.list.item(row).data(CODE_ROLE)) is not None]


def _stamp(case: CaseSummary, when: str) -> str:
    moment: datetime = case.opened_at
    if when == "done" and case.updated_at is not None:
        return t("xong {time}").format(time=f"{case.updated_at:%H:%M}")
    if when == "waiting":
        return t("mở {date}").format(date=f"{moment:%d/%m %H:%M}")
    return t("mở {time}").format(time=f"{moment:%H:%M}")


class DayQueuePanel(QWidget):
    """Signals:
        resume: the clerk chose an open case (its code) to continue from its saved step.
    """

    resume = Signal(str)

    def __init__(self, page_name: Callable[[Step], str]) -> None:
        """``page_name``: the wizard's name of the page a case at a step opens on (what the
        clerk does next on each open case)."""
        super().__init__()
        self.setObjectName("dayQueue")
        layout = QVBoxLayout(self)
        hint = QLabel(t("Hồ sơ của bàn này. Chọn một hồ sơ đang làm hoặc đang chờ rồi bấm "
                        "{resume} (hoặc nhấp đúp) để tiếp tục từ bước đã lưu. {stop} hoặc "
                        "{queue} để quay về trang tiếp nhận.").format(
            resume=keys.RESUME.shown, stop=keys.STOP.shown, queue=keys.QUEUE.shown))
        hint.setWordWrap(True)
        layout.addWidget(hint)
        self.working = _Group("queueWorking", t("Hồ sơ chưa xong, mở hôm nay"), page_name)
        self.waiting = _Group("queueWaiting",
                              t("Hồ sơ chưa xong từ ngày trước: tiếp tục khi công dân quay lại, "
                                "hoặc hủy"), page_name)
        self.done = _Group("queueDone", t("Hồ sơ đã kết thúc, bị từ chối hoặc đã hủy hôm nay"),
                           page_name)
        groups = QHBoxLayout()
        for group in (self.working, self.waiting, self.done):
            groups.addWidget(group, 1)
        for group in (self.working, self.waiting):
            group.list.itemActivated.connect(self._activated)
        for group in (self.working, self.waiting, self.done):
            group.list.itemSelectionChanged.connect(
                lambda chosen=group.list: self._selection_changed(chosen))
        layout.addLayout(groups, 1)
        bottom = QHBoxLayout()
        self.status = QLabel("")
        self.status.setObjectName("queueStatus")
        self.status.setWordWrap(True)
        bottom.addWidget(self.status, 1)
        self.resume_button = QPushButton(t("Tiếp tục hồ sơ đã chọn"))
        self.resume_button.setObjectName("queueResume")
        self.resume_button.setEnabled(False)
        self.resume_button.clicked.connect(self._resume_chosen)
        keys.hint(self.resume_button, keys.RESUME)
        bottom.addWidget(self.resume_button)
        layout.addLayout(bottom)

    def show_queue(self, queue: DayQueue, current: str | None) -> None:
        """Show the desk's day; ``current`` is the case open in the wizard (marked)."""
        self.working.fill(t("Đang làm ({count})").format(count=len(queue.working)),
                          queue.working, "working", current)
        self.waiting.fill(t("Chờ — từ ngày trước ({count})").format(count=len(queue.waiting)),
                          queue.waiting, "waiting", current)
        self.done.fill(t("Đã xong hôm nay ({count})").format(count=len(queue.done)),
                       queue.done, "done", current)
        self._update_resume()

    def show_status(self, message: str) -> None:
        self.status.setText(message)

    def focus_first(self) -> None:
        """Give the keyboard to the first group with an open case (its first row chosen)."""
        for group in (self.working, self.waiting, self.done):
            if group.codes():
                if not group.list.selectedItems():
                    group.list.setCurrentRow(0)
                group.list.setFocus()
                return
        self.working.list.setFocus()

    def chosen(self) -> str | None:
        """The open case chosen in the list, if any (a finished one cannot be resumed)."""
        for group in (self.working, self.waiting):
            for item in group.list.selectedItems():
                code = item.data(CODE_ROLE)
                if code is not None:
                    return str(code)
        return None

    def _selection_changed(self, chosen: QListWidget) -> None:
        """One case is chosen at a time, across the three groups."""
        if chosen.selectedItems():
            for group in (self.working, self.waiting, self.done):
                if group.list is not chosen:
                    group.list.clearSelection()
        self._update_resume()

    def _update_resume(self) -> None:
        self.resume_button.setEnabled(self.chosen() is not None)

    def _activated(self, item: QListWidgetItem) -> None:
        code = item.data(CODE_ROLE)
        if code is not None:
            self.resume.emit(str(code))

    def _resume_chosen(self) -> None:
        code = self.chosen()
        if code is not None:
            self.resume.emit(code)
