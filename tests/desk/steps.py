"""Steps the desk tests take again and again, the way a clerk would."""

from __future__ import annotations

import threading

from kiosk.desk.casefile import CaseFile
from kiosk.desk.desk import CounterDesk
from kiosk.devices.base import Slap
from kiosk.registry.base import LookupQuery
from kiosk.workflow.permissions import Actor, Authorization, Permission, Role
from kiosk.workflow.procedures import Reason


def opened(desk: CounterDesk, number: str = "001096012345") -> CaseFile:
    return desk.open_case(desk.find_citizen(LookupQuery.from_text(number)))


def approved(desk: CounterDesk, permission: Permission, username: str = "truongca",
             name: str = "") -> Authorization:
    """The desk's clerk acting with a supervisor's approval, as the window records it."""
    return desk.permissions.authorize(permission, Actor(desk.operator, Role.CLERK),
                                      Actor(username, Role.SUPERVISOR, name))


def ready_for_capture(desk: CounterDesk, number: str = "001096012345",
                      reason: Reason = Reason.CCCD_CONVERSION) -> CaseFile:
    case = opened(desk, number)
    desk.decide(case, reason)
    desk.check_representative(case)
    return case


def capture_all(desk: CounterDesk, case: CaseFile) -> None:
    cancel = threading.Event()
    desk.capture_face(case, cancel)
    for slap in Slap:
        desk.capture_slap(case, slap, cancel)
    desk.capture_irises(case, cancel)


def signed(desk: CounterDesk, number: str, reason: Reason) -> CaseFile:
    """A case served up to the signed CC01, without captures (a lost card reuses the last
    biometrics, a child under 6 gives none; a child's father files)."""
    case = opened(desk, number)
    desk.decide(case, reason)
    if case.decided.representative_required:
        desk.record_representative(case, full_name="Nguyễn Văn Bình", id_number="001096012345",
                                   relationship="cha", evidence="Giấy khai sinh số 12/2022")
    desk.check_representative(case)
    desk.finish_biometrics(case)
    desk.print_receipt(case)
    desk.confirm_receipt_signed(case)
    return case
