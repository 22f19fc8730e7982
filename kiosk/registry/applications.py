"""Online applications for a trainer's day: ``kiosk registry generate --applications-day``.

Each is what Cổng Dịch vụ công quốc gia or VNeID forwards to the agency the citizen booked
(legal.md §9, flow A): a code, the person, the procedure and reason chosen online, the day
the dossier was filed, the day and slot booked, and whether the card goes by post. The people
come from the registry; the reason fits their card history (a CCCD holder exchanges it for a
căn cước card, a card at its milestone is renewed, a 14-year-old without a card asks for the
first one, an address printed before the 2025 merger is updated). People whose case is filed
fully online and never booked (a lost card, a child under 6: legal.md §9, flow B) are passed
over. The same people, day and seed give the same applications.

The code's format is documented in docs/registry.md ("Online applications"): what is known of
real codes and what is invented here.
"""

from __future__ import annotations

import random
from collections.abc import Collection, Iterable
from datetime import date, datetime, time, timedelta
from typing import TYPE_CHECKING

from kiosk.registry.records import CardStatus, OnlineApplication, RegistryRecord
from kiosk.workflow.age import age_on
from kiosk.workflow.delivery import Delivery, DeliveryMethod
from kiosk.workflow.people import CardKind
from kiosk.workflow.procedures import ProcedureBook, Reason

if TYPE_CHECKING:
    from kiosk.registry.sql import SqlRegistry

# Codes seen on the national portal start "G22.99" (G22: the Government Office, which runs it).
PORTAL_PREFIX = "G22.99"
DEFAULT_COUNT = 40  # a commune counter's day of bookings (invented, for training)
# Booking slots: office hours as most Công an xã/phường publish them (varies by province).
SESSIONS = ((time(7, 30), time(11, 30)), (time(13, 30), time(17, 0)))
SLOT_MINUTES = 30
FILED_DAYS_BEFORE = (1, 14)  # the dossier is filed 1 to 14 days before the visit
BY_POST_SHARE = 0.2
RENEW_WITHIN_DAYS = 60  # a card this close to its expiry (or past it) is renewed
FIRST_CARD_FROM = 6  # younger children's dossiers are filed fully online (flow B)
# Most adults still hold a CCCD: without a cap, a day would be nearly all exchanges.
CONVERSIONS_AT_MOST = 0.5


def application_code(filed_on: date, number: int) -> str:
    """``G22.99-yymmdd-nnnnnn``: the filing day and that day's running number."""
    return f"{PORTAL_PREFIX}-{filed_on:%y%m%d}-{number:06d}"


def slots() -> list[tuple[time, time]]:
    """The day's booking slots, in order."""
    found = []
    for start, end in SESSIONS:
        at = datetime.combine(date.min, start)
        while (until := at + timedelta(minutes=SLOT_MINUTES)).time() <= end:
            found.append((at.time(), until.time()))
            at = until
    return found


def booked_reason(record: RegistryRecord, day: date) -> Reason | None:
    """Why this person would book a visit on ``day``, or None (no reason to, or a case
    filed fully online)."""
    if age_on(record.citizen.date_of_birth, day) < FIRST_CARD_FROM or record.lost_card:
        return None
    if any(flag.code == "residence_before_merger" for flag in record.discrepancies):
        return Reason.ADMIN_UNIT_CHANGE
    latest = record.cards[-1] if record.cards else None
    if latest is None or latest.kind is CardKind.CMND:
        return Reason.FIRST_ISSUE
    if latest.expires_on is not None and latest.expires_on <= day + timedelta(
            days=RENEW_WITHIN_DAYS):
        return Reason.MILESTONE
    if latest.kind is CardKind.CCCD and latest.status is CardStatus.IN_USE:
        return Reason.CCCD_CONVERSION
    return None


def make_applications(people: Iterable[RegistryRecord], day: date, *, agency: str,
                      procedures: ProcedureBook, rng: random.Random, count: int,
                      taken: Collection[str] = ()) -> list[OnlineApplication]:
    """Up to ``count`` applications booked at ``agency`` on ``day`` from ``people`` (in
    their order, one each), spread over the slots; codes never among ``taken``."""
    day_slots = slots()
    made: list[OnlineApplication] = []
    codes = set(taken)
    conversions = 0
    for record in people:
        if len(made) >= count:
            break
        reason = booked_reason(record, day)
        if reason is None or (reason is Reason.CCCD_CONVERSION
                              and conversions >= count * CONVERSIONS_AT_MOST):
            continue
        conversions += reason is Reason.CCCD_CONVERSION
        citizen = record.citizen
        filed = day - timedelta(days=rng.randint(*FILED_DAYS_BEFORE))
        code = application_code(filed, rng.randrange(1, 1_000_000))
        while code in codes:
            code = application_code(filed, rng.randrange(1, 1_000_000))
        codes.add(code)
        slot_from, slot_to = day_slots[len(made) * len(day_slots) // max(count, 1)]
        delivery = (Delivery(DeliveryMethod.POST, citizen.permanent_residence,
                             f"09{rng.randrange(10**8):08d}")
                    if rng.random() < BY_POST_SHARE else Delivery())
        made.append(OnlineApplication(
            code, citizen.id_number, citizen.full_name, procedures.reasons[reason].procedure,
            reason, filed, day, slot_from, slot_to, agency, delivery, synthetic=True))
    return made


def book_day(registry: SqlRegistry, day: date, *, agency: str, procedures: ProcedureBook,
             seed: int, count: int = DEFAULT_COUNT) -> list[OnlineApplication]:
    """``count`` applications booked on ``day`` from the registry's people, replacing any
    made for that day before; the same registry, day and seed give the same ones."""
    rng = random.Random(f"applications:{seed}:{day.isoformat()}")
    # Most people have no reason to book on a given day; some cases are filed fully online.
    people = registry.some_people(rng, count * 10)
    taken = {a.code for a in registry.applications() if a.booked_on != day}
    made = make_applications(people, day, agency=agency, procedures=procedures, rng=rng,
                             count=count, taken=taken)
    registry.replace_applications(day, made)
    return made
