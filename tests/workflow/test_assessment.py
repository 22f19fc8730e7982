from dataclasses import replace
from datetime import date

import pytest

from kiosk.workflow.assessment import BiometricsPlan, Modality, assess
from kiosk.workflow.errors import RuleViolation
from kiosk.workflow.people import Card, CardKind, Citizen, Sex
from kiosk.workflow.procedures import Procedure, Reason

TODAY = date(2026, 11, 25)
ADULT = Citizen(
    id_number="001096012345", full_name="Nguyễn Văn Bình", date_of_birth=date(1996, 3, 15),
    sex=Sex.MALE, nationality="Việt Nam", place_of_birth_registration="Hà Nội",
    hometown="Hưng Yên", ethnicity="Kinh", religion="Không",
    permanent_residence="Phường Hoàn Kiếm, Thành phố Hà Nội",
    card=Card(CardKind.CCCD, "001096012345", date(2021, 4, 10), date(2036, 3, 15)),
)


def test_ordinary_conversion_of_a_cccd() -> None:
    decided = assess(ADULT, Reason.CCCD_CONVERSION, TODAY)
    a = decided.value
    assert (a.procedure, a.age, a.biometrics) == (Procedure.CAP_DOI, 30, BiometricsPlan.CAPTURE)
    assert a.modalities == (Modality.FACE, Modality.FINGERPRINTS, Modality.IRISES)
    assert a.collect_old_card and not a.representative_required
    assert any("Điều 46" in basis for basis in decided.basis)


def test_lost_card_reuses_the_last_capture() -> None:
    a = assess(ADULT, Reason.LOST_OR_DAMAGED, TODAY).value
    assert (a.procedure, a.biometrics) == (Procedure.CAP_LAI, BiometricsPlan.REUSE_LAST)
    assert not a.collect_old_card


def test_lost_card_past_a_milestone_becomes_a_milestone_renewal() -> None:
    old = replace(ADULT, card=Card(CardKind.CCCD, "001096012345", date(2016, 1, 5),
                                   date(2021, 3, 15)))
    decided = assess(old, Reason.LOST_OR_DAMAGED, TODAY)
    assert decided.value.reason is Reason.MILESTONE_AGE
    assert decided.value.biometrics is BiometricsPlan.CAPTURE
    assert decided.notes


def test_child_needs_a_representative_and_under_six_captures_nothing() -> None:
    child = replace(ADULT, date_of_birth=date(2021, 6, 1), card=None)
    a = assess(child, Reason.FIRST_ISSUE, TODAY).value
    assert a.representative_required and a.biometrics is BiometricsPlan.NONE
    assert a.modalities == ()


@pytest.mark.parametrize(
    ("citizen", "reason", "code"),
    [
        (replace(ADULT, is_vietnamese_citizen=False), Reason.FIRST_ISSUE, "refuse.not_citizen"),
        (ADULT, Reason.FIRST_ISSUE, "reason.already_has_card"),
        (replace(ADULT, card=None), Reason.HOLDER_REQUEST, "reason.no_card"),
        (replace(ADULT, card=Card(CardKind.CAN_CUOC, "1", date(2025, 1, 1), None)),
         Reason.CCCD_CONVERSION, "reason.not_cccd"),
    ],
)
def test_refusals_explain_themselves(citizen: Citizen, reason: Reason, code: str) -> None:
    with pytest.raises(RuleViolation) as raised:
        assess(citizen, reason, TODAY)
    assert raised.value.code == code
    assert raised.value.message and raised.value.basis


def test_text_is_stored_nfc() -> None:
    decomposed = "Nguye\u0302\u0303n"  # ễ as e + circumflex + tilde
    assert replace(ADULT, full_name=decomposed).full_name == "Nguyễn"
