"""Vietnamese money and date wording for forms and the window."""

from __future__ import annotations

from datetime import date

WEEKDAYS = ("Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy", "Chủ nhật")


def format_vnd(amount: int) -> str:
    """15000 -> "15.000 đồng" (dot thousands separator)."""
    return f"{amount:,}".replace(",", ".") + " đồng"


def day_month_year(day: date) -> str:
    """NĐ 30/2020/NĐ-CP: a zero before days below 10 and before months 1 and 2."""
    month = f"{day.month:02d}" if day.month < 3 else str(day.month)
    return f"ngày {day.day:02d} tháng {month} năm {day.year}"


def date_line(place: str, day: date) -> str:
    """"Hà Nội, ngày 25 tháng 11 năm 2026"."""
    return f"{place}, {day_month_year(day)}"


def long_date(day: date) -> str:
    """"Thứ Sáu, ngày 04 tháng 12 năm 2026"."""
    return f"{WEEKDAYS[day.weekday()]}, {day_month_year(day)}"
