"""Every row of legal.md §10, each asserting the outcome and its legal basis."""

from __future__ import annotations

from kiosk.workflow.lawbook import Lawbook
from kiosk.workflow.people import Citizen, Sex
from tests.workflow.conftest import assess, can_cuoc, cccd

ADULT_BIRTH = "1996-03-15"  # 30 on 25/11/2026
ADULT_CARD = cccd("2021-04-10", "2036-03-15")  # issued at 25, valid to 40


def basis(decision) -> str:
    return " | ".join(decision.legal_basis)


def test_e1_adult_without_card_must_get_a_first_card(lawbook: Lawbook) -> None:
    d = assess(lawbook, birth_date=ADULT_BIRTH, request="first")
    assert (d.procedure.value, d.reason.value, d.fee.value) == ("cap", "first_issue", 0)
    assert "Điều 19 khoản 2" in basis(d)
    assert "Điều 38 khoản 2" in d.fee.basis[0]


def test_e2_child_first_card_on_request_through_the_representative(lawbook: Lawbook) -> None:
    d = assess(lawbook, birth_date="2016-05-20", request="first")
    assert d.procedure.value == "cap" and d.representative_required
    assert "Điều 19 khoản 2, khoản 3" in basis(d) and "Điều 23 khoản 2 điểm c" in basis(d)
    assert any("theo yêu cầu" in w for w in d.warnings)


def test_e3_not_a_citizen_is_refused_with_cc03(lawbook: Lawbook) -> None:
    d = assess(lawbook, birth_date=ADULT_BIRTH, request="first", citizen=False)
    assert (d.procedure.value, d.reason.value, d.forms) == ("refuse", "not_citizen", ("CC03",))
    assert "Điều 19 khoản 1" in basis(d) and d.due is None
    assert any("Điều 30" in w for w in d.warnings)


def test_p1_milestone_renewal_is_free(lawbook: Lawbook) -> None:
    # Born 2001-06-01: card issued at 18 (valid to 25), now 25.
    d = assess(lawbook, birth_date="2001-06-01", request="renew", reason="milestone",
               card=cccd("2019-07-01", "2026-06-01"))
    assert (d.procedure.value, d.reason.value, d.fee.value) == ("cap_doi", "milestone", 0)
    assert "Điều 24 khoản 1 điểm a" in basis(d)
    assert d.fee.basis == ("Luật Căn cước 2023 Điều 38 khoản 3 điểm a",)
    assert d.biometrics.capture and d.collect_old_card


def test_p1_milestone_asked_too_early_is_a_holder_request(lawbook: Lawbook) -> None:
    d = assess(lawbook, birth_date=ADULT_BIRTH, request="renew", reason="milestone",
               card=ADULT_CARD)
    assert d.reason.value == "holder_request" and d.fee.value == 25_000
    assert any("15/03/2036" in w for w in d.warnings)


def test_p2_name_change_needs_the_database_updated_first(lawbook: Lawbook) -> None:
    d = assess(lawbook, birth_date=ADULT_BIRTH, request="renew", reason="name_or_dob_change",
               card=ADULT_CARD, db_adjustment_needed=True)
    assert d.reason.value == "name_or_dob_change" and d.fee.value == 25_000
    assert "Điều 24 khoản 1 điểm b" in basis(d) and "Điều 25 khoản 2" in basis(d)
    assert "Nghị định 70/2024/NĐ-CP Điều 6 khoản 3" in basis(d)


def test_p3_identity_or_sex_change(lawbook: Lawbook) -> None:
    d = assess(lawbook, birth_date=ADULT_BIRTH, request="renew", reason="identity_change",
               card=ADULT_CARD)
    assert d.fee.value == 25_000 and "Điều 24 khoản 1 điểm c" in basis(d)
    assert d.fee.basis == ("Thông tư 73/2024/TT-BTC Điều 4 khoản 1 điểm b",
                           "Thông tư 64/2025/TT-BTC Điều 1")


def test_p4_printed_error_free_only_when_the_agency_caused_it(lawbook: Lawbook) -> None:
    own = assess(lawbook, birth_date=ADULT_BIRTH, request="renew", reason="printed_error",
                 card=ADULT_CARD)
    agency = assess(lawbook, birth_date=ADULT_BIRTH, request="renew",
                    reason="printed_error_agency", card=ADULT_CARD)
    assert own.fee.value == 25_000 and "Điều 24 khoản 1 điểm d" in basis(own)
    assert agency.fee.value == 0
    assert agency.fee.basis == ("Luật Căn cước 2023 Điều 38 khoản 3 điểm b",)


def test_p5_administrative_unit_change_is_free(lawbook: Lawbook) -> None:
    d = assess(lawbook, birth_date=ADULT_BIRTH, request="renew", reason="admin_unit_change",
               card=ADULT_CARD, channel="online")
    assert d.fee.value == 0 and "Điều 24 khoản 1 điểm đ" in basis(d)
    assert d.fee.basis == ("Luật Căn cước 2023 Điều 38 khoản 3 điểm a",)


def test_p6_id_number_re_established(lawbook: Lawbook) -> None:
    d = assess(lawbook, birth_date=ADULT_BIRTH, request="renew", reason="id_number_reset",
               card=ADULT_CARD)
    assert d.fee.value == 25_000 and "Điều 24 khoản 1 điểm e" in basis(d)


def test_p7_holder_request(lawbook: Lawbook) -> None:
    d = assess(lawbook, birth_date=ADULT_BIRTH, request="renew", reason="holder_request",
               card=ADULT_CARD)
    assert (d.procedure.value, d.fee.value) == ("cap_doi", 25_000)
    assert "Điều 24 khoản 1 điểm g" in basis(d)


def test_p8_cccd_conversion_collects_the_cccd(lawbook: Lawbook) -> None:
    d = assess(lawbook, birth_date=ADULT_BIRTH, request="renew", reason="cccd_conversion",
               card=ADULT_CARD)
    assert (d.reason.value, d.fee.value, d.collect_old_card) == ("cccd_conversion", 15_000, True)
    assert "Điều 46 khoản 1" in basis(d)
    assert d.fee.basis[0] == "Thông tư 73/2024/TT-BTC Điều 4 khoản 1 điểm a"


def test_p9_lost_card_reissue_reuses_the_last_capture(lawbook: Lawbook) -> None:
    d = assess(lawbook, birth_date=ADULT_BIRTH, request="reissue", reason="lost",
               card=ADULT_CARD)
    assert (d.procedure.value, d.fee.value) == ("cap_lai", 35_000)
    assert d.biometrics.reuse_last and not d.biometrics.capture
    assert not d.collect_old_card and "Điều 25 khoản 4" in basis(d)


def test_p10_lost_card_past_a_milestone_is_a_milestone_renewal(lawbook: Lawbook) -> None:
    d = assess(lawbook, birth_date="2001-06-01", request="reissue", reason="lost",
               card=cccd("2019-07-01", "2026-06-01"))
    assert (d.procedure.value, d.reason.value, d.fee.value) == ("cap_doi", "milestone", 0)
    assert d.biometrics.capture and not d.biometrics.reuse_last
    assert any("trừ trường hợp Điều 21" in w for w in d.warnings)


def test_p11_regained_nationality_captures_anew(lawbook: Lawbook) -> None:
    d = assess(lawbook, birth_date=ADULT_BIRTH, request="reissue",
               reason="regained_nationality", card=can_cuoc("2024-09-01", "2036-03-15"))
    assert (d.procedure.value, d.fee.value) == ("cap_lai", 35_000)
    assert d.biometrics.capture and "Điều 24 khoản 2 điểm b" in basis(d)


def test_b1_under_six_captures_nothing(lawbook: Lawbook) -> None:
    d = assess(lawbook, birth_date="2021-06-01", request="first")
    assert d.biometrics == type(d.biometrics)(False, False, False, False)
    assert not d.applicant_present_required and "Điều 23 khoản 2 điểm a" in basis(d)
    assert any("không có ảnh" in w for w in d.warnings)


def test_b2_six_and_over_capture_face_fingerprints_iris(lawbook: Lawbook) -> None:
    d = assess(lawbook, birth_date="2020-11-25", request="first")  # six today
    assert d.biometrics.face and d.biometrics.fingerprints and d.biometrics.iris
    assert "Điều 23 khoản 1 điểm b" in basis(d)


def test_b3_damaged_card_reuses_and_collects_the_damaged_card(lawbook: Lawbook) -> None:
    d = assess(lawbook, birth_date=ADULT_BIRTH, request="reissue", reason="damaged",
               card=ADULT_CARD)
    assert d.biometrics.reuse_last and d.collect_old_card


def test_b4_dna_and_voice_are_never_part_of_the_decision(lawbook: Lawbook) -> None:
    d = assess(lawbook, birth_date=ADULT_BIRTH, request="first")
    assert set(d.to_json()["biometrics"]) == {"face", "fingerprints", "iris", "reuse_last"}


def test_r1_under_fourteen_the_representative_files(lawbook: Lawbook) -> None:
    assert assess(lawbook, birth_date="2012-11-26", request="first").representative_required
    assert not assess(lawbook, birth_date="2012-11-25", request="first").representative_required


def test_r2_child_from_six_must_be_present(lawbook: Lawbook) -> None:
    d = assess(lawbook, birth_date="2016-05-20", request="first")
    assert d.applicant_present_required and "Điều 23 khoản 2 điểm b" in basis(d)


def test_r3_lost_capacity_needs_a_representative(lawbook: Lawbook) -> None:
    d = assess(lawbook, birth_date=ADULT_BIRTH, request="renew", reason="holder_request",
               card=ADULT_CARD, lost_capacity=True)
    assert d.representative_required and "Điều 23 khoản 3" in basis(d)


def test_v1_card_expiry_follows_the_milestones(lawbook: Lawbook) -> None:
    thirty = assess(lawbook, birth_date=ADULT_BIRTH, request="first")
    assert thirty.to_json()["card_expiry"] == "2036-03-15"
    assert "Điều 21 khoản 1, khoản 2" in basis(thirty)
    fifty_nine = assess(lawbook, birth_date="1967-01-10", request="first")
    assert fifty_nine.to_json()["card_expiry"] is None  # from 58: no expiry


def test_f1_exemptions(lawbook: Lawbook) -> None:
    card = {"request": "renew", "reason": "holder_request", "card": ADULT_CARD}
    assert assess(lawbook, birth_date="2011-01-01", **card).fee.value == 0  # under 16
    assert assess(lawbook, birth_date="1960-01-01", **card).fee.value == 0  # 60 or over
    for exemption in ("disabled", "meritorious", "ethnic_minority_hardship_commune",
                      "border_commune", "special_zone", "poor_household"):
        d = assess(lawbook, birth_date=ADULT_BIRTH, exemptions=[exemption], **card)
        assert d.fee.value == 0 and "Thông tư 73/2024/TT-BTC Điều 5" in d.fee.basis[0]


def test_f2_the_most_favourable_rate_applies(lawbook: Lawbook) -> None:
    d = assess(lawbook, birth_date=ADULT_BIRTH, request="reissue", reason="lost",
               card=ADULT_CARD, channel="online", digital_citizen=True)
    assert d.fee.value == 0 and "Thông tư 117/2026/TT-BTC" in d.fee.basis[1]


def test_t1_seven_working_days(lawbook: Lawbook) -> None:
    d = assess(lawbook, on="2026-11-16", birth_date=ADULT_BIRTH, request="renew",
               reason="holder_request", card=ADULT_CARD)
    assert d.to_json()["due_date"] == "2026-11-26"
    assert "Luật Căn cước 2023 Điều 26" in basis(d)


def test_t2_database_adjustment_adds_two_working_days(lawbook: Lawbook) -> None:
    d = assess(lawbook, on="2026-11-16", birth_date=ADULT_BIRTH, request="renew",
               reason="name_or_dob_change", card=ADULT_CARD, db_adjustment_needed=True)
    assert d.to_json()["due_date"] == "2026-11-30"


def test_t3_online_channel_is_recorded_not_refused(lawbook: Lawbook) -> None:
    # No-show cancellation (T-3) happens in the booking system, not at the desk: an online
    # filing decides like any other, with its own fee rate.
    d = assess(lawbook, birth_date=ADULT_BIRTH, request="renew", reason="holder_request",
               card=ADULT_CARD, channel="online")
    assert d.procedure.value == "cap_doi"


def test_l1_any_desk_nationwide(lawbook: Lawbook) -> None:
    # Born and registered in Hồ Chí Minh City (079), filing at a Hà Nội desk: no residence rule.
    d = assess(lawbook, birth_date="1985-11-02", sex="male", id_number="079085001122",
               request="renew", reason="holder_request", card=can_cuoc("2024-09-20", None))
    assert d.procedure.value == "cap_doi" and not d.warnings


def test_d1_residence_to_print(lawbook: Lawbook) -> None:
    def person(permanent: str, temporary: str, current: str) -> Citizen:
        return Citizen("001096012345", "Nguyễn Văn Bình", __import__("datetime").date(
            1996, 3, 15), Sex.MALE, "Việt Nam", "Hà Nội", "Hưng Yên", "Kinh", "Không",
            permanent, temporary, current)

    assert person("Thường trú", "Tạm trú", "Nơi ở").residence_to_print == "Thường trú"
    assert person("", "Tạm trú", "Nơi ở").residence_to_print == "Tạm trú"
    assert person("", "", "Nơi ở").residence_to_print == "Nơi ở"


def test_d2_under_six_card_has_no_photo(lawbook: Lawbook) -> None:
    d = assess(lawbook, birth_date="2022-01-01", request="first")
    assert not d.biometrics.face and "Thông tư 16/2024/TT-BCA Điều 3 khoản 4" in basis(d)


def test_o1_every_renewal_collects_the_old_card(lawbook: Lawbook) -> None:
    for reason in ("milestone", "name_or_dob_change", "identity_change", "printed_error",
                   "admin_unit_change", "id_number_reset", "holder_request", "cccd_conversion"):
        d = assess(lawbook, birth_date=ADULT_BIRTH, request="renew", reason=reason,
                   card=ADULT_CARD)
        assert d.collect_old_card and "Điều 25 khoản 3" in basis(d), reason


def test_o2_refusal_is_in_writing(lawbook: Lawbook) -> None:
    d = assess(lawbook, birth_date=ADULT_BIRTH, request="first", card=ADULT_CARD)
    assert (d.procedure.value, d.reason.value, d.forms) == ("refuse", "already_has_card",
                                                            ("CC03",))


def test_x1_late_renewal_warns_of_the_penalty(lawbook: Lawbook) -> None:
    d = assess(lawbook, birth_date="2001-06-01", request="renew", reason="holder_request",
               card=cccd("2019-07-01", "2026-06-01"))
    assert d.reason.value == "milestone"
    assert any("Nghị định 282/2025/NĐ-CP Điều 11 khoản 1" in w for w in d.warnings)


def test_each_citation_appears_once(lawbook: Lawbook) -> None:
    d = assess(lawbook, birth_date=ADULT_BIRTH, request="renew", reason="cccd_conversion",
               card=ADULT_CARD)
    assert len(d.legal_basis) == len(set(d.legal_basis))
    assert d.legal_basis.count("Nghị định 70/2024/NĐ-CP Điều 21 khoản 3") == 1
