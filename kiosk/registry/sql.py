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

Online applications (a trainer's, made by ``kiosk registry generate --applications-day``) are
sealed the same way, found by the keyed hash of their code; their booked day is kept in clear
(a day alone names nobody) so that a day's applications can be listed.

The registry is a cache: its schema is created in place and a newer schema asks for the data to
be generated or synced again (no Alembic history, unlike the case database). ``kiosk keys
rotate`` re-seals it with the case database (:meth:`SqlRegistry.reseal`).

Loading many people (:meth:`SqlRegistry.add_prepared` with ``bulk=True``) commits without
waiting for the disk and, into an empty registry, builds the lookup indexes after the rows:
a million people load in well under a minute instead of several (docs/PERFORMANCE.md). A
power cut during such a load may leave the registry to be generated again; it is a cache.
"""

from __future__ import annotations

import json
import random
from collections.abc import Iterable, Iterator, Sequence
from datetime import date
from typing import TYPE_CHECKING, Any

from sqlalchemy import (
    Column,
    Connection,
    Date,
    Engine,
    Index,
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

from kiosk.registry.base import (
    ApplicationNotFound,
    CitizenNotFound,
    LookupQuery,
    RegistryError,
    application_code_of,
)
from kiosk.registry.loading import (
    Prepared,
    fewer_collections,
    forget_names,
    former_numbers,
    name_text,
    prepared_records,
)
from kiosk.registry.records import OnlineApplication, RegistryRecord, unaccented
from kiosk.storage.database import create
from kiosk.workflow.people import name_key
from kiosk.workflow.request import BirthPrecision

if TYPE_CHECKING:
    from kiosk.storage.crypto import KeyRing
    from kiosk.workflow.people import Citizen

SCHEMA_VERSION = "1"
SEALED = "registry.citizen"  # AES-GCM associated data: a record opens only in this column
SEALED_APPLICATION = "registry.application"
HASH_BYTES = 16
DELETE_CHUNK = 5000  # people per DELETE … IN (…): under SQLite's parameter limit


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
    Column("id_hash", LargeBinary(HASH_BYTES), nullable=False),
    Column("name_hash", LargeBinary(HASH_BYTES), nullable=False),
    Column("sealed", LargeBinary, nullable=False),
)
# Every CMND number a person held (one person may have had several): many rows per person.
former_table = Table(
    "registry_former_ids", metadata,
    Column("cmnd_hash", LargeBinary(HASH_BYTES), nullable=False),
    Column("citizen_id", Integer, nullable=False),
)
applications_table = Table(
    "registry_applications", metadata,
    Column("id", Integer, primary_key=True),
    Column("code_hash", LargeBinary(HASH_BYTES), nullable=False, unique=True),
    Column("booked_on", Date, nullable=False, index=True),
    Column("sealed", LargeBinary, nullable=False),
)
# Which commune's sync feed last listed each cached person, and in which generation of that
# commune's membership (kiosk/registry/sync.py): a pass read to its end removes the people of
# the commune it did not list. By row id, not keyed hash: a key rotation leaves it valid.
synced_table = Table(
    "registry_synced", metadata,
    Column("citizen_id", Integer, primary_key=True),
    Column("commune", String(5), nullable=False, index=True),
    Column("generation", String(64), nullable=False),
)
# The people's lookup indexes, named (not inline constraints) so that a bulk load can build
# them after the rows: five times faster at a million people than row by row. Databases made
# before had the ID hash's uniqueness inline; they get this index as well, once.
PEOPLE_INDEXES = (
    Index("ix_registry_citizens_id_hash", citizens_table.c.id_hash, unique=True),
    Index("ix_registry_citizens_name_hash", citizens_table.c.name_hash),
    Index("ix_registry_former_ids_cmnd_hash", former_table.c.cmnd_hash),
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
        self._build_indexes()  # a bulk load cut short left them unbuilt
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
        return self.add_prepared(prepared_records(records, batch), population=population,
                                 extra_meta=extra_meta)

    def add_prepared(self, batches: Iterable[Sequence[Prepared]], *, population: str,
                     extra_meta: dict[str, str] | None = None, bulk: bool = False) -> int:
        """Seal and insert people prepared by :mod:`kiosk.registry.loading`, one transaction
        per batch; returns how many. ``bulk``: a large load (see the module docstring)."""
        self._check_hashes()
        held = self.population
        if held is not None and held != population:
            raise RegistryError(
                "Không trộn dân cư giả lập (đào tạo) với dữ liệu thật trong cùng một cơ sở dữ "
                "liệu dân cư; dùng một registry.url khác.")
        self._write_meta({"schema_version": SCHEMA_VERSION, "key_id": self._keys.key_id.hex(),
                          "population": population, **(extra_meta or {})})
        added = 0
        try:
            with self._engine.connect() as connection, fewer_collections():
                fresh = bulk and self.count() == 0
                if bulk:
                    _commit_without_waiting(connection, True)
                try:
                    if fresh:
                        self._drop_indexes(connection)
                    for items in batches:
                        added += self._insert(connection, items)
                finally:
                    if bulk:
                        _commit_without_waiting(connection, False)
        except SQLAlchemyError as error:
            raise RegistryError(
                "Không ghi được dữ liệu dân cư (có thể trùng số định danh với người đã có). "
                "Kiểm tra dữ liệu nguồn hoặc tạo lại cơ sở dữ liệu dân cư.") from error
        finally:
            forget_names()
            self._build_indexes()
        if bulk and self._engine.dialect.name == "postgresql":
            # The planner's statistics now, not whenever autovacuum comes round.
            with self._engine.begin() as connection:
                connection.exec_driver_sql("ANALYZE registry_citizens, registry_former_ids")
        return added

    def _insert(self, connection: Connection, items: Sequence[Prepared]) -> int:
        hashed, seal = _Hasher(self._keys), self._keys.sealer(SEALED)
        with connection.begin():
            start = connection.execute(
                select(func.coalesce(func.max(citizens_table.c.id), 0))).scalar_one()
            people, formers = [], []
            for row_id, item in enumerate(items, start + 1):
                people.append((row_id, hashed("id", item.id_number),
                               hashed("name", item.name_text), seal(item.plain)))
                formers += [(hashed("cmnd", number), row_id) for number in item.formers]
            _write_rows(connection, "registry_citizens", ("id", "id_hash", "name_hash", "sealed"),
                        people)
            _write_rows(connection, "registry_former_ids", ("cmnd_hash", "citizen_id"), formers)
        return len(items)

    def _drop_indexes(self, connection: Connection) -> None:
        with connection.begin():
            for index in PEOPLE_INDEXES:
                index.drop(connection, checkfirst=True)

    def _build_indexes(self) -> None:
        """The people's lookup indexes, where missing (created with the tables, dropped
        during a bulk load)."""
        try:
            with self._engine.begin() as connection:
                for index in PEOPLE_INDEXES:
                    index.create(connection, checkfirst=True)
        except SQLAlchemyError as error:
            raise RegistryError(
                "Cơ sở dữ liệu dân cư ngoại tuyến bị hỏng (trùng số định danh hoặc không ghi "
                "được chỉ mục tra cứu). Xóa cơ sở dữ liệu ở registry.url rồi tạo lại (kiosk "
                "registry generate) hoặc đồng bộ lại từ CSDLQG.") from error

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
                        document = json.loads(plain)
                        people.append((_hash(new, "id", document["id_number"]),
                                       _hash(new, "name", name_text(
                                           document["full_name"],
                                           int(document["date_of_birth"][:4]))),
                                       new.seal(plain, SEALED), row_id))
                        formers += [(_hash(new, "cmnd", number), row_id)
                                    for number in former_numbers(document)]
                    connection.exec_driver_sql(
                        f"UPDATE registry_citizens SET id_hash = {mark}, name_hash = {mark}, "
                        f"sealed = {mark} WHERE id = {mark}", people)
                    if formers:
                        connection.exec_driver_sql(
                            "INSERT INTO registry_former_ids (cmnd_hash, citizen_id) "
                            + _values(connection, 2), formers)
                    count += len(rows)
                    last = rows[-1][0]
                _reseal_applications(connection, both, new)
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
        if query.application_code:
            try:
                booked = self.application(query.application_code)
            except ApplicationNotFound:
                return []
            return self.records(LookupQuery(id_number=booked.id_number))
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
            table.c.name_hash == self._hash("name", name_text(query.full_name, born.year))))
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

    # -- online applications -------------------------------------------------------------
    def replace_applications(self, day: date, applications: Sequence[OnlineApplication]
                             ) -> int:
        """The applications booked on ``day``: any stored before are replaced by these (one
        transaction). Returns how many were stored."""
        self._check_hashes()
        return ApplicationsTable(self._engine, self._keys).replace_day(day, applications)

    def application(self, code: str) -> OnlineApplication:
        """The online application with this code (spaces and case ignored); raises
        :class:`ApplicationNotFound`."""
        self._check_hashes()
        return ApplicationsTable(self._engine, self._keys).find(code)

    def applications(self, day: date | None = None) -> list[OnlineApplication]:
        """The applications booked on ``day`` (None: every day), by day, slot and code."""
        return ApplicationsTable(self._engine, self._keys).listed(day)

    def some_people(self, rng: random.Random, count: int) -> list[RegistryRecord]:
        """Up to ``count`` different people picked at random (a trainer's applicants)."""
        with self._engine.connect() as connection:
            top = int(connection.execute(
                select(func.coalesce(func.max(citizens_table.c.id), 0))).scalar_one())
            picked = rng.sample(range(1, top + 1), min(count, top))
            found: dict[int, bytes] = {
                row.id: row.sealed for row in connection.execute(
                    select(citizens_table.c.id, citizens_table.c.sealed).where(
                        citizens_table.c.id.in_(picked)))}
        return [self._open(found[row_id]) for row_id in picked if row_id in found]

    # -- the offline cache (kiosk registry sync) -----------------------------------------
    def meta_value(self, key: str) -> str | None:
        """One registry_meta value (a sync cursor, the last sync's time), or None."""
        return self._meta.get(key)

    def set_meta(self, values: dict[str, str]) -> None:
        """Record facts about the data (no personal data): sync cursors and times."""
        try:
            self._write_meta(values)
        except SQLAlchemyError as error:
            raise RegistryError(
                "Không ghi được trạng thái đồng bộ vào cơ sở dữ liệu dân cư ngoại tuyến "
                "(registry.url). Kiểm tra đường dẫn và quyền ghi rồi chạy lại.") from error

    def discard(self, id_numbers: Iterable[str]) -> int:
        """Remove these people (and their former CMND numbers) if present, so that
        :meth:`add` can store their newer record: a sync updates, never duplicates.
        Returns how many were removed."""
        self._check_hashes()
        hashes = [self._hash("id", number) for number in id_numbers]
        if not hashes:
            return 0
        try:
            with self._engine.begin() as connection:
                ids = list(connection.execute(select(citizens_table.c.id).where(
                    citizens_table.c.id_hash.in_(hashes))).scalars())
                _delete_people(connection, ids)
        except SQLAlchemyError as error:
            raise _not_updated() from error
        return len(ids)

    def store_synced(self, records: Sequence[RegistryRecord], *, commune: str,
                     generation: str) -> int:
        """One page of a commune's sync feed: these people replace any earlier record of
        theirs (:meth:`discard`, :meth:`add`) and are marked as listed by ``commune`` in
        ``generation``. Returns how many were stored."""
        self.discard(record.citizen.id_number for record in records)
        added = self.add(records, population=Population.CACHE)
        hashes = [self._hash("id", record.citizen.id_number) for record in records]
        try:
            with self._engine.begin() as connection:
                ids = list(connection.execute(select(citizens_table.c.id).where(
                    citizens_table.c.id_hash.in_(hashes))).scalars())
                if ids:
                    connection.execute(synced_table.insert(), [
                        {"citizen_id": row_id, "commune": commune, "generation": generation}
                        for row_id in ids])
        except SQLAlchemyError as error:
            raise _not_updated() from error
        return added

    def remove_unlisted(self, commune: str, generation: str) -> int:
        """The end of a commune's sync pass: everyone last listed by ``commune`` in another
        generation than ``generation`` has left it (moved, died, withdrawn) and is removed,
        records and former numbers deleted. SQLite zeroes deleted content (secure_delete,
        kiosk.storage.database) and the write-ahead log is truncated after, so the sealed
        records do not linger in the files. Returns how many were removed."""
        try:
            with self._engine.begin() as connection:
                gone = list(connection.execute(select(synced_table.c.citizen_id).where(
                    synced_table.c.commune == commune,
                    synced_table.c.generation != generation)).scalars())
                _delete_people(connection, gone)
                removed = len(gone)
            if self._engine.dialect.name == "sqlite":  # updated ones too: old seals go
                with self._engine.connect() as connection:
                    connection.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
        except SQLAlchemyError as error:
            raise _not_updated() from error
        return removed


def _delete_people(connection: Connection, ids: Sequence[int]) -> None:
    """Delete these people (registry_citizens.id), their former numbers and their sync
    marks, in the caller's transaction (in chunks: SQLite limits the parameters)."""
    for start in range(0, len(ids), DELETE_CHUNK):
        chunk = ids[start:start + DELETE_CHUNK]
        connection.execute(former_table.delete().where(former_table.c.citizen_id.in_(chunk)))
        connection.execute(synced_table.delete().where(synced_table.c.citizen_id.in_(chunk)))
        connection.execute(citizens_table.delete().where(citizens_table.c.id.in_(chunk)))


def _not_updated() -> RegistryError:
    return RegistryError(
        "Không cập nhật được dữ liệu dân cư ngoại tuyến (registry.url). Kiểm tra đường dẫn và "
        "quyền ghi rồi đồng bộ lại.")


class ApplicationsTable:
    """The online applications of :class:`SqlRegistry` (see the module docstring)."""

    def __init__(self, engine: Engine, keys: KeyRing) -> None:
        self._engine, self._keys = engine, keys

    def replace_day(self, day: date, applications: Sequence[OnlineApplication]) -> int:
        if any(application.booked_on != day for application in applications):
            raise ValueError(f"every application must be booked on {day.isoformat()}")
        rows = [{"code_hash": _hash(self._keys, "application", application.code),
                 "booked_on": day,
                 "sealed": self._keys.seal(json.dumps(application.to_json(), ensure_ascii=False)
                                           .encode(), SEALED_APPLICATION)}
                for application in applications]
        try:
            with self._engine.begin() as connection:
                connection.execute(applications_table.delete().where(
                    applications_table.c.booked_on == day))
                if rows:
                    connection.execute(applications_table.insert(), rows)
        except SQLAlchemyError as error:
            raise RegistryError(
                "Không ghi được hồ sơ trực tuyến vào cơ sở dữ liệu dân cư (registry.url); các "
                "hồ sơ đã có vẫn giữ nguyên. Kiểm tra đường dẫn và quyền ghi rồi chạy lại.") \
                from error
        return len(rows)

    def _open(self, sealed: bytes) -> OnlineApplication:
        return OnlineApplication.from_json(json.loads(self._keys.open(sealed,
                                                                      SEALED_APPLICATION)))

    def find(self, code: str) -> OnlineApplication:
        wanted = application_code_of(code)
        with self._engine.connect() as connection:
            sealed = connection.execute(select(applications_table.c.sealed).where(
                applications_table.c.code_hash == _hash(self._keys, "application", wanted))
            ).scalar_one_or_none()
        if sealed is None:
            raise ApplicationNotFound.for_code(wanted)
        return self._open(sealed)

    def listed(self, day: date | None) -> list[OnlineApplication]:
        statement = select(applications_table.c.sealed)
        if day is not None:
            statement = statement.where(applications_table.c.booked_on == day)
        with self._engine.connect() as connection:
            found = [self._open(sealed) for sealed in connection.execute(statement).scalars()]
        return sorted(found, key=lambda a: (a.booked_on, a.slot_from, a.code))


def _reseal_applications(connection: Connection, both: KeyRing, new: KeyRing) -> None:
    """The applications under ``new``, in the rotation's transaction (a handful per day)."""
    rows = connection.execute(select(applications_table.c.id, applications_table.c.sealed)
                              ).all()
    for row_id, sealed in rows:
        plain = both.open(sealed, SEALED_APPLICATION)
        code = json.loads(plain)["code"]
        connection.execute(applications_table.update().where(
            applications_table.c.id == row_id).values(
            code_hash=_hash(new, "application", code),
            sealed=new.seal(plain, SEALED_APPLICATION)))


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


class _Hasher:
    """:func:`_hash` for a whole batch (a load hashes three values per person), on
    :meth:`KeyRing.indexer`: the HMAC's keyed state made once."""

    def __init__(self, keys: KeyRing) -> None:
        self._index = keys.indexer()

    def __call__(self, kind: str, text: str) -> bytes:
        return self._index(f"registry.{kind}:{text}")[:HASH_BYTES]


def _commit_without_waiting(connection: Connection, on: bool) -> None:
    """During a bulk load, commits do not wait for the disk (SQLite: synchronous OFF, WAL
    kept; PostgreSQL: synchronous_commit off, which never corrupts, at worst loses the last
    commits); then back to the durable default (kiosk.storage.database)."""
    with connection.begin():
        if connection.dialect.name == "sqlite":
            connection.exec_driver_sql(f"PRAGMA synchronous={'OFF' if on else 'FULL'}")
        elif connection.dialect.name == "postgresql":
            connection.exec_driver_sql("SET synchronous_commit TO off" if on
                                       else "RESET synchronous_commit")


def _write_rows(connection: Connection, table: str, columns: tuple[str, ...],
                rows: list[tuple[Any, ...]]) -> None:
    """Many rows at once: a binary COPY on PostgreSQL (three times less client time than
    an INSERT per row), a plain executemany elsewhere (SQLAlchemy's per-row parameter
    processing cost more than SQLite's insert)."""
    if not rows:
        return
    names = ", ".join(columns)
    if connection.dialect.name == "postgresql":
        types = ["int4" if column.endswith("id") else "bytea" for column in columns]
        driver: Any = connection.connection.driver_connection  # psycopg's, this transaction
        with driver.cursor() as cursor, cursor.copy(
                f"COPY {table} ({names}) FROM STDIN (FORMAT BINARY)") as copy:
            copy.set_types(types)
            for row in rows:
                copy.write_row(row)
        return
    connection.exec_driver_sql(f"INSERT INTO {table} ({names}) " + _values(
        connection, len(columns)), rows)


def _same_birth(record: RegistryRecord, born: date) -> bool:
    """The typed date agrees with the record as far as the record knows it."""
    known = record.citizen.date_of_birth
    if record.birth_precision is BirthPrecision.YEAR:
        return known.year == born.year
    if record.birth_precision is BirthPrecision.MONTH:
        return (known.year, known.month) == (born.year, born.month)
    return known == born
