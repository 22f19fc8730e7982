"""Packets for the centre: built from a closed demo case, signed, encrypted, verified by the
reference receiver; altered bytes, strangers, training cases and duplicates refused; the
outbox delivers exactly once through a flaky network or to an offline team's drive."""

from __future__ import annotations

import subprocess
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey

from kiosk.app import export_packet, main
from kiosk.config import Settings, load_settings
from kiosk.export.envelope import PacketRejected, open_sealed, raw_public
from kiosk.export.keys import desk_signing_key, new_centre_key_pair
from kiosk.export.outbox import FolderSender, HttpSender, Outbox, SendFailed
from kiosk.export.packet import NotExportable, read_packet
from kiosk.export.receiver import receive
from tests.export.centre import Centre, running

CODE = "HK01-20261125-0001"
NOW = datetime(2026, 11, 25, 17, 0)


@dataclass(frozen=True)
class Desk:
    settings: Settings
    centre_key: X25519PrivateKey
    trusted: frozenset[bytes]
    packet: bytes


@pytest.fixture(scope="module")
def desk(tmp_path_factory: pytest.TempPathFactory) -> Desk:
    root = tmp_path_factory.mktemp("export")
    data = root / "data"
    assert main(["--data-dir", str(data), "--environment", "development", "demo", "--out",
                 str(root / "out"), "--date", "2026-11-25"]) == 0
    new_centre_key_pair(root / "centre.key", root / "centre.pub")
    settings = load_settings(data, overrides={"environment": "development",
                                              "export.centre_public_key":
                                              str(root / "centre.pub")})
    key = serialization.load_pem_private_key((root / "centre.key").read_bytes(), None)
    assert isinstance(key, X25519PrivateKey)
    trusted = frozenset({raw_public(desk_signing_key(data).public_key())})
    return Desk(settings, key, trusted, export_packet(settings, CODE, NOW))


def test_closing_a_case_asks_the_outbox_for_its_packet(desk: Desk) -> None:
    assert CODE in Outbox(desk.settings.data_dir / "outbox").waiting()


def test_the_centre_opens_a_complete_case(desk: Desk, tmp_path: Path) -> None:
    header, record, files = receive(desk.packet, centre_key=desk.centre_key,
                                    trusted_desks=desk.trusted)
    assert header.case_code == record["code"] == CODE
    assert record["citizen"]["full_name"] == "Nguyễn Văn Bình"
    assert record["procedure"] == "cap_doi" and record["environment"] == "development"
    assert {c["position"] for c in record["captures"]} >= {"face", "left_four", "iris_left"}
    assert all(c["accepted_below_threshold_by"] is None for c in record["captures"])
    assert record["missing_fingers"] == {}
    assert [name.split("-", 1)[1] for name in record["documents"]] == [
        "DC02.pdf", "CC01.pdf", "BL.pdf", "CC02.pdf"]
    assert files["biometrics/transaction.an2"].startswith(b"1.001:")
    assert {"biometrics/face.iso19794-5", "biometrics/fingers.iso19794-4",
            "biometrics/irises.iso19794-6", "audit.json"} <= set(files)
    (tmp_path / "cc01.pdf").write_bytes(files[record["documents"][1]])
    text = subprocess.run(["pdftotext", str(tmp_path / "cc01.pdf"), "-"], capture_output=True,
                          check=True).stdout.decode()
    assert "PHIẾU THU NHẬN THÔNG TIN CĂN CƯỚC" in text


def test_the_packet_hides_the_citizen(desk: Desk) -> None:
    for secret in ("Nguyễn Văn Bình", "001096012345", "Hàng Bạc"):
        assert secret.encode() not in desk.packet


def test_the_same_case_gives_the_same_inner_packet(desk: Desk) -> None:
    again = export_packet(desk.settings, CODE, NOW)
    assert again != desk.packet  # a fresh key and nonce each time...
    first = open_sealed(desk.packet, centre_key=desk.centre_key, trusted_desks=desk.trusted)
    second = open_sealed(again, centre_key=desk.centre_key, trusted_desks=desk.trusted)
    assert first[1] == second[1]  # ...around the same content


@pytest.mark.parametrize("where", [0, 12, 40, 200, 5_000, 1_000_000, -20, -1])
def test_any_altered_byte_is_refused(desk: Desk, where: int) -> None:
    altered = bytearray(desk.packet)
    altered[where] ^= 0x01
    with pytest.raises(PacketRejected):
        receive(bytes(altered), centre_key=desk.centre_key, trusted_desks=desk.trusted)


def test_a_stranger_desk_or_another_centre_is_refused(desk: Desk) -> None:
    with pytest.raises(PacketRejected, match="does not know"):
        receive(desk.packet, centre_key=desk.centre_key, trusted_desks=frozenset())
    with pytest.raises(PacketRejected, match="another key"):
        receive(desk.packet, centre_key=X25519PrivateKey.generate(),
                trusted_desks=desk.trusted)


def test_the_manifest_catches_a_swapped_file(desk: Desk) -> None:
    import io  # noqa: PLC0415
    import zipfile  # noqa: PLC0415

    _header, inner = open_sealed(desk.packet, centre_key=desk.centre_key,
                                 trusted_desks=desk.trusted)
    buffer = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(inner)) as source, \
            zipfile.ZipFile(buffer, "w") as target:
        for name in source.namelist():
            data = source.read(name)
            target.writestr(name, b"%PDF-1.4 forged" if name.endswith("CC02.pdf") else data)
    with pytest.raises(ValueError, match=r"CC02\.pdf does not match"):
        read_packet(buffer.getvalue())


def test_training_cases_and_open_cases_stay_at_the_desk(tmp_path: Path, desk: Desk) -> None:
    data = tmp_path / "data"
    assert main(["--data-dir", str(data), "--environment", "training", "demo", "--out",
                 str(tmp_path / "out"), "--date", "2026-11-25"]) == 0
    training = load_settings(data, overrides={
        "environment": "training",
        "export.centre_public_key": desk.settings["export.centre_public_key"]})
    with pytest.raises(NotExportable, match="đào tạo"):
        export_packet(training, CODE, NOW)
    assert Outbox(data / "outbox").waiting() == []  # closing queued nothing
    assert main(["--data-dir", str(data), "--environment", "training", "export", CODE,
                 "--out", str(tmp_path / "p")]) == 1
    assert not (tmp_path / "p").exists()


def test_no_centre_key_says_what_to_install(tmp_path: Path, desk: Desk,
                                            capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--data-dir", str(desk.settings.data_dir), "export", CODE, "--out",
                 str(tmp_path)]) == 1
    assert "export.centre_public_key" in capsys.readouterr().err


@pytest.fixture
def centre(desk: Desk) -> Iterator[tuple[Centre, str]]:
    reference = Centre(desk.centre_key, desk.trusted)
    with running(reference) as url:
        yield reference, url


def test_the_outbox_delivers_once_through_a_flaky_network(
        desk: Desk, centre: tuple[Centre, str], tmp_path: Path) -> None:
    reference, url = centre
    outbox = Outbox(tmp_path / "outbox")
    outbox.put(CODE, desk.packet)
    reference.fail_next = [503, 500]  # the centre is busy twice, then answers
    waits: list[float] = []
    outcome = outbox.send_all(HttpSender(url, sleep=waits.append, timeout_s=5))
    assert outcome.sent == [CODE] and outcome.failed == {}
    assert waits == [0.5, 1.0] and reference.requests == 3
    assert outbox.waiting() == [] and outbox.delivered() == [CODE]
    # A resend (say the desk crashed before moving the file): still one case.
    assert HttpSender(url).send(CODE, desk.packet).find("duplicate") > 0
    assert list(reference.cases) == [CODE]


def test_another_packet_for_a_received_case_is_refused_and_stays_queued(
        desk: Desk, centre: tuple[Centre, str], tmp_path: Path) -> None:
    reference, url = centre
    HttpSender(url).send(CODE, desk.packet)
    outbox = Outbox(tmp_path / "outbox")
    outbox.put(CODE, export_packet(desk.settings, CODE, NOW))  # sealed afresh: other bytes
    outcome = outbox.send_all(HttpSender(url, sleep=lambda _s: None))
    assert outcome.sent == [] and "từ chối" in outcome.failed[CODE]
    assert outbox.waiting() == [CODE] and len(reference.cases) == 1


def test_a_corrupted_packet_is_refused_by_the_centre(desk: Desk,
                                                     centre: tuple[Centre, str]) -> None:
    reference, url = centre
    with pytest.raises(SendFailed) as failed:
        HttpSender(url, sleep=lambda _s: None).send(CODE, desk.packet[:-1] + b"\0")
    assert not failed.value.retry and reference.cases == {}


def test_an_unreachable_centre_leaves_the_packet_queued(desk: Desk, tmp_path: Path) -> None:
    outbox = Outbox(tmp_path / "outbox")
    outbox.put(CODE, desk.packet)
    waits: list[float] = []
    outcome = outbox.send_all(HttpSender("http://127.0.0.1:9", sleep=waits.append,
                                         timeout_s=1))
    assert "mất kết nối" in outcome.failed[CODE] and outbox.waiting() == [CODE]
    assert waits == [0.5, 1.0, 2.0]  # backoff between the four attempts


def test_an_offline_team_copies_the_queue_to_a_drive(desk: Desk, tmp_path: Path) -> None:
    outbox = Outbox(tmp_path / "outbox")
    outbox.put(CODE, desk.packet)
    drive = tmp_path / "usb"
    assert outbox.send_all(FolderSender(drive)).sent == [CODE]
    assert (drive / f"{CODE}.kpk").read_bytes() == desk.packet
    receive((drive / f"{CODE}.kpk").read_bytes(), centre_key=desk.centre_key,
            trusted_desks=desk.trusted)


def test_the_cli_queues_and_sends(desk: Desk, centre: tuple[Centre, str],
                                  capsys: pytest.CaptureFixture[str]) -> None:
    reference, url = centre
    data = str(desk.settings.data_dir)
    common = ["--data-dir", data, "--environment", "development"]
    key = ["--set", f"export.centre_public_key={desk.settings['export.centre_public_key']}"]
    assert main([*common, "export", CODE, "--queue", *key]) == 0
    assert main([*common, "outbox", "status"]) == 0
    assert "chờ gửi: 1" in capsys.readouterr().out
    assert main([*common, "outbox", "send", "--set", f"export.url={url}"]) == 0
    assert list(reference.cases) == [CODE]
    assert main([*common, "outbox", "status"]) == 0
    assert "chờ gửi: 0  đã gửi: 1" in capsys.readouterr().out


def test_a_closed_case_is_built_at_the_next_send(desk: Desk, centre: tuple[Centre, str],
                                                 tmp_path: Path) -> None:
    reference, url = centre
    outbox = Outbox(tmp_path / "outbox")
    outbox.request(CODE)  # what closing the case does: instant, no key needed
    outbox.request("HK01-20261125-0999")  # a case this desk does not hold
    assert outbox.waiting() == [CODE, "HK01-20261125-0999"]
    built: list[str] = []

    def build(code: str) -> bytes:
        built.append(code)
        if code != CODE:
            raise SendFailed("Không có hồ sơ này.", retry=False)
        return desk.packet

    outcome = outbox.send_all(HttpSender(url, sleep=lambda _s: None), build)
    assert outcome.sent == [CODE] and built == [CODE, "HK01-20261125-0999"]
    assert outcome.failed == {"HK01-20261125-0999": "Không có hồ sơ này."}
    assert outbox.waiting() == ["HK01-20261125-0999"] and list(reference.cases) == [CODE]
    outbox.request(CODE)  # already sent: asking again queues nothing
    assert outbox.waiting() == ["HK01-20261125-0999"]


def test_outbox_send_builds_the_closed_cases_opening_storage_once(
        desk: Desk, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import kiosk.app  # noqa: PLC0415

    data = tmp_path / "data"
    common = ["--data-dir", str(data), "--environment", "development"]
    for out in ("o1", "o2"):
        assert main([*common, "demo", "--out", str(tmp_path / out), "--date", "2026-11-25"]) == 0
    assert Outbox(data / "outbox").waiting() == [CODE, "HK01-20261125-0002"]  # to be built
    reads: list[Path] = []
    real = kiosk.app.installation_key

    def installation_key(settings: Settings, passphrase: str | None = None) -> object:
        reads.append(settings.data_dir)
        return real(settings, passphrase)

    monkeypatch.setattr(kiosk.app, "installation_key", installation_key)
    trusted = frozenset({raw_public(desk_signing_key(data).public_key())})
    reference = Centre(desk.centre_key, trusted)
    with running(reference) as url:
        assert main([*common, "outbox", "send", "--set", f"export.url={url}", "--set",
                     f"export.centre_public_key={desk.settings['export.centre_public_key']}"]) == 0
    assert sorted(reference.cases) == [CODE, "HK01-20261125-0002"]
    assert reads == [data]  # the key read and the database opened once for both cases
