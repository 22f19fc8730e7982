from datetime import date

from kiosk.printing.text import date_line, format_vnd, long_date


def test_money() -> None:
    assert format_vnd(15_000) == "15.000 đồng"
    assert format_vnd(1_250_000) == "1.250.000 đồng"
    assert format_vnd(0) == "0 đồng"


def test_dates_follow_decree_30() -> None:
    assert date_line("Hà Nội", date(2026, 11, 25)) == "Hà Nội, ngày 25 tháng 11 năm 2026"
    assert date_line("Huế", date(2027, 2, 5)) == "Huế, ngày 05 tháng 02 năm 2027"
    assert date_line("Huế", date(2027, 3, 5)) == "Huế, ngày 05 tháng 3 năm 2027"
    assert long_date(date(2026, 12, 4)) == "Thứ Sáu, ngày 04 tháng 12 năm 2026"
