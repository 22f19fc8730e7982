"""Every form of five kinds of case, as the demo prints them, looks like its approved render
in docs/forms (pixel tolerance for anti-aliasing). KIOSK_APPROVE_FORMS=1 writes new approved
renders: look at them before committing."""

from __future__ import annotations

import os
import subprocess
from collections.abc import Iterator
from pathlib import Path

import cv2
import numpy as np
import pytest

from kiosk.app import main

ROOT = Path(__file__).resolve().parents[2]
APPROVED = ROOT / "docs" / "forms"
DPI = "50"
CASES = {  # scenario -> the forms its case ends with
    "ordinary-renewal": ("DC02", "CC01", "BL", "CC02"),
    "child-with-representative": ("DC02", "CC01", "BL", "CC02"),
    "child-under-6": ("DC02", "CC01", "BL", "CC02"),
    "lost-card": ("DC02", "CC01", "BL", "CC02"),
    "refusal": ("CC03",),
}
MEAN_TOLERANCE = 1.0  # grey levels, whole page
# Grey levels, averaged over any 12 x 12 px window (6 mm): anti-aliasing moves edges by a
# pixel, a changed word (a different signer's name) reaches ~58.
WINDOW, WINDOW_TOLERANCE = 12, 16.0


@pytest.fixture(scope="module")
def printed(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Path]]:
    root = tmp_path_factory.mktemp("forms")
    found: dict[str, Path] = {}
    for scenario in CASES:
        out = root / scenario
        assert main(["--data-dir", str(root / f"{scenario}-data"), "demo", "--scenario",
                     scenario, "--out", str(out), "--date", "2026-11-25"]) == 0
        for pdf in out.glob("*.pdf"):
            found[f"{scenario}-{pdf.name.split('-')[0]}"] = pdf
    yield found


def page_image(pdf: Path, into: Path) -> np.ndarray:
    subprocess.run(["pdftoppm", "-r", DPI, "-gray", "-png", "-singlefile", str(pdf),
                    str(into)], check=True)
    image = cv2.imread(f"{into}.png", cv2.IMREAD_GRAYSCALE)
    assert image is not None
    return np.asarray(image, np.uint8)


@pytest.mark.parametrize(("scenario", "form"),
                         [(s, f) for s, forms in CASES.items() for f in forms])
def test_form_matches_its_approved_render(scenario: str, form: str, printed: dict[str, Path],
                                          tmp_path: Path) -> None:
    name = f"{scenario}-{form}"
    assert name in printed, sorted(printed)
    info = subprocess.run(["pdfinfo", str(printed[name])], capture_output=True, check=True)
    assert b"Pages:           1\n" in info.stdout, f"{name} runs onto a second page"
    rendered = page_image(printed[name], tmp_path / name)
    approved_path = APPROVED / f"{name}.png"
    if os.environ.get("KIOSK_APPROVE_FORMS") == "1":
        cv2.imwrite(str(approved_path), rendered)
    assert approved_path.is_file(), f"no approved render {approved_path}: KIOSK_APPROVE_FORMS=1"
    approved = cv2.imread(str(approved_path), cv2.IMREAD_GRAYSCALE)
    assert approved.shape == rendered.shape
    difference = np.abs(approved.astype(np.float32) - rendered.astype(np.float32))
    assert float(difference.mean()) <= MEAN_TOLERANCE, name
    worst = float(cv2.blur(difference, (WINDOW, WINDOW)).max())
    assert worst <= WINDOW_TOLERANCE, f"{name}: a {WINDOW} px window differs by {worst:.0f}"


def test_every_case_printed_only_the_forms_expected(printed: dict[str, Path]) -> None:
    assert sorted(printed) == sorted(f"{s}-{f}" for s, forms in CASES.items() for f in forms)
