"""Judging a trainee's choices against a scenario's (pure): mistakes in decisions, the
consequences that follow from them, refused actions, and the class summary."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from kiosk.workflow.trainee import (
    Bases,
    Choices,
    Handling,
    Labels,
    Outcome,
    Topic,
    Verdict,
    compare,
    mistakes,
)
from kiosk.workflow.trainee_record import StepTime, TraineeReport, summarise

LABELS = Labels(reasons={"lost": "Cấp lại — Thẻ bị mất", "damaged": "Cấp lại — Thẻ hỏng"},
                relationships={"cha": "Cha"}, exemptions={"disabled": "Người khuyết tật"},
                deliveries={"counter": "Tại nơi làm thủ tục", "post": "Bưu chính"},
                fields={"full_name": "Họ, chữ đệm và tên"},
                positions={"left_four": "Bốn ngón tay trái"}, fingers={"8": "Ngón giữa trái"},
                missing_reasons={"amputated": "cụt ngón"},
                blocked={"refuse.no_grounds": "Từ chối khi không có căn cứ"})
BASES = Bases(("Điều 24",), ("NĐ 70 Điều 6",), ("Điều 23",), ("Điều 23 khoản 1 điểm b",),
              ("Điều 23 khoản 1 điểm đ",))
EXPECTED = Choices("cap_lai", "lost", delivery="post", exemption="disabled",
                   captures={"left_four": Handling((("8", "amputated"),))})
OUTCOME = Outcome(0, ("TT 73 Điều 5",), date(2026, 12, 4), ("Điều 26",))


def judged(made: Choices, outcome: Outcome = OUTCOME, blocked: tuple[str, ...] = ()
           ) -> dict[str, Verdict]:
    found = compare(EXPECTED, made, expected_outcome=OUTCOME, made_outcome=outcome,
                    blocked=blocked, labels=LABELS, bases=BASES)
    return {f.key: f.verdict for f in found}


def test_the_same_choices_are_all_right() -> None:
    verdicts = judged(EXPECTED)
    assert set(verdicts.values()) == {Verdict.OK}
    assert set(verdicts) == {"procedure", "capture:left_four", "delivery", "fee", "due_date"}


def test_each_decision_differing_is_one_mistake() -> None:
    assert judged(replace(EXPECTED, reason="damaged"))["procedure"] is Verdict.MISTAKE
    assert judged(replace(EXPECTED, delivery="counter"))["delivery"] is Verdict.MISTAKE
    assert judged(replace(EXPECTED, captures={"left_four": Handling(
        accepted_low_quality=True)}))["capture:left_four"] is Verdict.MISTAKE
    assert judged(replace(EXPECTED, representative="cha"))["representative"] is Verdict.MISTAKE
    assert judged(replace(EXPECTED, adjustment=("full_name",)))["adjustment"] is Verdict.MISTAKE


def test_a_fee_collected_instead_of_exempted_is_the_mistake_not_its_amount() -> None:
    verdicts = judged(replace(EXPECTED, exemption=None), Outcome(35000, (), date(2026, 12, 4)))
    assert verdicts["fee"] is Verdict.MISTAKE
    assert [k for k, v in verdicts.items() if v is Verdict.MISTAKE] == ["fee"]


def test_what_the_rules_work_out_from_a_mistake_is_its_consequence() -> None:
    verdicts = judged(replace(EXPECTED, reason="damaged"), Outcome(0, (), date(2026, 12, 8)))
    assert verdicts["procedure"] is Verdict.MISTAKE
    assert verdicts["due_date"] is Verdict.CONSEQUENCE


def test_a_different_amount_with_no_mistake_behind_it_is_a_mistake() -> None:
    assert judged(EXPECTED, Outcome(35000, (), date(2026, 12, 4)))["fee"] is Verdict.MISTAKE


def test_every_refused_action_is_a_mistake_of_its_own() -> None:
    found = compare(EXPECTED, EXPECTED, expected_outcome=OUTCOME, made_outcome=OUTCOME,
                    blocked=["refuse.no_grounds", "capture.unknown"], labels=LABELS,
                    bases=BASES)
    wrong = mistakes(found)
    assert [f.key for f in wrong] == ["blocked:refuse.no_grounds", "blocked:capture.unknown"]
    assert wrong[0].title == "Từ chối khi không có căn cứ"
    assert "capture.unknown" in wrong[1].title  # an unknown code still names itself


def test_a_refusal_expected_and_made_judges_no_fee_nor_delivery() -> None:
    refusal = Choices("refuse", "already_has_card")
    found = compare(refusal, refusal, expected_outcome=Outcome(None),
                    made_outcome=Outcome(None), blocked=[], labels=LABELS, bases=BASES)
    assert [f.topic for f in found] == [Topic.PROCEDURE]
    assert found[0].verdict is Verdict.OK


def report(trainee: str, code: str, findings_from: Choices, seconds: int) -> TraineeReport:
    findings = compare(EXPECTED, findings_from, expected_outcome=OUTCOME, made_outcome=OUTCOME,
                       blocked=[], labels=LABELS, bases=BASES)
    return TraineeReport(code, "HK01", "lost-card", "Mất thẻ", trainee, date(2026, 11, 25),
                         date(2026, 11, 25), "closed", tuple(findings),
                         (StepTime("identified", "Xác định thủ tục", seconds),), (), (), (),
                         seconds)


def test_a_report_survives_json_unchanged() -> None:
    original = report("hv1", "HK01-20261125-0001", replace(EXPECTED, delivery="counter"), 70)
    assert TraineeReport.from_json(original.to_json()) == original
    assert original.to_json()["clean"] is False


def test_the_class_summary_counts_per_trainee_and_ranks_mistakes() -> None:
    summary = summarise([
        report("hv1", "A", EXPECTED, 60),
        report("hv1", "B", replace(EXPECTED, delivery="counter"), 90),
        report("hv2", "C", replace(EXPECTED, delivery="counter", reason="damaged"), 30),
    ], date(2026, 11, 25))
    assert summary.clean == 1
    assert [(t.trainee, t.cases, t.clean, t.mistakes, t.seconds) for t in summary.trainees] == [
        ("hv1", 2, 1, 1, 150), ("hv2", 1, 0, 2, 30)]
    assert [(m.key, m.count) for m in summary.frequent] == [("delivery", 2), ("procedure", 1)]
