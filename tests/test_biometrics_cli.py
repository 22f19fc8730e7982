"""`kiosk biometrics nist|iso CODE --out ...` on a case closed by the demo: the files read
back with nistitl and with a reader of our own, every image decodes to the stored capture's
pixels, and the citizen's name keeps its tone marks."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import nistitl
import numpy as np
import pytest

from kiosk.app import main
from kiosk.biometrics.ansi_nist import read_transaction
from kiosk.biometrics.encoding import decode_png
from kiosk.biometrics.iso19794 import (
    decode_jp2,
    read_face_record,
    read_finger_record,
    read_iris_record,
)
from kiosk.config import load_settings
from kiosk.desk.records import kept_captures
from kiosk.storage.cases import CaseRepository, StoredCase
from kiosk.storage.crypto import load_or_create
from kiosk.storage.database import open_database

FS, GS = b"\x1c", b"\x1d"


@pytest.fixture(scope="module")
def closed_case(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, StoredCase]]:
    root = tmp_path_factory.mktemp("closed")
    data = root / "data"
    assert main(["--data-dir", str(data), "demo", "--out", str(root / "demo"),
                 "--date", "2026-11-25"]) == 0
    settings = load_settings(data, simulator=True)
    keyring = load_or_create(settings.data_dir)
    engine = open_database(settings.database_url, keyring)
    (summary,) = CaseRepository(engine, keyring).open_cases(frozenset(), include_final=True)
    yield data, CaseRepository(engine, keyring).load(summary.code)
    engine.dispose()


def lengths_only(data: bytes) -> list[tuple[int, bytes]]:
    """A minimal reader independent of nistitl: each tagged record starts "T.001:LEN" and
    is exactly LEN bytes ending in FS; returns (record type, record bytes) in order."""
    records, at = [], 0
    while at < len(data):
        head = re.match(rb"(\d+)\.0*1:(\d+)" + GS, data[at:at + 40])
        assert head, f"no record header at byte {at}"
        kind, length = int(head.group(1)), int(head.group(2))
        record = data[at:at + length]
        assert len(record) == length and record.endswith(FS), f"record at {at} is cut short"
        records.append((kind, record))
        at += length
    return records


def test_nist_transaction_reads_back(closed_case: tuple[Path, StoredCase], tmp_path: Path,
                                     capsys: pytest.CaptureFixture[str]) -> None:
    data_dir, case = closed_case
    out = tmp_path / "case.an2"
    assert main(["--data-dir", str(data_dir), "biometrics", "nist", case.code, "--out",
                 str(out)]) == 0
    assert f"{out}:" in capsys.readouterr().out
    data = out.read_bytes()

    kinds = [kind for kind, _ in lengths_only(data)]
    assert kinds == [1, 2, 10, 14, 14, 14, 17, 17]

    message = nistitl.Message()
    message.parse(data)  # the library's own checks: lengths, CNT against the records
    read = read_transaction(data)
    assert read.version == "0500" and read.control_number == case.code
    assert read.content == [(2, 0), (10, 1), (14, 2), (14, 3), (14, 4), (17, 5), (17, 6)]
    assert read.subject[18] == "Nguyễn Văn Bình"
    assert "Nguy\xe1\xbb\x85n".encode("latin-1") in data  # UTF-8 on the wire, as 1.015 says

    face, *slaps, right_eye, left_eye = read.images
    assert np.array_equal(decode_jp2(face.jp2), decode_png(kept_captures(case)["face"].image_png))
    for record, position in zip(slaps, ("right_four", "left_four", "thumbs"), strict=True):
        assert np.array_equal(decode_jp2(record.jp2),
                              decode_png(kept_captures(case)[position].image_png))
        named = {int(items[0]) for items in record.fields[21]}
        assert named == {"right_four": {2, 3, 4, 5}, "left_four": {7, 8, 9, 10},
                         "thumbs": {1, 6}}[position]
        assert all(0 <= int(items[1]) <= 100 for items in record.fields[24])  # NFIQ 2
    for record, position, label in ((right_eye, "iris_right", "1"),
                                    (left_eye, "iris_left", "2")):
        assert record.fields[3] == label
        assert np.array_equal(decode_jp2(record.jp2),
                              decode_png(kept_captures(case)[position].image_png))


def test_iso_records_read_back(closed_case: tuple[Path, StoredCase], tmp_path: Path) -> None:
    data_dir, case = closed_case
    assert main(["--data-dir", str(data_dir), "biometrics", "iso", case.code, "--out",
                 str(tmp_path)]) == 0
    kept = kept_captures(case)
    (face,) = read_face_record((tmp_path / "face.iso19794-5").read_bytes())
    assert np.array_equal(decode_jp2(face.jp2), decode_png(kept["face"].image_png))
    slaps = read_finger_record((tmp_path / "fingers.iso19794-4").read_bytes())
    assert [s.position for s in slaps] == [13, 14, 15]
    irises = read_iris_record((tmp_path / "irises.iso19794-6").read_bytes())
    assert [i.eye for i in irises] == ["right", "left"]
    assert np.array_equal(decode_jp2(irises[1].jp2), decode_png(kept["iris_left"].image_png))


def test_unknown_case_exits_2(closed_case: tuple[Path, StoredCase], tmp_path: Path,
                              capsys: pytest.CaptureFixture[str]) -> None:
    data_dir, _ = closed_case
    assert main(["--data-dir", str(data_dir), "biometrics", "nist", "HK01-20990101-0001",
                 "--out", str(tmp_path / "x.an2")]) == 2
    assert "no such case" in capsys.readouterr().err
    assert not (tmp_path / "x.an2").exists()
