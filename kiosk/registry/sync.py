"""``kiosk registry sync --communes …``: a mobile team's offline cache, filled from the central
service's feed of the people living in each commune.

Each page of the feed is one batch: the people in it are discarded from the cache if present
and added again (population 'cache'), so a second run updates rather than duplicates, and
marked as listed by this commune in the pass's generation (:meth:`SqlRegistry.store_synced`).
Then the page's cursor and the generation are recorded in the cache's meta
(``sync.CODE.cursor``, ``sync.CODE.generation``): a run that stops (network lost, laptop
closed) continues from the last page saved, in the same generation. Crash between the steps:
the page is fetched and stored again, no loss, no duplicate.

The feed's last page ends the pass: its pages listed everyone living in the commune at that
generation (docs/api/registry.json, ``CommunePage``). Whoever the cache holds as last listed
by this commune in an earlier generation has moved out (or died, or was withdrawn) and is
removed, sealed record and former numbers deleted (:meth:`SqlRegistry.remove_unlisted`).
Someone who moved to another commune that is also synced is kept: that commune's pass
listed them last. Then ``sync.CODE.done`` is recorded; the next run starts a new pass.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime

from kiosk.registry.base import RegistryError, RegistryOffline
from kiosk.registry.http import COMMUNE_CODE, HttpRegistry, StaleCursor
from kiosk.registry.sql import Population, SqlRegistry

log = logging.getLogger(__name__)  # counts only

PAGE_SIZE = 500


class SyncInterrupted(RegistryOffline):
    """The service stopped answering part-way; what was stored stays, a new run resumes."""


@dataclass
class SyncOutcome:
    stored: dict[str, int] = field(default_factory=dict)  # commune -> people stored this run
    removed: dict[str, int] = field(default_factory=dict)  # commune -> people who moved out
    resumed: list[str] = field(default_factory=list)  # communes continued from a cursor


def parse_communes(text: str) -> list[str]:
    """``00070,00073``: 5-digit commune codes, each once, in the order given."""
    codes = [part.strip() for part in text.split(",") if part.strip()]
    wrong = [code for code in codes if not COMMUNE_CODE.fullmatch(code)]
    if not codes or wrong:
        raise ValueError(f"{', '.join(wrong) or text!r}: mã xã là mã đơn vị hành chính cấp xã "
                         "gồm 5 chữ số, cách nhau bằng dấu phẩy (ví dụ 00070,00073)")
    return list(dict.fromkeys(codes))


def sync_communes(service: HttpRegistry, cache: SqlRegistry, communes: Sequence[str], *,
                  page_size: int = PAGE_SIZE, clock: Callable[[], datetime] = datetime.now,
                  progress: Callable[[str, int], None] | None = None) -> SyncOutcome:
    """Fill ``cache`` with the people of ``communes``; ``progress(commune, stored so far)``
    after each page."""
    if cache.population == Population.SYNTHETIC:
        raise RegistryError("registry.url đang chứa dân cư giả lập (đào tạo): đồng bộ dữ liệu "
                            "thật vào một cơ sở dữ liệu khác (đặt registry.url khác).")
    outcome = SyncOutcome()
    for commune in communes:
        _sync_commune(service, cache, commune, outcome, page_size=page_size, clock=clock,
                      progress=progress)
        if progress is not None:
            progress(commune, outcome.stored[commune])
        log.info("sync of one commune done: %s people stored, %s moved out",
                 outcome.stored[commune], outcome.removed[commune])
    cache.set_meta({"synced_at": clock().isoformat(timespec="seconds")})
    return outcome


def _sync_commune(service: HttpRegistry, cache: SqlRegistry, commune: str,
                  outcome: SyncOutcome, *, page_size: int, clock: Callable[[], datetime],
                  progress: Callable[[str, int], None] | None) -> None:
    """One commune's pass, from its saved cursor if a run stopped in it."""
    outcome.stored[commune] = 0
    cursor = cache.meta_value(_key(commune, "cursor")) or None
    generation = cache.meta_value(_key(commune, "generation")) or None
    if cursor is not None:
        outcome.resumed.append(commune)
    while True:
        try:
            page = service.commune_page(commune, cursor, page_size)
        except StaleCursor:
            if cursor is None:
                raise
            log.warning("sync cursor no longer known: the commune starts again")
            cursor = generation = None
            continue
        except RegistryOffline as offline:
            raise SyncInterrupted(
                f"Đồng bộ dừng ở xã {commune} ({outcome.stored[commune]} công dân đã lưu "
                f"trong lần chạy này). {offline.message} Chạy lại cùng lệnh khi có mạng: "
                "phần đã lưu được giữ và đồng bộ tiếp từ chỗ dừng.") from offline
        if cursor is None or generation is None:
            generation = page.generation  # a new pass (or one begun by an older kiosk)
        elif page.generation != generation:
            log.warning("sync page of another generation: the commune starts again")
            cursor = generation = None
            continue
        if page.records:
            outcome.stored[commune] += cache.store_synced(
                page.records, commune=commune, generation=generation)
        if page.next_cursor is None:
            outcome.removed[commune] = cache.remove_unlisted(commune, generation)
            cache.set_meta({_key(commune, "cursor"): "", _key(commune, "generation"): "",
                            _key(commune, "done"): clock().isoformat(timespec="seconds")})
            return
        cache.set_meta({_key(commune, "cursor"): page.next_cursor,
                        _key(commune, "generation"): generation})
        cursor = page.next_cursor
        if progress is not None:
            progress(commune, outcome.stored[commune])


def _key(commune: str, what: str) -> str:
    """registry_meta's key of one commune's sync state (cursor, generation, done)."""
    return f"sync.{commune}.{what}"
