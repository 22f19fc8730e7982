"""What the trainer panel needs, as plain Python (the panel itself belongs to kiosk/ui): the
scenarios, a lesson started on the case a trainee serves, faults injected live, the trainee's
progress read off the audit trail, the report at the end and the class summary.

The window serves the case as usual and calls the lesson's ``before_capture`` /
``before_print`` right before each capture and print (the scenario's cued faults fire there)
and ``shown`` with each error it shows the trainee; ``kiosk demo`` does the same through
kiosk/desk/player.py.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass
from datetime import date

from kiosk.desk.casefile import CaseFile
from kiosk.desk.desk import CounterDesk
from kiosk.desk.scenario import Scenario, load_all, load_scenario
from kiosk.desk.trainee_report import (
    LIVE,
    capture_tries,
    injected_faults,
    judge,
    save,
    saved_or_judged,
    scenario_of,
    shown_errors,
    step_times,
)
from kiosk.desk.training import FaultScript, Simulators, TrainingJournal
from kiosk.storage.training import TrainingReports
from kiosk.workflow.case import Step
from kiosk.workflow.trainee_record import (
    CaptureTries,
    ClassSummary,
    InjectedFault,
    ShownError,
    StepTime,
    TraineeReport,
    summarise,
)


@dataclass(frozen=True)
class Progress:
    """Where the trainee is: for the panel to follow a case as it unfolds."""

    case_code: str
    scenario: str | None
    step: str
    step_label: str
    finished: bool
    steps: tuple[StepTime, ...]
    captures: tuple[CaptureTries, ...]
    errors: tuple[ShownError, ...]
    faults: tuple[InjectedFault, ...]
    pending: Mapping[str, tuple[str, ...]]  # device kind -> faults queued, not yet played


class Lesson:
    """One scenario played on one case at the desk."""

    def __init__(self, scenario: Scenario, case_code: str, script: FaultScript,
                 journal: TrainingJournal) -> None:
        self.scenario = scenario
        self.case_code = case_code
        self._script = script
        self._journal = journal

    def before_capture(self, case: CaseFile, at: str) -> None:
        """``at``: face, left_four, right_four, thumbs or iris."""
        self._script.before_capture(case, at)

    def before_print(self, case: CaseFile, form: str) -> None:
        self._script.before_print(case, form)

    def shown(self, error: Exception, at: str) -> None:
        """An error the window showed the trainee (at a position, a form or a step)."""
        self._journal.error(self.case_code, error, at)


class TrainerConsole:
    def __init__(self, desk: CounterDesk, simulators: Simulators, reports: TrainingReports, *,
                 faults: Mapping[str, Collection[str]]) -> None:
        self.desk = desk
        self.simulators = simulators
        self.reports = reports
        self.faults = faults  # kind -> fault names, to check scenario files with
        self.journal = TrainingJournal(desk.audit, desk.clock, lambda: desk.operator)
        self._lessons: dict[str, Lesson] = {}

    def scenarios(self) -> list[Scenario]:
        return load_all(self.desk.profile.resources_dir, self.faults)

    def start(self, name: str, case: CaseFile) -> Lesson:
        """Play scenario ``name`` on ``case``, which the trainee opened for its citizen."""
        scenario = load_scenario(self.desk.profile.resources_dir, name, self.faults,
                                 lawbook=self.desk.lawbook)
        if case.citizen.id_number != scenario.visit.id_number:
            raise ValueError(f"Hồ sơ {case.code} không phải của công dân trong kịch bản "
                             f"«{scenario.title}»: mở hồ sơ đúng công dân rồi bắt đầu lại.")
        self.journal.scenario(case.code, name)
        lesson = Lesson(scenario, case.code,
                        FaultScript(scenario.faults, self.simulators, self.journal),
                        self.journal)
        self._lessons[case.code] = lesson
        return lesson

    def lesson(self, case_code: str) -> Lesson | None:
        return self._lessons.get(case_code)

    def inject(self, kind: str, fault: str, case_code: str | None = None) -> None:
        """A fault now, on the next capture (or print) of ``kind``; recorded on the case the
        trainee is serving, when given."""
        self.simulators.inject(kind, fault)
        if case_code is not None:
            self.journal.fault(case_code, kind, fault, LIVE, 0, cued=False)

    def progress(self, case_code: str) -> Progress:
        rows = self.desk.audit.for_case(case_code) if self.desk.audit is not None else []
        step = Step(self.desk.cases.step_of(case_code))
        return Progress(
            case_code, scenario_of(rows), step.value, step.label, step.is_final,
            tuple(step_times(rows)[0]), tuple(capture_tries(rows)), tuple(shown_errors(rows)),
            tuple(injected_faults(rows, self.fault_labels())),
            {kind: tuple(self.simulators.pending(kind)) for kind in self.simulators.kinds()})

    def finish(self, case_code: str) -> TraineeReport:
        """Judge the ended case and save its report (a second call judges it again)."""
        report = judge(self.desk, case_code, self.fault_labels())
        save(self.reports, report, self.desk.clock())
        self._lessons.pop(case_code, None)
        return report

    def report(self, case_code: str) -> TraineeReport:
        return saved_or_judged(self.desk, self.reports, case_code, self.desk.clock(),
                               self.fault_labels())

    def fault_labels(self) -> dict[str, str]:
        """Fault name -> the trainer's wording, for every simulated device."""
        return {name: label for kind in self.simulators.kinds()
                for name, label in self.simulators.faults(kind)}

    def summary(self, day: date | None = None) -> ClassSummary:
        return summarise([TraineeReport.from_json(stored.body)
                          for stored in self.reports.played(day)], day)
