"""A trainee report as data: the findings of one case (kiosk/workflow/trainee.py), its times,
retries, errors and faults, and the summary of a class. Pure, so the desk builds it, storage
keeps it as JSON and printing lays it out without reaching into each other."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from datetime import date
from typing import Any

from kiosk.workflow.trainee import Finding, Topic, Verdict, mistakes


@dataclass(frozen=True)
class StepTime:
    step: str
    label: str
    seconds: int


@dataclass(frozen=True)
class CaptureTries:
    at: str  # face, left_four, right_four, thumbs, iris
    label: str
    attempts: int  # captures stored
    device_errors: int

    @property
    def retries(self) -> int:
        return max(0, self.attempts - 1) + self.device_errors


@dataclass(frozen=True)
class ShownError:
    at: str  # a capture position, a form code or a step
    where: str  # the same, as the trainee saw it
    kind: str  # "device", "rule" or "other"
    code: str
    label: str


@dataclass(frozen=True)
class InjectedFault:
    at: str
    where: str
    device: str
    fault: str
    label: str  # the fault as the trainer's menu names it
    attempt: int
    cued: bool  # by the scenario (else live, by the trainer)


@dataclass(frozen=True)
class TraineeReport:
    case_code: str
    desk_code: str
    scenario: str
    title: str
    trainee: str
    played_on: date
    scenario_day: date
    outcome: str  # the case's final (or current) step
    findings: tuple[Finding, ...]
    steps: tuple[StepTime, ...]
    captures: tuple[CaptureTries, ...]
    errors: tuple[ShownError, ...]
    faults: tuple[InjectedFault, ...]
    seconds: int  # from the lookup to the last step

    @property
    def mistakes(self) -> list[Finding]:
        return mistakes(self.findings)

    @property
    def clean(self) -> bool:
        return not self.mistakes

    @property
    def recomputed(self) -> bool:
        """Played on another day than the story's: fee and date were worked out again."""
        return self.played_on != self.scenario_day

    def to_json(self) -> dict[str, Any]:
        data = asdict(self)
        data["played_on"], data["scenario_day"] = (self.played_on.isoformat(),
                                                   self.scenario_day.isoformat())
        data["findings"] = [{**asdict(f), "topic": f.topic.value, "verdict": f.verdict.value,
                             "basis": list(f.basis)} for f in self.findings]
        data["clean"] = self.clean
        return data

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> TraineeReport:
        return cls(
            case_code=data["case_code"], desk_code=data["desk_code"],
            scenario=data["scenario"], title=data["title"], trainee=data["trainee"],
            played_on=date.fromisoformat(data["played_on"]),
            scenario_day=date.fromisoformat(data["scenario_day"]), outcome=data["outcome"],
            findings=tuple(Finding(Topic(f["topic"]), f["subject"], f["title"], f["expected"],
                                   f["made"], tuple(f["basis"]), Verdict(f["verdict"]))
                           for f in data["findings"]),
            steps=tuple(StepTime(**s) for s in data["steps"]),
            captures=tuple(CaptureTries(**c) for c in data["captures"]),
            errors=tuple(ShownError(**e) for e in data["errors"]),
            faults=tuple(InjectedFault(**f) for f in data["faults"]),
            seconds=int(data["seconds"]))



@dataclass(frozen=True)
class TraineeTotals:
    trainee: str
    cases: int
    clean: int
    mistakes: int
    seconds: int


@dataclass(frozen=True)
class FrequentMistake:
    key: str  # Finding.key
    title: str
    count: int


@dataclass(frozen=True)
class ClassSummary:
    day: date | None  # None: every day
    reports: tuple[TraineeReport, ...]
    trainees: tuple[TraineeTotals, ...]
    frequent: tuple[FrequentMistake, ...]  # most frequent first

    @property
    def clean(self) -> int:
        return sum(1 for r in self.reports if r.clean)


def summarise(reports: Sequence[TraineeReport], day: date | None) -> ClassSummary:
    """Per trainee: cases, clean ones, mistakes and time; across the class: the mistakes
    made most often (a topic to teach again)."""
    by_trainee: dict[str, list[TraineeReport]] = {}
    for report in reports:
        by_trainee.setdefault(report.trainee, []).append(report)
    totals = tuple(TraineeTotals(name, len(own), sum(1 for r in own if r.clean),
                                 sum(len(r.mistakes) for r in own), sum(r.seconds for r in own))
                   for name, own in sorted(by_trainee.items()))
    counted = Counter(f.key for r in reports for f in r.mistakes)
    titles = {f.key: f.title for r in reports for f in r.mistakes}
    frequent = tuple(FrequentMistake(key, titles[key], count)
                     for key, count in sorted(counted.items(), key=lambda kv: (-kv[1], kv[0])))
    return ClassSummary(day, tuple(reports), totals, frequent)
