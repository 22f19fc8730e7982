"""``kiosk registry sync --communes …``: a mobile team's offline cache, filled from the central
service's feed of the people living in each commune.

Each page of the feed is one batch: the people in it are discarded from the cache if present
and added again through :meth:`SqlRegistry.add` (population 'cache'), so a second run updates
rather than duplicates. Then the page's cursor is recorded in the cache's meta
(``sync.CODE.cursor``): a run that stops (network lost, laptop closed) continues from the
last page saved. A commune finished records ``sync.CODE.done``; the next run fetches it again
from the start. Crash between the steps: the page is fetched and stored again, no loss, no
duplicate. People who moved out of a commune stay in the cache until it is made afresh.
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
        outcome.stored[commune] = 0
        cursor = cache.meta_value(_cursor_key(commune)) or None
        if cursor is not None:
            outcome.resumed.append(commune)
        while True:
            try:
                page = service.commune_page(commune, cursor, page_size)
            except StaleCursor:
                if cursor is None:
                    raise
                log.warning("sync cursor no longer known: the commune starts again")
                cursor = None
                continue
            except RegistryOffline as offline:
                raise SyncInterrupted(
                    f"Đồng bộ dừng ở xã {commune} ({outcome.stored[commune]} công dân đã lưu "
                    f"trong lần chạy này). {offline.message} Chạy lại cùng lệnh khi có mạng: "
                    "phần đã lưu được giữ và đồng bộ tiếp từ chỗ dừng.") from offline
            if page.records:
                cache.discard(record.citizen.id_number for record in page.records)
                cache.add(page.records, population=Population.CACHE)
                outcome.stored[commune] += len(page.records)
            if page.next_cursor is None:
                cache.set_meta({_cursor_key(commune): "",
                                f"sync.{commune}.done": clock().isoformat(timespec="seconds")})
                break
            cache.set_meta({_cursor_key(commune): page.next_cursor})
            cursor = page.next_cursor
            if progress is not None:
                progress(commune, outcome.stored[commune])
        if progress is not None:
            progress(commune, outcome.stored[commune])
        log.info("sync of one commune done: %s people", outcome.stored[commune])
    cache.set_meta({"synced_at": clock().isoformat(timespec="seconds")})
    return outcome


def _cursor_key(commune: str) -> str:
    return f"sync.{commune}.cursor"
