"""The local SQL registry: generation rate with sealing (target >= 20,000 citizens/s) and the
p99 of a lookup by ID among N citizens in SQLite (target <= 2 ms at 1,000,000).
``python -m benchmarks.registry [--citizens N] [--json FILE]`` (one core)."""

from __future__ import annotations

import random
import tempfile
import time
from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import Any

from benchmarks.labelled import main_on_one_core, summary
from kiosk.paths import resources_dir
from kiosk.registry.base import LookupQuery
from kiosk.registry.population import PopulationData, PopulationGenerator
from kiosk.registry.sql import Population, SqlRegistry
from kiosk.storage.crypto import KeyRing

AS_OF = date(2026, 11, 25)
LOOKUPS = 2000


def run(citizens: int) -> dict[str, Any]:
    data = PopulationData.load(resources_dir())
    keys = KeyRing.generate()
    with tempfile.TemporaryDirectory() as scratch:
        # Generation alone (no sealing, no SQL), to tell the two costs apart.
        started = time.perf_counter()
        sample = list(PopulationGenerator(data, seed=1, as_of=AS_OF).generate(
            min(citizens, 50_000)))
        generate_only = len(sample) / (time.perf_counter() - started)
        registry = SqlRegistry.open(f"sqlite:///{Path(scratch) / 'registry.sqlite3'}", keys)
        started = time.perf_counter()
        registry.add(PopulationGenerator(data, seed=1, as_of=AS_OF).generate(citizens),
                     population=Population.SYNTHETIC)
        total = time.perf_counter() - started
        rng = random.Random(2)
        numbers = [r.citizen.id_number for r in rng.sample(sample, min(LOOKUPS, len(sample)))]
        samples = []
        for number in numbers:
            begun = time.perf_counter()
            found = registry.find(LookupQuery(id_number=number))
            samples.append((time.perf_counter() - begun) * 1000)
            assert len(found) == 1
        registry.close()
        size = (Path(scratch) / "registry.sqlite3").stat().st_size
    return {
        "citizens": citizens,
        "generate + seal + insert (citizens/s)": round(citizens / total),
        "generate only, no sealing or SQL (citizens/s)": round(generate_only),
        "lookup by ID (ms)": summary(samples, percentiles=(99,), digits=3),
        "database size (MB)": round(size / 1e6, 1),
    }


def main_(argv: Sequence[str] | None = None) -> int:
    return main_on_one_core("python -m benchmarks.registry", run, 100_000, argv,
                            option="citizens")


if __name__ == "__main__":
    raise SystemExit(main_(None))
