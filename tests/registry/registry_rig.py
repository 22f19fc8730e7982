"""What the HTTP registry tests share: certificates made at test time, a population for the
reference service, and clients whose backoff is recorded instead of slept."""

from __future__ import annotations

import dataclasses
import ssl
from collections.abc import Mapping
from datetime import date
from pathlib import Path
from typing import Any

from device_simulators.registry_service import RegistryService, TlsFiles
from kiosk.registry.http import RegistryClient
from kiosk.registry.population import PopulationData, PopulationGenerator
from kiosk.registry.records import (
    CardRecord,
    CardStatus,
    Discrepancy,
    RegistryRecord,
    RepresentativeRecord,
    current_card,
)
from kiosk.registry.synthetic import SyntheticRegistry
from kiosk.workflow.people import CardKind
from kiosk.workflow.representation import Relationship
from kiosk.workflow.request import BirthPrecision

COMMUNES = ("00070", "00073", "00076")


def population(resources: Path, count: int = 60) -> list[RegistryRecord]:
    """The training file's people and ``count`` generated ones, as a central service holds
    them (not flagged synthetic)."""
    training = [RegistryRecord.of(c) for c in SyntheticRegistry.from_file(
        resources / "training" / "citizens.toml").everyone()]
    generated = PopulationGenerator(PopulationData.load(resources), seed=3,
                                    as_of=date(2026, 11, 25),
                                    taken=[r.citizen.id_number for r in training])
    return [dataclasses.replace(r, synthetic=False)
            for r in [*training, *generated.generate(count), unusual(training[0])]]


def unusual(model: RegistryRecord) -> RegistryRecord:
    """Someone with everything a record can carry: a month-only birth date, parents' ID
    numbers, a registered legal representative (her father, appointed her guardian), a
    replaced CMND and a lost CCCD, a discrepancy flag, another name."""
    cards = (CardRecord(CardKind.CMND, "013999888", date(2001, 6, 1), date(2016, 6, 1),
                        CardStatus.REPLACED),
             CardRecord(CardKind.CCCD, "079185000123", date(2021, 4, 2), date(2025, 8, 1),
                        CardStatus.LOST))
    citizen = dataclasses.replace(
        model.citizen, id_number="079185000123", full_name="Trần Thị Ngọc Ánh",
        other_name="Ánh Ngọc", date_of_birth=date(1985, 8, 1), former_id_number="013999888",
        temporary_residence="Phòng 12, Phường Bến Thành, Thành phố Hồ Chí Minh",
        card=current_card(cards), father_name="Trần Văn Hải", mother_name="Lê Thị Hoa")
    guardian = RepresentativeRecord(
        "Trần Văn Hải", "079160000111", Relationship.GUARDIAN,
        "Trích lục đăng ký giám hộ số 12/2024/TLGH ngày 05/3/2024, UBND phường Bến Thành")
    return RegistryRecord(citizen, BirthPrecision.MONTH, "079160000111", "079162000222",
                          cards, (Discrepancy("old_card_name", "Tên trên CMND cũ khác"),),
                          synthetic=False, representative=guardian)


def commune_of(record: Mapping[str, Any]) -> str:
    """Spread the people over three communes, the same way every time."""
    return COMMUNES[int(str(record["id_number"])) % len(COMMUNES)]


def tls_context(files: TlsFiles, certificate: Path | None = None) -> ssl.SSLContext:
    context = ssl.create_default_context(cafile=str(files.ca))
    context.load_cert_chain(str(certificate or files.client))
    return context


class Sleeps(list[float]):
    """Stands in for time.sleep: records each backoff."""

    def __call__(self, seconds: float) -> None:
        self.append(seconds)


def client(files: TlsFiles, service: RegistryService, *, sleeps: Sleeps | None = None,
           certificate: Path | None = None, path: str = "", **timing: float) -> RegistryClient:
    """A client of ``service`` (at ``path`` below it) with short timeouts."""
    settings = {"connect_timeout_s": 2.0, "read_timeout_s": 2.0, "retries": 2,
                "backoff_s": 0.1, **timing}
    return RegistryClient(service.base_url + path, context=tls_context(files, certificate),
                          sleep=sleeps if sleeps is not None else Sleeps(),
                          connect_timeout_s=settings["connect_timeout_s"],
                          read_timeout_s=settings["read_timeout_s"],
                          retries=int(settings["retries"]), backoff_s=settings["backoff_s"])

