"""The case state machine drawn from the transition table (Mermaid), for docs/case-steps.md."""

from __future__ import annotations

from kiosk.workflow.case import FINAL_STEPS, TRANSITIONS, Step


def mermaid() -> str:
    lines = ["stateDiagram-v2", f"    [*] --> {Step.INTAKE.value}"]
    for step in Step:
        lines.append(f'    {step.value} : {step.label}')
    for t in TRANSITIONS:
        check = f" [{t.validator.__name__}]" if t.validator else ""
        lines.append(f"    {t.source.value} --> {t.target.value} : {t.event.value}{check}")
    lines += [f"    {step.value} --> [*]" for step in Step if step in FINAL_STEPS]
    return "\n".join(lines) + "\n"


def document() -> str:
    return (
        "# Case steps\n\n"
        "Generated from `kiosk/workflow/case.py` by `tests/workflow/test_diagram.py`; "
        "do not edit by hand.\n\n```mermaid\n" + mermaid() + "```\n"
    )
