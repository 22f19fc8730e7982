"""People on their way into the SQL registry: each record's JSON and the texts its keyed
hashes cover, made without the key, so that a second process can make them while the first
seals and stores (``kiosk registry generate`` of a large population on two cores).

:func:`prepare` turns a record's JSON document (:meth:`RegistryRecord.to_json`) into a
:class:`Prepared`; :func:`generated` yields a synthetic population prepared in batches, in
this process or in a child process. Both ways give the same people in the same order.
"""

from __future__ import annotations

import functools
import gc
import itertools
import json
import multiprocessing
import os
import queue
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from kiosk.registry.base import RegistryError
from kiosk.registry.records import RegistryRecord, unaccented
from kiosk.workflow.people import CardKind

if TYPE_CHECKING:
    from kiosk.registry.sql import SqlRegistry

BATCH = 5000  # people per batch: per transaction and per message between the processes
TWO_PROCESSES_FROM = 20_000  # fewer people are made before a second interpreter has started
_CMND = CardKind.CMND.value


class Prepared(NamedTuple):
    """One person ready to be sealed and stored."""

    plain: bytes  # the record as compact JSON (UTF-8): what is sealed
    id_number: str
    name_text: str  # what the name hash covers (:func:`name_text`)
    formers: tuple[str, ...]  # every CMND number the person held


def name_text(full_name: str, birth_year: int) -> str:
    """What the name hash covers: the accent-free name and the birth year."""
    return f"{unaccented(full_name)}|{birth_year:04d}"


# A million people share about 65,000 names: folding each name once saves a tenth of the
# load. Cleared after every load (the cache would otherwise keep real names of a sync).
_folded = functools.lru_cache(maxsize=1 << 17)(unaccented)


def former_numbers(document: dict[str, Any]) -> tuple[str, ...]:
    """Every CMND number the person held (the cards' and the record's former number)."""
    numbers = {card["number"] for card in document.get("cards", ()) if card["kind"] == _CMND}
    if document.get("former_id_number"):
        numbers.add(document["former_id_number"])
    return tuple(sorted(numbers))


# Compact UTF-8 JSON; one encoder for all (json.dumps makes one per call) and no cycle check
# (a document is a tree of dicts and lists): a sixth less time per person.
_encode = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"),
                           check_circular=False).encode


def prepare(document: dict[str, Any]) -> Prepared:
    plain = _encode(document).encode()
    year = int(document["date_of_birth"][:4])
    return Prepared(plain, document["id_number"],
                    f"{_folded(document['full_name'])}|{year:04d}", former_numbers(document))


def forget_names() -> None:
    _folded.cache_clear()


def batched(documents: Iterable[dict[str, Any]], size: int = BATCH) -> Iterator[list[Prepared]]:
    iterator = iter(documents)
    while chunk := list(itertools.islice(iterator, size)):
        yield [prepare(document) for document in chunk]


# -- a synthetic population ------------------------------------------------------------------
class Generation(NamedTuple):
    """What :class:`PopulationGenerator` needs, picklable for a child process."""

    resources: Path
    seed: int
    as_of: date
    people: int  # how many
    taken: tuple[str, ...] = ()  # ID numbers already used (the training file's)


def _documents(job: Generation) -> Iterator[dict[str, Any]]:
    from kiosk.registry.population import (  # noqa: PLC0415 - the child's import
        PopulationData,
        PopulationGenerator,
    )

    generator = PopulationGenerator(PopulationData.load(job.resources), seed=job.seed,
                                    as_of=job.as_of, taken=job.taken)
    return generator.documents(job.people)


def cores() -> int:
    """CPUs this process may run on (a benchmark pinned to one core has one)."""
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0))
    return os.cpu_count() or 1


def generated(job: Generation, *, processes: int | None = None) -> Iterator[list[Prepared]]:
    """The population of ``job`` in batches. ``processes``: 1 makes it here; 2 in a child
    process while the caller stores the batches (None: 2 when two cores are free and the
    population is large enough to pay for starting the child)."""
    if processes is None:
        processes = 2 if cores() >= 2 and job.people >= TWO_PROCESSES_FROM else 1
    if processes <= 1:
        yield from batched(_documents(job))
        return
    yield from _from_child(job)


@contextmanager
def fewer_collections() -> Iterator[None]:
    """The cycle collector runs less often while people are made and stored: they make no
    cycles, and each run walks every batch held (a tenth of a load's time)."""
    before = gc.get_threshold()
    gc.set_threshold(max(before[0], 50_000), *before[1:])
    try:
        yield
    finally:
        gc.set_threshold(*before)


def _produce(job: Generation, out: Any) -> None:
    """The child: batches into ``out``, then None; an error as its text."""
    try:
        with fewer_collections():
            for chunk in batched(_documents(job)):
                # As plain tuples: a third of the time a named tuple takes to pickle.
                out.put([tuple(item) for item in chunk])
        out.put(None)
    except Exception as error:  # reported to the parent, which raises
        out.put(f"{type(error).__name__}: {error}")


def _from_child(job: Generation) -> Iterator[list[Prepared]]:
    # spawn: a fresh interpreter, never a fork of a process that may hold threads or a
    # database connection.
    context = multiprocessing.get_context("spawn")
    batches: Any = context.Queue(maxsize=4)  # bounds memory: a few batches ahead at most
    child = context.Process(target=_produce, args=(job, batches), daemon=True,
                            name="kiosk-registry-generate")
    child.start()
    try:
        while True:
            try:
                item = batches.get(timeout=1.0)
            except queue.Empty:
                if not child.is_alive():
                    raise RegistryError(
                        "Tiến trình tạo dân cư giả lập dừng bất thường (có thể hết bộ nhớ). "
                        "Xóa cơ sở dữ liệu dân cư đang tạo dở rồi chạy lại lệnh.") from None
                continue
            if item is None:
                break
            if isinstance(item, str):
                raise RegistryError(f"Không tạo được dân cư giả lập: {item}")
            yield [Prepared._make(values) for values in item]
        child.join()
    finally:
        if child.is_alive():
            child.terminate()
            child.join()
        batches.close()
        batches.join_thread()


def prepared_records(records: Iterable[RegistryRecord], size: int = BATCH
                     ) -> Iterator[list[Prepared]]:
    return batched((record.to_json() for record in records), size)


def load_synthetic(registry: SqlRegistry, job: Generation, *,
                   before: Sequence[RegistryRecord] = (), processes: int | None = None) -> int:
    """``kiosk registry generate``: ``before`` (the training file's people), then the
    population of ``job`` (whose ``taken`` must hold their ID numbers), as one bulk load."""
    from kiosk.registry.sql import Population  # noqa: PLC0415 - sql imports this module

    batches = itertools.chain(prepared_records(before), generated(job, processes=processes))
    return registry.add_prepared(
        batches, population=Population.SYNTHETIC, bulk=True,
        extra_meta={"seed": str(job.seed), "as_of": job.as_of.isoformat()})
