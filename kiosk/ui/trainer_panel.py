"""The trainer's panel (trainer mode, trainer role only): play a scenario on the case open at
the desk, make a device misbehave now, follow the trainee's progress, and judge the case at
its end. Everything it reads or writes goes through kiosk/desk/trainer.py's TrainerConsole
on a worker; the wizard tells the lesson of each capture, print and error (Coach)."""

from __future__ import annotations

from collections.abc import Callable
from html import escape
from typing import Any

from PySide6.QtCore import QTimer
from PySide6.QtGui import QHideEvent, QShowEvent
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from kiosk.desk.casefile import CaseFile
from kiosk.desk.trainer import Progress, TrainerConsole
from kiosk.ui.i18n import t
from kiosk.ui.style import set_state
from kiosk.ui.worker import Worker
from kiosk.workflow.trainee_record import TraineeReport

PROGRESS_MS = 2000
CAPTURE_CUES = ("face", "left_four", "right_four", "thumbs", "iris")


class LessonCoach:
    """The wizard's Coach: the scenario's cued faults before each capture or print, and the
    errors the trainee was shown, for the lesson played on that case (none: nothing)."""

    def __init__(self, console: TrainerConsole) -> None:
        self.console = console

    def before(self, case: CaseFile, cue: str) -> None:
        lesson = self.console.lesson(case.code)
        if lesson is None:
            return
        if cue in CAPTURE_CUES:
            lesson.before_capture(case, cue)
        else:
            lesson.before_print(case, cue)

    def shown(self, case: CaseFile, error: BaseException, cue: str) -> None:
        lesson = self.console.lesson(case.code)
        if lesson is not None and isinstance(error, Exception):
            lesson.shown(error, cue)


class TrainerPanel(QWidget):
    def __init__(self, console: TrainerConsole, current_case: Callable[[], CaseFile | None]
                 ) -> None:
        super().__init__()
        self.setObjectName("trainerPanel")
        self.console = console
        self._current_case = current_case
        self._case_code: str | None = None  # the case the panel follows
        self._scenarios: dict[str, Any] = {}  # name -> Scenario, once read
        self.worker = Worker(self)
        layout = QVBoxLayout(self)
        layout.addWidget(self._scenario_box())
        layout.addWidget(self._fault_box())
        progress = QGroupBox(t("Tiến độ của học viên"))
        box = QVBoxLayout(progress)
        self.progress = QLabel(t("Chưa theo dõi hồ sơ nào."))
        self.progress.setObjectName("trainerProgress")
        self.progress.setWordWrap(True)
        box.addWidget(self.progress)
        box.addStretch(1)
        self.judge_button = QPushButton(t("Chấm kết quả hồ sơ"))
        self.judge_button.setObjectName("trainerJudge")
        self.judge_button.clicked.connect(self._judge)
        box.addWidget(self.judge_button)
        layout.addWidget(progress, 1)
        self.status = QLabel()
        self.status.setObjectName("trainerStatus")
        self.status.setWordWrap(True)
        layout.addWidget(self.status)
        self._timer = QTimer(self)  # runs while the panel is shown: each tick reads the DB
        self._timer.setInterval(PROGRESS_MS)
        self._timer.timeout.connect(self.refresh)
        self.worker.submit(console.scenarios, self._fill_scenarios, self._failed)

    def _scenario_box(self) -> QGroupBox:
        group = QGroupBox(t("Kịch bản"))
        form = QFormLayout(group)
        self.scenario = QComboBox()
        self.scenario.setObjectName("trainerScenario")
        self.scenario.currentIndexChanged.connect(self._describe_scenario)
        form.addRow(t("Kịch bản:"), self.scenario)
        self.story = QLabel()
        self.story.setWordWrap(True)
        form.addRow(self.story)
        self.start_button = QPushButton(t("Bắt đầu kịch bản cho hồ sơ đang mở"))
        self.start_button.setObjectName("trainerStart")
        self.start_button.clicked.connect(self._start)
        form.addRow(self.start_button)
        return group

    def _fault_box(self) -> QGroupBox:
        group = QGroupBox(t("Gây lỗi thiết bị ngay"))
        row = QHBoxLayout(group)
        self.device = QComboBox()
        self.device.setObjectName("trainerDevice")
        self.fault = QComboBox()
        self.fault.setObjectName("trainerFault")
        for kind in self.console.simulators.kinds():
            self.device.addItem(DEVICE_LABELS.get(kind, kind), kind)
        self.device.currentIndexChanged.connect(self._fill_faults)
        self._fill_faults()
        self.inject_button = QPushButton(t("Gây lỗi"))
        self.inject_button.setObjectName("trainerInject")
        self.inject_button.clicked.connect(self._inject)
        row.addWidget(self.device)
        row.addWidget(self.fault, 1)
        row.addWidget(self.inject_button)
        return group

    # -- scenarios ---------------------------------------------------------------------------
    def _fill_scenarios(self, scenarios: list[Any]) -> None:
        self._scenarios = {s.name: s for s in scenarios}
        for scenario in scenarios:
            self.scenario.addItem(scenario.title, scenario.name)

    def _describe_scenario(self) -> None:
        scenario = self._scenarios.get(self.scenario.currentData())
        if scenario is not None:
            self.story.setText(t("{story}\nCông dân: số định danh {id_number}.").format(
                story=scenario.story.strip(), id_number=scenario.visit.id_number))

    def _start(self) -> None:
        case, name = self._current_case(), self.scenario.currentData()
        if case is None or not name:
            self._say(t("Học viên mở hồ sơ của công dân trong kịch bản trước, rồi bấm bắt "
                        "đầu."), "bad")
            return
        console = self.console
        self._case_code = case.code
        self.worker.submit(lambda: console.start(name, case),
                           lambda _lesson: self._say(t("Đang chạy kịch bản trên hồ sơ {code}.")
                                                     .format(code=case.code), "ok"),
                           self._failed)

    # -- faults ------------------------------------------------------------------------------
    def _fill_faults(self) -> None:
        self.fault.clear()
        kind = self.device.currentData()
        for name, label in self.console.simulators.faults(kind) if kind else ():
            self.fault.addItem(label, name)

    def _inject(self) -> None:
        kind, fault = self.device.currentData(), self.fault.currentData()
        if not kind or not fault:
            return
        case = self._current_case()
        code = case.code if case is not None else None
        console = self.console
        self.worker.submit(lambda: console.inject(kind, fault, code),
                           lambda _none: self._say(t("Đã gây lỗi «{fault}» cho lần dùng tiếp "
                                                     "theo của thiết bị.").format(
                               fault=self.fault.currentText()), "ok"),
                           self._failed)

    # -- progress and report -----------------------------------------------------------------
    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt override
        super().showEvent(event)
        self.refresh()  # at once, not a tick later
        self._timer.start()

    def hideEvent(self, event: QHideEvent) -> None:  # noqa: N802 - Qt override
        self._timer.stop()
        super().hideEvent(event)

    @property
    def following(self) -> bool:
        """Whether the panel is reading the case's progress (only while it is shown)."""
        return self._timer.isActive()

    def refresh(self) -> None:
        case = self._current_case()
        if case is not None:
            self._case_code = case.code
        code = self._case_code
        if code is None or self.worker.busy:
            return
        console = self.console
        self.worker.submit(lambda: console.progress(code), self._show_progress, self._failed)

    def _show_progress(self, progress: Progress) -> None:
        lines = [t("<b>Hồ sơ {code}</b> — bước: {step}{done}").format(
            code=escape(progress.case_code), step=escape(progress.step_label),
            done=t(" (đã kết thúc)") if progress.finished else "")]
        if progress.scenario:
            known = self._scenarios.get(progress.scenario)
            lines.append(t("Kịch bản: {name}").format(
                name=escape(known.title if known is not None else progress.scenario)))
        lines += [t("{label}: {attempts} lần thu nhận, {errors} lỗi thiết bị").format(
            label=escape(c.label), attempts=c.attempts, errors=c.device_errors)
            for c in progress.captures]
        lines += [t("Lỗi đã hiện: {where} — {label}").format(where=escape(e.where),
                                                             label=escape(e.label))
                  for e in progress.errors]
        queued = [f"{kind}: {', '.join(faults)}" for kind, faults in progress.pending.items()
                  if faults]
        if queued:
            lines.append(t("Lỗi đang chờ: {faults}").format(faults=escape("; ".join(queued))))
        self.progress.setText("<br>".join(lines))
        self.judge_button.setEnabled(progress.finished)

    def _judge(self) -> None:
        code = self._case_code
        if code is None:
            return
        console = self.console
        self.worker.submit(lambda: console.finish(code), self._show_report, self._failed)

    def _show_report(self, report: TraineeReport) -> None:
        if report.clean:
            self._say(t("Hồ sơ {code}: không có lỗi. Báo cáo đã lưu (kiosk training report "
                        "{code} --pdf …).").format(code=report.case_code), "ok")
            return
        wrong = "; ".join(f"{m.title}: {m.made} (đúng: {m.expected})" for m in report.mistakes)
        self._say(t("Hồ sơ {code}: {count} lỗi — {wrong}. Báo cáo đã lưu.").format(
            code=report.case_code, count=len(report.mistakes), wrong=wrong), "bad")

    def _failed(self, error: BaseException) -> None:
        self._say(getattr(error, "message", None) or str(error), "bad")

    def _say(self, text: str, state: str) -> None:
        self.status.setText(text)
        set_state(self.status, state)


DEVICE_LABELS = {"face": t("Camera"), "fingerprint": t("Máy vân tay"),
                 "iris": t("Máy mống mắt"), "printer": t("Máy in")}
