"""The local SQL registry: the rate of ``kiosk registry generate`` (generate, seal, insert;
target >= 20,000 citizens/s) and the p99 of a lookup by ID among N citizens (target <= 2 ms
at 1,000,000 in SQLite, <= 5 ms in PostgreSQL).

``python -m benchmarks.registry [--citizens N] [--url URL] [--processes 1|2] [--json FILE]``

- ``--url``: a PostgreSQL server (``postgresql+psycopg://user@host:port/db``); the benchmark
  creates a scratch database there and drops it. Default: a scratch SQLite file.
- ``--processes 1`` (default) pins the run to one core: the generator and the storing share
  it. ``2`` generates in a child process while this one seals and stores (two cores).

``python -m benchmarks.registry --http [--lookups N]``: the central service's client instead
(kiosk/registry/transport.py): lookups by ID over mutual TLS against the reference service
(device_simulators/registry_service.py) in this process, on one core, three ways: on a
kept-alive connection (what the desk does), a new connection each resuming the TLS session,
and a new connection each with the full handshake (what it did before).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import ssl
import tempfile
import time
import uuid
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import Any

import sqlalchemy as sa

from benchmarks.labelled import summary
from device_simulators.registry_service import RegistryService, issue_tls_files
from kiosk.paths import resources_dir
from kiosk.registry.base import LookupQuery
from kiosk.registry.http import HttpRegistry
from kiosk.registry.loading import Generation, generated
from kiosk.registry.population import PopulationData, PopulationGenerator
from kiosk.registry.sql import Population, SqlRegistry
from kiosk.registry.transport import POOL_SIZE, RegistryClient
from kiosk.storage.crypto import KeyRing

AS_OF = date(2026, 11, 25)
LOOKUPS = 2000
GENERATE_ONLY = 50_000  # people generated without storing, to tell the costs apart


@contextmanager
def _scratch_database(url: str | None) -> Iterator[tuple[str, Path | None]]:
    """(URL of an empty database, its SQLite file or None), removed afterwards."""
    if url is None:
        with tempfile.TemporaryDirectory() as scratch:
            path = Path(scratch) / "registry.sqlite3"
            yield f"sqlite:///{path}", path
        return
    name = f"kiosk_bench_{uuid.uuid4().hex[:10]}"
    admin = sa.create_engine(url, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(sa.text(f'CREATE DATABASE "{name}"'))
    try:
        yield sa.make_url(url).set(database=name).render_as_string(hide_password=False), None
    finally:
        with admin.connect() as connection:
            connection.execute(sa.text(f'DROP DATABASE "{name}" WITH (FORCE)'))
        admin.dispose()


def _size_mb(registry_url: str, path: Path | None) -> float:
    if path is not None:
        return round(sum(p.stat().st_size for p in path.parent.glob(path.name + "*")) / 1e6, 1)
    engine = sa.create_engine(registry_url)
    with engine.connect() as connection:
        size = connection.execute(sa.text("SELECT pg_database_size(current_database())")
                                  ).scalar_one()
    engine.dispose()
    return round(int(size) / 1e6, 1)


def _generate_only(data: PopulationData, count: int) -> dict[str, int]:
    """Documents (what is stored) and records (what ``generate()`` gives other callers)."""
    rates = {}
    for label, method in (("documents", "documents"), ("records", "generate")):
        generator = PopulationGenerator(data, seed=1, as_of=AS_OF)
        started = time.perf_counter()
        made = sum(1 for _ in getattr(generator, method)(count))
        rates[label] = round(made / (time.perf_counter() - started))
    return rates


def run(citizens: int, url: str | None = None, processes: int = 1) -> dict[str, Any]:
    data = PopulationData.load(resources_dir())
    keys = KeyRing.generate()
    only = _generate_only(data, min(citizens, GENERATE_ONLY))
    with _scratch_database(url) as (registry_url, path):
        registry = SqlRegistry.open(registry_url, keys)
        started = time.perf_counter()
        added = registry.add_prepared(
            generated(Generation(resources_dir(), 1, AS_OF, citizens), processes=processes),
            population=Population.SYNTHETIC, bulk=True)
        total = time.perf_counter() - started
        numbers = [r.citizen.id_number
                   for r in registry.some_people(random.Random(2), min(LOOKUPS, citizens))]
        samples = []
        for number in numbers:
            begun = time.perf_counter()
            found = registry.find(LookupQuery(id_number=number))
            samples.append((time.perf_counter() - begun) * 1000)
            assert len(found) == 1
        registry.close()
        size = _size_mb(registry_url, path)
    return {
        "citizens": added,
        "database": "sqlite" if url is None else sa.make_url(url).get_backend_name(),
        "processes": processes,
        "generate + seal + insert (citizens/s)": round(added / total),
        "generate + seal + insert (s)": round(total, 1),
        "generate only, no sealing or SQL (citizens/s)": only,
        "lookup by ID (ms)": summary(samples, percentiles=(99,), digits=3),
        "database size (MB)": size,
    }


def http_lookups(lookups: int, people: int = 500) -> dict[str, Any]:
    """Lookups by ID through :class:`HttpRegistry`, the three ways the module docstring
    lists, interleaved in rounds so that a change in the machine's load hits all three."""
    data = PopulationData.load(resources_dir())
    population = list(PopulationGenerator(data, seed=1, as_of=AS_OF).generate(people))
    numbers = [r.citizen.id_number for r in population]
    with tempfile.TemporaryDirectory() as scratch:
        tls = issue_tls_files(Path(scratch))
        context = ssl.create_default_context(cafile=str(tls.ca))
        context.load_cert_chain(str(tls.client))
        with RegistryService(population, tls=tls) as service:
            def client(pool_size: int = POOL_SIZE, *, resume: bool = True) -> HttpRegistry:
                return HttpRegistry(RegistryClient(service.base_url, context=context, retries=0,
                                                   pool_size=pool_size, resume_tls=resume))

            kept, resumed, full = client(), client(pool_size=0), client(0, resume=False)
            ways: dict[str, Callable[[str], Any]] = {
                "kept-alive connection": kept.record,
                "new connection, TLS session resumed": resumed.record,
                "new connection, full handshake": full.record,
            }
            for way in ways.values():  # warm: imports, the first handshake, the session
                way(numbers[0])
            samples: dict[str, list[float]] = {label: [] for label in ways}
            rng = random.Random(3)
            for _ in range(lookups):
                number = rng.choice(numbers)
                for label, way in ways.items():
                    begun = time.perf_counter()
                    way(number)
                    samples[label].append((time.perf_counter() - begun) * 1000)
            opened = {label: registry.client.opened for label, registry in (
                ("kept-alive connection", kept), ("new connection, TLS session resumed", resumed),
                ("new connection, full handshake", full))}
            resumed_by_service = service.resumed
            for registry in (kept, resumed, full):
                registry.close()
    return {"lookups": lookups, "lookup by ID over mutual TLS (ms)": {
        label: summary(values, percentiles=(99,), digits=2) for label, values in samples.items()},
        "connections opened (incl. warm-up)": opened,
        "TLS sessions resumed (service side)": resumed_by_service}


def main_(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.registry")
    parser.add_argument("--citizens", type=int, default=100_000)
    parser.add_argument("--url", help="a PostgreSQL server (default: a scratch SQLite file)")
    parser.add_argument("--processes", type=int, choices=(1, 2), default=1)
    parser.add_argument("--http", action="store_true",
                        help="the central service's client instead (lookups over mutual TLS)")
    parser.add_argument("--lookups", type=int, default=1000, help="with --http: per way")
    parser.add_argument("--json", type=Path)
    args = parser.parse_args(argv)
    if hasattr(os, "sched_getaffinity"):
        allowed = sorted(os.sched_getaffinity(0))
        if args.processes == 1:  # one core: the first this run may use (taskset is kept)
            os.sched_setaffinity(0, {allowed[0]})
        elif len(allowed) < 2:
            parser.error("--processes 2 needs two cores (taskset gave one)")
    results = (http_lookups(args.lookups) if args.http
               else run(args.citizens, args.url, args.processes))
    text = json.dumps(results, ensure_ascii=False, indent=2)
    print(text)
    if args.json:
        args.json.write_text(text + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main_(None))
