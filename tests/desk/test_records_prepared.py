"""What a capture prepares for the export packet (each kept image's lossless JPEG 2000, each
slap's finger boxes) gives exactly the packet made from scratch, and is never used once it
no longer belongs to the stored image or to the fingers declared missing."""

from __future__ import annotations

import dataclasses
import logging
import os
import threading
import time
from collections.abc import Iterator
from datetime import datetime
from typing import Any

import pytest
import sqlalchemy as sa

from kiosk.app import Context, build_context
from kiosk.biometrics.ansi_nist import read_transaction
from kiosk.biometrics.encoding import png_digest
from kiosk.biometrics.fingers import segment_slap
from kiosk.biometrics.iso19794 import decode_jp2, read_face_record
from kiosk.config import load_settings
from kiosk.desk.desk import CounterDesk
from kiosk.desk.encodings import BACKGROUND_NICE, EncodingsAhead
from kiosk.desk.records import Agencies, case_records, kept_captures, record_pixels
from kiosk.devices.base import Finger
from kiosk.export.packet import CaseMaterial, build_packet
from kiosk.storage.cases import FingerBoxes, StoredCapture, StoredCase, StoredEncoding
from kiosk.workflow.permissions import Permission
from tests.desk.steps import approved, capture_all, ready_for_capture

AGENCIES = Agencies("HK-HK01", "C06")
AT = datetime(2026, 11, 25, 17, 0)
SLAPS = ("right_four", "left_four", "thumbs")


@pytest.fixture(scope="module")
def desk(tmp_path_factory: pytest.TempPathFactory) -> Iterator[CounterDesk]:
    """A desk that exports (development, simulated devices): it prepares for the packet."""
    root = tmp_path_factory.mktemp("prepared")
    settings = load_settings(root / "data", overrides={"environment": "development"},
                             simulator=True)
    context = build_context(settings, print_directory=root / "prints", latency_s=0.0,
                            clock=lambda: datetime(2026, 11, 25, 9, 0))
    yield context.desk
    context.desk.shutdown()


def closed(desk: CounterDesk) -> StoredCase:
    """A renewal with the right index finger declared amputated, closed."""
    case = ready_for_capture(desk)
    desk.declare_missing_finger(case, Finger.RIGHT_INDEX, "amputated",
                                approved(desk, Permission.MARK_BIOMETRIC_EXCEPTION))
    capture_all(desk, case)
    desk.finish_biometrics(case)
    desk.print_receipt(case)
    desk.confirm_receipt_signed(case)
    desk.settle_fee(case)
    desk.issue_slip(case)
    desk.close(case)  # waits for the case's encodings
    return desk.cases.load(case.code)


@pytest.fixture(scope="module")
def case(desk: CounterDesk) -> StoredCase:
    return closed(desk)


def with_kept(case: StoredCase, position: str, **fields: Any) -> StoredCase:
    """``case`` with the capture it keeps at ``position`` changed."""
    kept = kept_captures(case)[position]
    changed = dataclasses.replace(kept, **fields)
    return dataclasses.replace(case, captures=tuple(changed if c is kept else c
                                                    for c in case.captures))


def from_scratch(case: StoredCase) -> StoredCase:
    """The case as stored before revision 0009: nothing prepared."""
    return dataclasses.replace(case, captures=tuple(
        dataclasses.replace(c, encoding=None, finger_boxes=None) for c in case.captures))


def packet(desk: CounterDesk, case: StoredCase) -> bytes:
    material = CaseMaterial(case, desk.cases.document_pdfs(case.code), [], "development")
    return build_packet(material, AGENCIES, AT)


def test_each_kept_image_is_stored_encoded_losslessly_beside_it(case: StoredCase) -> None:
    kept = kept_captures(case)
    assert set(kept) == {"face", *SLAPS, "iris_left", "iris_right"}
    for position, capture in kept.items():
        assert capture.encoding is not None, position
        assert capture.encoding.png_sha256 == png_digest(capture.image_png)
        assert (decode_jp2(capture.encoding.jp2)
                == record_pixels(position, capture.image_png)).all(), position


def test_each_slap_keeps_the_boxes_its_review_found(case: StoredCase) -> None:
    kept = kept_captures(case)
    for slap in SLAPS:
        stored = kept[slap].finger_boxes
        assert stored is not None
        missing = frozenset({2}) if slap == "right_four" else frozenset()
        assert stored.missing == missing
        found = segment_slap(record_pixels(slap, kept[slap].image_png), slap, missing)
        assert stored.boxes == {s.position: s.box for s in found if s.position}
    assert set(kept["right_four"].finger_boxes.boxes) == {3, 4, 5}  # type: ignore[union-attr]


def test_the_packet_from_what_was_prepared_is_the_packet_from_scratch(
        desk: CounterDesk, case: StoredCase) -> None:
    assert packet(desk, case) == packet(desk, from_scratch(case))


def test_an_encoding_made_from_another_image_is_never_used(case: StoredCase) -> None:
    iris = kept_captures(case)["iris_left"]
    assert iris.encoding is not None
    stale = with_kept(case, "face", encoding=iris.encoding)
    assert case_records(stale, AGENCIES, AT) == case_records(from_scratch(case), AGENCIES, AT)
    # The digest is what decides: the same bytes claiming the face's PNG would go out.
    face = kept_captures(case)["face"]
    claimed = StoredEncoding(png_digest(face.image_png), iris.encoding.jp2)
    _transaction, iso = case_records(with_kept(case, "face", encoding=claimed),
                                     AGENCIES, AT)
    assert read_face_record(iso["face.iso19794-5"])[0].jp2 == iris.encoding.jp2


def test_boxes_found_under_other_declarations_are_not_used(case: StoredCase) -> None:
    def right_four_boxes(changed: StoredCase) -> list[list[str]]:
        transaction, _iso = case_records(changed, AGENCIES, AT)
        record = next(r for r in read_transaction(transaction).images
                      if r.record_type == 14 and r.fields[13] == "13")
        return list(record.fields[21])

    made_here = right_four_boxes(from_scratch(case))
    assert [items[0] for items in made_here] == ["3", "4", "5"]
    odd = {3: (1, 2, 3, 4), 4: (5, 6, 7, 8), 5: (9, 10, 11, 12)}
    before = FingerBoxes(odd, frozenset())  # found before the index was declared missing
    assert right_four_boxes(with_kept(case, "right_four", finger_boxes=before)) == made_here
    same = FingerBoxes(odd, frozenset({2}))  # the same declarations: the boxes are used
    assert right_four_boxes(with_kept(case, "right_four", finger_boxes=same))[0] == [
        "3", "1", "4", "2", "6"]


def test_an_unreadable_encoding_is_made_again(desk: CounterDesk) -> None:
    case = closed(desk)
    with desk.cases._engine.begin() as connection:  # a damaged value on disk
        connection.execute(sa.text(
            "UPDATE captures SET jp2_sealed = substr(jp2_sealed, 1, 100) "
            "WHERE position = 'face' AND case_id = (SELECT id FROM cases WHERE code = :c)"),
            {"c": case.code})
    damaged = desk.cases.load(case.code)
    assert kept_captures(damaged)["face"].encoding is None
    assert packet(desk, damaged) == packet(desk, case)


def test_a_purge_erases_the_encodings_with_the_images(desk: CounterDesk) -> None:
    case = closed(desk)
    assert desk.cases.purge_images(case.code) >= 6  # every attempt, kept or not
    assert all(c.encoding is None and c.image_png == b""
               for c in desk.cases.load(case.code).captures)
    assert not desk.cases.add_encoding(case.code, "face", 1, StoredEncoding(b"x" * 32, b"jp2"))


def test_a_failed_encoding_costs_only_speed(desk: CounterDesk, case: StoredCase,
                                           caplog: pytest.LogCaptureFixture) -> None:
    encodings = EncodingsAhead(desk.cases)
    with caplog.at_level(logging.WARNING, logger="kiosk.desk.encodings"):
        encodings.submit(case.code, "face", 1, b"not a png")
        encodings.settle(case.code)
    encodings.close()
    assert "not encoded ahead" in caplog.text
    assert desk.cases.load(case.code) == case  # nothing stored was touched
    encodings.submit(case.code, "face", 1, b"after close")  # ignored: the desk is closing


def test_an_encoding_waits_until_the_captures_pause(desk: CounterDesk) -> None:
    own, desk.encodings = desk.encodings, None  # this capture queues nothing by itself
    try:
        case = ready_for_capture(desk)
        result = desk.capture_face(case, threading.Event())
    finally:
        desk.encodings = own
    png = kept_captures(desk.cases.load(case.code))["face"].image_png
    encodings = EncodingsAhead(desk.cases, quiet_s=0.6)
    encodings.submit(case.code, "face", result.attempt, png)
    time.sleep(0.3)
    assert kept_captures(desk.cases.load(case.code))["face"].encoding is None
    encodings.settle(case.code)
    stored = kept_captures(desk.cases.load(case.code))["face"].encoding
    assert stored is not None and stored.png_sha256 == png_digest(png)
    encodings.close()


@pytest.mark.skipif(not hasattr(os, "getpriority"), reason="thread priorities: Linux")
def test_the_encoding_thread_yields_to_the_desk(desk: CounterDesk, case: StoredCase) -> None:
    encodings = EncodingsAhead(desk.cases)
    face = kept_captures(case)["face"]
    running = set(threading.enumerate())
    encodings.submit(case.code, "face", face.attempt, face.image_png)
    encodings.settle(case.code)
    (thread,) = set(threading.enumerate()) - running  # its one thread, started on demand
    assert thread.native_id is not None
    assert (os.getpriority(os.PRIO_PROCESS, thread.native_id)
            == min(19, os.getpriority(os.PRIO_PROCESS, threading.get_native_id())
                   + BACKGROUND_NICE))  # 19: the lowest priority there is
    encodings.close()
    assert not thread.is_alive()


def test_training_prepares_no_encodings(context: Context) -> None:
    """Training cases never leave the desk: nothing is encoded for them."""
    desk = context.desk
    assert desk.encodings is None
    case = ready_for_capture(desk)
    capture_all(desk, case)
    captures: tuple[StoredCapture, ...] = desk.cases.load(case.code).captures
    assert captures and all(c.encoding is None for c in captures)

