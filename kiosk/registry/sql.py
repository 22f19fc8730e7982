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
be generated or synced again (no Alembic history, unlike the case database). ``kiosk keys
rotate`` re-seals it with the case database (:meth:`SqlRegistry.reseal`).
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
from kiosk.registry.records import RegistryRecord, unaccented
from kiosk.storage.database import create
from kiosk.workflow.people import CardKind, name_key
from kiosk.workflow.request import BirthPrecision

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
        known = {keyring.key_id.hex(), *(key_id.hex() for key_id, _ in keyring.older)}
        if sealed_by is not None and sealed_by not in known:
            raise RegistryError(
                "Dữ liệu dân cư ngoại tuyến được mã hóa bằng khóa khác với khóa hiện tại của máy "
                "(có thể khóa đã được thay). Tạo lại dữ liệu (kiosk registry generate) hoặc đồng "
                "bộ lại từ CSDLQG.")
        # Re-sealed by a key rotation that stopped before the key file was replaced: records
        # open (the ring knows the next key), but lookups need its index key.
        self._sealed_ahead = sealed_by is not None and sealed_by != keyring.key_id.hex()

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

    def count(self) -> int:
        with self._engine.connect() as connection:
            return int(connection.execute(
                select(func.count()).select_from(citizens_table)).scalar_one())

    # -- keyed hashes --------------------------------------------------------------------
    def _hash(self, kind: str, text: str) -> bytes:
        return _hash(self._keys, kind, text)

    def _check_hashes(self) -> None:
        """Lookups and additions need the index key the rows were hashed with."""
        if self._sealed_ahead:
            raise RegistryError(
                "Việc thay khóa dữ liệu (kiosk keys rotate) đã dừng giữa chừng: chạy lại lệnh "
                "kiosk keys rotate rồi làm lại.")

    # -- writing -------------------------------------------------------------------------
    def add(self, records: Iterable[RegistryRecord], *, population: str,
            extra_meta: dict[str, str] | None = None, batch: int = 5000) -> int:
        """Insert ``records`` in batches (one transaction each); returns how many. A synthetic
        population and a cache of real people never share a database."""
        self._check_hashes()
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
        return added

    def _row(self, record: RegistryRecord) -> dict[str, object]:
        citizen = record.citizen
        plain = json.dumps(record.to_json(), ensure_ascii=False, separators=(",", ":"))
        return {"id_hash": self._hash("id", citizen.id_number),
                "name_hash": self._hash("name", _name_text(citizen.full_name,
                                                            citizen.date_of_birth.year)),
                "sealed": self._keys.seal(plain.encode(), SEALED)}

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
                           for number in _formers(record)]
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
            _set_meta(connection, values)
        self._meta.update(values)

    def reseal(self, both: KeyRing, new: KeyRing, *, batch: int = 5000) -> int:
        """``kiosk keys rotate``: every person opened with ``both`` (the old key and the new)
        and sealed again under ``new``, the keyed hashes (ID, name and birth year, former CMND
        numbers) computed with its index key, and the meta's key id changed, all in one
        transaction. Returns how many people were re-sealed: 0 when there are none, or when
        a rotation that stopped half-way had already re-sealed them."""
        if self._meta.get("key_id") in (None, new.key_id.hex()):
            self._keys, self._sealed_ahead = new, False
            return 0
        count = 0
        try:
            with self._engine.begin() as connection:
                mark = _mark(connection)
                connection.execute(former_table.delete())
                last = 0
                while rows := connection.execute(
                        select(citizens_table.c.id, citizens_table.c.sealed)
                        .where(citizens_table.c.id > last).order_by(citizens_table.c.id)
                        .limit(batch)).all():
                    people, formers = [], []
                    for row_id, sealed in rows:
                        plain = both.open(sealed, SEALED)
                        record = RegistryRecord.from_json(json.loads(plain))
                        people.append((_hash(new, "id", record.citizen.id_number),
                                       _hash(new, "name", _name_text(
                                           record.citizen.full_name,
                                           record.citizen.date_of_birth.year)),
                                       new.seal(plain, SEALED), row_id))
                        formers += [(_hash(new, "cmnd", number), row_id)
                                    for number in _formers(record)]
                    connection.exec_driver_sql(
                        f"UPDATE registry_citizens SET id_hash = {mark}, name_hash = {mark}, "
                        f"sealed = {mark} WHERE id = {mark}", people)
                    if formers:
                        connection.exec_driver_sql(
                            "INSERT INTO registry_former_ids (cmnd_hash, citizen_id) "
                            + _values(connection, 2), formers)
                    count += len(rows)
                    last = rows[-1][0]
                _set_meta(connection, {"key_id": new.key_id.hex()})
        except SQLAlchemyError as error:
            raise RegistryError(
                "Không mã hóa lại được dữ liệu dân cư ngoại tuyến (registry.url): dữ liệu vẫn "
                "như trước. Kiểm tra đường dẫn và quyền ghi rồi chạy lại kiosk keys rotate.") \
                from error
        self._keys, self._sealed_ahead = new, False
        self._meta["key_id"] = new.key_id.hex()
        return count

    # -- reading -------------------------------------------------------------------------
    def _open(self, sealed: bytes) -> RegistryRecord:
        return RegistryRecord.from_json(json.loads(self._keys.open(sealed, SEALED)))

    def _records(self, statement: Select[bytes]) -> list[RegistryRecord]:
        with self._engine.connect() as connection:
            return [self._open(row[0]) for row in connection.execute(statement)]

    def records(self, query: LookupQuery) -> list[RegistryRecord]:
        """Full records for ``query`` (see the module docstring for names)."""
        self._check_hashes()
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
            table.c.name_hash == self._hash("name", _name_text(query.full_name, born.year))))
            if _same_birth(r, born) and unaccented(r.citizen.full_name) == unaccented(
                query.full_name)]
        exact = [r for r in candidates
                 if name_key(r.citizen.full_name) == name_key(query.full_name)]
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


def _mark(connection: Connection) -> str:
    """The driver's own placeholder (qmark for SQLite, format for psycopg)."""
    return "?" if connection.dialect.paramstyle == "qmark" else "%s"


def _values(connection: Connection, count: int) -> str:
    return f"VALUES ({', '.join([_mark(connection)] * count)})"


def _set_meta(connection: Connection, values: dict[str, str]) -> None:
    for key, value in values.items():
        connection.execute(meta_table.delete().where(meta_table.c.key == key))
        connection.execute(meta_table.insert(), {"key": key, "value": value})


def _hash(keys: KeyRing, kind: str, text: str) -> bytes:
    """A lookup column's keyed hash (HMAC under the index key, cut to HASH_BYTES)."""
    return bytes.fromhex(keys.index(f"registry.{kind}:{text}"))[:HASH_BYTES]


def _name_text(full_name: str, birth_year: int) -> str:
    """What the name hash covers: the accent-free name and the birth year."""
    return f"{unaccented(full_name)}|{birth_year:04d}"


def _formers(record: RegistryRecord) -> list[str]:
    """Every CMND number the person held."""
    numbers = {card.number for card in record.cards if card.kind is CardKind.CMND}
    if record.citizen.former_id_number:
        numbers.add(record.citizen.former_id_number)
    return sorted(numbers)


def _same_birth(record: RegistryRecord, born: date) -> bool:
    """The typed date agrees with the record as far as the record knows it."""
    known = record.citizen.date_of_birth
    if record.birth_precision is BirthPrecision.YEAR:
        return known.year == born.year
    if record.birth_precision is BirthPrecision.MONTH:
        return (known.year, known.month) == (born.year, born.month)
    return known == born
