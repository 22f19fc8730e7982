"""A local population registry in SQL: the trainer's synthetic population, or the offline
cache of a mobile team. Its own database (``registry.url``), never the case database.

Personal data at rest is protected like the case database (kiosk/storage/crypto.py): each
person is one AES-GCM sealed JSON record; the lookup columns hold keyed hashes (HMAC-SHA256
under the installation's index key, cut to 16 bytes) of the ID number, of every former CMND
number, and of the accent-free name with the birth year. A copied file shows no name, number or
date. A lookup by name finds the candidates by the accent-free key, keeps those whose birth
date agrees (as precisely as the record knows it), and prefers exact matches: when someone has
the name exactly as typed (diacritics included), only the exact ones are returned; when nobody
does (the clerk typed without diacritics), every accent-insensitive match is, for the clerk
to choose from.

The registry is a cache: its schema is created in place and a newer schema asks for the data to
be generated or synced again (no Alembic history, unlike the case database).
"""

from __future__ import annotations

import json
import random
from collections.abc import Iterable, Iterator
from datetime import date
from typing import TYPE_CHECKING

from sqlalchemy import (
    Column,
    Connection,
    Engine,
    Integer,
    LargeBinary,
    MetaData,
    Select,
    String,
    Table,
    func,
    select,
)
from sqlalchemy.exc import SQLAlchemyError

from kiosk.registry.base import CitizenNotFound, LookupQuery, RegistryError
from kiosk.registry.records import BirthPrecision, RegistryRecord, exact_name, name_key
from kiosk.storage.database import create
from kiosk.workflow.people import CardKind

if TYPE_CHECKING:
    from kiosk.storage.crypto import KeyRing
    from kiosk.workflow.people import Citizen

SCHEMA_VERSION = "1"
SEALED = "registry.citizen"  # AES-GCM associated data: a record opens only in this column
HASH_BYTES = 16


class Population:
    """What a registry database holds (registry_meta 'population')."""

    SYNTHETIC = "synthetic"  # invented people: training, benchmarks
    CACHE = "cache"  # real people cached from CSDLQG for offline work


metadata = MetaData()
meta_table = Table(
    "registry_meta", metadata,
    Column("key", String(40), primary_key=True),
    Column("value", String(200), nullable=False),
)
citizens_table = Table(
    "registry_citizens", metadata,
    Column("id", Integer, primary_key=True),
    Column("id_hash", LargeBinary(HASH_BYTES), nullable=False, unique=True),
    Column("name_hash", LargeBinary(HASH_BYTES), nullable=False, index=True),
    Column("sealed", LargeBinary, nullable=False),
)
# Every CMND number a person held (one person may have had several): many rows per person.
former_table = Table(
    "registry_former_ids", metadata,
    Column("cmnd_hash", LargeBinary(HASH_BYTES), nullable=False, index=True),
    Column("citizen_id", Integer, nullable=False),
)


class SqlRegistry:
    """Implements :class:`kiosk.registry.base.PopulationRegistry` over SQLAlchemy."""

    def __init__(self, engine: Engine, keyring: KeyRing) -> None:
        self._engine = engine
        self._keys = keyring
        try:
            metadata.create_all(engine)
            self._meta = self._read_meta()
        except SQLAlchemyError as error:
            raise RegistryError(
                "Không mở được cơ sở dữ liệu dân cư ngoại tuyến (registry.url). Kiểm tra đường "
                "dẫn và quyền ghi, hoặc báo quản trị viên.") from error
        version = self._meta.get("schema_version")
        if version is not None and version != SCHEMA_VERSION:
            raise RegistryError(
                f"Cơ sở dữ liệu dân cư ngoại tuyến có lược đồ {version}, phần mềm này dùng lược "
                f"đồ {SCHEMA_VERSION}. Tạo lại dữ liệu (kiosk registry generate) hoặc đồng bộ "
                "lại từ CSDLQG.")
        sealed_by = self._meta.get("key_id")
        if sealed_by is not None and sealed_by != keyring.key_id.hex():
            raise RegistryError(
                "Dữ liệu dân cư ngoại tuyến được mã hóa bằng khóa khác với khóa hiện tại của máy "
                "(có thể khóa đã được thay). Tạo lại dữ liệu (kiosk registry generate) hoặc đồng "
                "bộ lại từ CSDLQG.")

    @classmethod
    def open(cls, url: str, keyring: KeyRing) -> SqlRegistry:
        return cls(create(url), keyring)

    def close(self) -> None:
        self._engine.dispose()

    # -- facts about the database -------------------------------------------------------
    def _read_meta(self) -> dict[str, str]:
        with self._engine.connect() as connection:
            return {str(k): str(v) for k, v in connection.execute(
                select(meta_table.c.key, meta_table.c.value))}

    @property
    def population(self) -> str | None:
        """Population.SYNTHETIC, Population.CACHE, or None while empty."""
        return self._meta.get("population")

    @property
    def simulated(self) -> bool:
        return self.population == Population.SYNTHETIC

    def describe(self) -> dict[str, str]:
        """The meta rows (no personal data: population kind, seed, reference day, counts)."""
        return dict(self._meta)

    def count(self) -> int:
        with self._engine.connect() as connection:
            return int(connection.execute(
                select(func.count()).select_from(citizens_table)).scalar_one())

    # -- keyed hashes --------------------------------------------------------------------
    def _hash(self, kind: str, text: str) -> bytes:
        return bytes.fromhex(self._keys.index(f"registry.{kind}:{text}"))[:HASH_BYTES]

    def _name_hash(self, full_name: str, birth_year: int) -> bytes:
        return self._hash("name", f"{name_key(full_name)}|{birth_year:04d}")

    # -- writing -------------------------------------------------------------------------
    def add(self, records: Iterable[RegistryRecord], *, population: str,
            extra_meta: dict[str, str] | None = None, batch: int = 5000) -> int:
        """Insert ``records`` in batches (one transaction each); returns how many. A synthetic
        population and a cache of real people never share a database."""
        held = self.population
        if held is not None and held != population:
            raise RegistryError(
                "Không trộn dân cư giả lập (đào tạo) với dữ liệu thật trong cùng một cơ sở dữ "
                "liệu dân cư; dùng một registry.url khác.")
        self._write_meta({"schema_version": SCHEMA_VERSION, "key_id": self._keys.key_id.hex(),
                          "population": population, **(extra_meta or {})})
        added = 0
        rows: list[tuple[RegistryRecord, dict[str, object]]] = []
        for record in records:
            rows.append((record, self._row(record)))
            if len(rows) >= batch:
                added += self._insert(rows)
                rows = []
        if rows:
            added += self._insert(rows)
        self._write_meta({"citizens": str(self.count())})
        return added

    def _row(self, record: RegistryRecord) -> dict[str, object]:
        citizen = record.citizen
        plain = json.dumps(record.to_json(), ensure_ascii=False, separators=(",", ":"))
        return {"id_hash": self._hash("id", citizen.id_number),
                "name_hash": self._name_hash(citizen.full_name, citizen.date_of_birth.year),
                "sealed": self._keys.seal(plain.encode(), SEALED)}

    def _formers(self, record: RegistryRecord) -> list[str]:
        numbers = {card.number for card in record.cards if card.kind is CardKind.CMND}
        if record.citizen.former_id_number:
            numbers.add(record.citizen.former_id_number)
        return sorted(numbers)

    def _insert(self, rows: list[tuple[RegistryRecord, dict[str, object]]]) -> int:
        try:
            with self._engine.begin() as connection:
                start = connection.execute(
                    select(func.coalesce(func.max(citizens_table.c.id), 0))).scalar_one()
                # Plain executemany with tuples: the Core statement's per-row parameter
                # processing cost more than SQLite's insert (benchmarks/registry.py).
                connection.exec_driver_sql(
                    "INSERT INTO registry_citizens (id, id_hash, name_hash, sealed) "
                    + _values(connection, 4),
                    [(start + n + 1, row["id_hash"], row["name_hash"], row["sealed"])
                     for n, (_, row) in enumerate(rows)])
                formers = [(self._hash("cmnd", number), start + n + 1)
                           for n, (record, _) in enumerate(rows)
                           for number in self._formers(record)]
                if formers:
                    connection.exec_driver_sql(
                        "INSERT INTO registry_former_ids (cmnd_hash, citizen_id) "
                        + _values(connection, 2), formers)
        except SQLAlchemyError as error:
            raise RegistryError(
                "Không ghi được dữ liệu dân cư (có thể trùng số định danh với người đã có). "
                "Kiểm tra dữ liệu nguồn hoặc tạo lại cơ sở dữ liệu dân cư.") from error
        return len(rows)

    def _write_meta(self, values: dict[str, str]) -> None:
        with self._engine.begin() as connection:
            for key, value in values.items():
                connection.execute(meta_table.delete().where(meta_table.c.key == key))
                connection.execute(meta_table.insert(), {"key": key, "value": value})
        self._meta.update(values)

    # -- reading -------------------------------------------------------------------------
    def _open(self, sealed: bytes) -> RegistryRecord:
        return RegistryRecord.from_json(json.loads(self._keys.open(sealed, SEALED)))

    def _records(self, statement: Select[bytes]) -> list[RegistryRecord]:
        with self._engine.connect() as connection:
            return [self._open(row[0]) for row in connection.execute(statement)]

    def records(self, query: LookupQuery) -> list[RegistryRecord]:
        """Full records for ``query`` (see the module docstring for names)."""
        table = citizens_table
        if query.id_number:
            return self._records(select(table.c.sealed).where(
                table.c.id_hash == self._hash("id", query.id_number)))
        if query.former_id_number:
            return self._records(select(table.c.sealed).join(
                former_table, former_table.c.citizen_id == table.c.id).where(
                former_table.c.cmnd_hash == self._hash("cmnd", query.former_id_number)))
        if not query.full_name.strip() or query.date_of_birth is None:
            raise RegistryError("Nhập đủ họ tên và ngày sinh để tra cứu theo họ tên.")
        born = query.date_of_birth
        candidates = [r for r in self._records(select(table.c.sealed).where(
            table.c.name_hash == self._name_hash(query.full_name, born.year)))
            if _same_birth(r, born) and name_key(r.citizen.full_name) == name_key(
                query.full_name)]
        exact = [r for r in candidates
                 if exact_name(r.citizen.full_name) == exact_name(query.full_name)]
        return exact or candidates

    def find(self, query: LookupQuery) -> list[Citizen]:
        return [record.citizen for record in self.records(query)]

    def record(self, id_number: str) -> RegistryRecord:
        found = self.records(LookupQuery(id_number=id_number))
        if not found:
            raise CitizenNotFound(f"Không có số định danh {id_number} trong dữ liệu dân cư.")
        return found[0]

    def sample(self, rng: random.Random) -> RegistryRecord:
        """One person at random (trainers pick someone to play)."""
        total = self.count()
        if total == 0:
            raise CitizenNotFound("Cơ sở dữ liệu dân cư còn trống: chạy kiosk registry "
                                  "generate --count N trước.")
        with self._engine.connect() as connection:
            sealed = connection.execute(select(citizens_table.c.sealed).order_by(
                citizens_table.c.id).offset(rng.randrange(total)).limit(1)).scalar_one()
        return self._open(sealed)

    def everyone(self) -> Iterator[RegistryRecord]:
        with self._engine.connect() as connection:
            for (sealed,) in connection.execute(
                    select(citizens_table.c.sealed).order_by(citizens_table.c.id)):
                yield self._open(sealed)


def _values(connection: Connection, count: int) -> str:
    """VALUES with the driver's own placeholders (qmark for SQLite, format for psycopg)."""
    mark = "?" if connection.dialect.paramstyle == "qmark" else "%s"
    return f"VALUES ({', '.join([mark] * count)})"


def _same_birth(record: RegistryRecord, born: date) -> bool:
    """The typed date agrees with the record as far as the record knows it."""
    known = record.citizen.date_of_birth
    if record.birth_precision is BirthPrecision.YEAR:
        return known.year == born.year
    if record.birth_precision is BirthPrecision.MONTH:
        return (known.year, known.month) == (born.year, born.month)
    return known == born
