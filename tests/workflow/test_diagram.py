from pathlib import Path

import pytest

from kiosk.workflow.diagram import document

DOC = Path(__file__).resolve().parents[2] / "docs" / "case-steps.md"


def test_docs_diagram_matches_the_transition_table() -> None:
    expected = document()
    current = DOC.read_text(encoding="utf-8") if DOC.exists() else ""
    if current != expected:
        DOC.write_text(expected, encoding="utf-8")
        pytest.fail(f"{DOC.name} drifted from the transition table; regenerated it, commit it")
