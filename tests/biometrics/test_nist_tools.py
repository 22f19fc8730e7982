"""NIST's tools behind the adapter: NFIQ 2 tells good from smudged, bozorth3 tells the same
finger from another, and a crash in the native code costs one call, not the kiosk."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from device_simulators.fingerprint import compose_finger_image
from device_simulators.synthetic.fingerprint import slap
from kiosk.biometrics.fingers import segment_slap
from kiosk.biometrics.nist_tools import (
    FingerprintTools,
    ToolFailed,
    most_reliable,
    same_fingers,
    verify,
)
from kiosk.devices.base import Finger


@pytest.fixture(scope="module")
def tools() -> Iterator[FingerprintTools]:
    with FingerprintTools() as started:
        yield started


def test_nfiq2_scores_good_fingers_high_and_smudged_low(tools: FingerprintTools) -> None:
    good = [tools.measure(s.image) for s in segment_slap(slap("nt", "thumbs", 1, False)[0],
                                                          "thumbs")]
    poor = [tools.measure(s.image) for s in segment_slap(slap("nt", "thumbs", 2, True)[0],
                                                          "thumbs")]
    assert all(m.nfiq2 is not None and m.nfiq2 >= 40 and m.minutiae > 20 for m in good)
    assert all(m.nfiq2 is None or m.nfiq2 < 40 for m in poor)


def test_a_finger_given_twice_is_found(tools: FingerprintTools) -> None:
    first = segment_slap(slap("twice", "left_four", 1, False)[0], "left_four")
    again = segment_slap(slap("twice", "left_four", 2, False)[0], "left_four")
    templates = {s.position: tools.measure(s.image).template for s in first}
    templates[1] = tools.measure(again[3].image).template  # the left index again, as "1"
    pairs = same_fingers(templates, tools)
    assert [(a, b) for a, b, _score in pairs] == [(1, 7)]


def test_a_crashed_tool_process_is_replaced(tools: FingerprintTools) -> None:
    with pytest.raises(ToolFailed):
        tools._call(os._exit, 3)  # the native library dying mid-call
    image = segment_slap(slap("nt", "thumbs", 1, False)[0], "thumbs")[0].image
    assert tools.measure(image).nfiq2 is not None


def test_verification_accepts_the_owner_and_refuses_another(tools: FingerprintTools) -> None:

    stored = tools.measure(compose_finger_image("owner", Finger.RIGHT_INDEX, 1, None)).template
    owner = verify(compose_finger_image("owner", Finger.RIGHT_INDEX, 2, None), stored, tools)
    other = verify(compose_finger_image("other", Finger.RIGHT_INDEX, 2, None), stored, tools)
    assert owner.matched and not other.matched
    assert owner.score > other.score + 50


def test_templates_keep_only_their_most_reliable_minutiae() -> None:
    header = b"FMR\x00 20\x00" + (0).to_bytes(4, "big") + bytes(13)
    minutiae = [bytes([i, 0, i, 0, 0, quality]) for i, quality in enumerate((10, 90, 50, 70))]
    template = header + bytes([4]) + b"".join(minutiae)
    template = template[:8] + len(template).to_bytes(4, "big") + template[12:]
    kept = most_reliable(template, keep=2)
    assert kept[25] == 2 and int.from_bytes(kept[8:12], "big") == len(kept) == 26 + 12
    assert [kept[26 + 6 * i + 5] for i in range(2)] == [90, 70]
    assert most_reliable(template, keep=4) == template
    assert most_reliable(template + b"\x00", keep=2) == template + b"\x00"  # not nbis's layout


def test_the_tools_process_ends_when_the_kiosk_is_killed(tmp_path: Path) -> None:
    """A kiosk killed outright (SIGKILL, a crash) runs no shutdown: its tools' process must
    notice by itself and end, not stay an orphan holding its memory."""
    script = tmp_path / "kiosk_like.py"
    script.write_text(
        "import os, time\n"
        "from kiosk.biometrics.nist_tools import FingerprintTools\n"
        "if __name__ == '__main__':\n"
        "    tools = FingerprintTools()\n"
        "    print(tools._executor().submit(os.getpid).result(timeout=60), flush=True)\n"
        "    time.sleep(120)\n")
    kiosk = subprocess.Popen([sys.executable, str(script)], stdout=subprocess.PIPE, text=True,
                             cwd=Path(__file__).resolve().parents[2])
    assert kiosk.stdout is not None
    child = int(kiosk.stdout.readline())
    os.kill(kiosk.pid, signal.SIGKILL)
    kiosk.wait()
    kiosk.stdout.close()

    def alive(pid: int) -> bool:
        try:
            state = Path(f"/proc/{pid}/status").read_text()
        except FileNotFoundError:
            return False
        return "\nState:\tZ" not in state  # a zombie has ended; only its entry is left

    deadline = time.monotonic() + 10
    while alive(child) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not alive(child)
