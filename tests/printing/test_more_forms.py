"""CC03, DC02 and the fee receipt: one A4 page each, national heading, exact names, wrapping."""

from __future__ import annotations

import re
import shutil
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, fields, replace
from datetime import date, datetime
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from kiosk.printing import (
    FeeReceipt,
    RefusalNotice,
    Representative,
    RequestForm,
    render_fee_receipt,
    render_refusal_notice,
    render_request_form,
)
from kiosk.printing.layout import LEFT, REPRINT_MARK, RIGHT, WATERMARK
from tests.printing.test_forms import AGENCY, page_image, pages_of, run, text_of

# Exactly 200 characters: the worst case a residence field must wrap without leaving the column.
ADDRESS_200 = ("Số nhà 128, ngách 47/15, ngõ 279 đường Đội Cấn, tổ dân phố số 12, khu tập thể "
               "Liễu Giai, Phường Ngọc Hà, Thành phố Hà Nội (gần chợ Liễu Giai, cổng phụ phía "
               "đông, tầng hai), xóm Đình, thôn Cự Lộc Trung")
REASONS = (
    ("Người đề nghị không phải là công dân Việt Nam theo Cơ sở dữ liệu quốc gia về dân cư",
     "Luật Căn cước 2023 Điều 19 khoản 1; Điều 23 khoản 4"),
    ("Người đề nghị đang có thẻ căn cước còn giá trị sử dụng",
     "Luật Căn cước 2023 Điều 23 khoản 4"),
)
NOTICE = RefusalNotice(
    agency=AGENCY, case_code="HK01-20261126-0007", issued_at=datetime(2026, 11, 26, 10),
    full_name="Đặng Hữu Phước", id_number="001099012345",
    residence="Số 5 phố Hàng Gai, Phường Hoàn Kiếm, Thành phố Hà Nội",
    procedure="Cấp thẻ căn cước", reason="Cấp thẻ căn cước lần đầu",
    received_at=datetime(2026, 11, 25, 9), refusal_reasons=REASONS,
    approver_title="TRƯỞNG CÔNG AN PHƯỜNG", approver_name="Nguyễn Văn Trưởng", training=False,
)
REQUEST = RequestForm(
    agency=AGENCY, case_code="HK01-20261125-0002", signed_at=datetime(2026, 11, 25, 9),
    full_name="Lê Quỳnh Ngọc Diệp", date_of_birth=date(2015, 3, 8), sex="Nữ",
    id_number="001315006789", residence="Số 12 ngõ 34 phố Hàng Bạc, Phường Hoàn Kiếm, Hà Nội",
    representative=Representative("Lê Văn Hùng", date(1985, 6, 1), "Nam", "001085001234"),
    procedure="Cấp thẻ căn cước", reason="Cấp thẻ căn cước lần đầu",
    result_address="Nhận tại Công an phường Hoàn Kiếm", training=False,
    requested_items=frozenset({1, 8}),
)
RECEIPT = FeeReceipt(
    agency=AGENCY, number="HK01-20261125-0001-BL", case_code="HK01-20261125-0001",
    issued_at=datetime(2026, 11, 25, 9, 30), payer_name="Đặng Hữu Phước",
    payer_id_number="001099012345", payer_address="Số 5 phố Hàng Gai, Phường Hoàn Kiếm, Hà Nội",
    procedure="Cấp đổi thẻ căn cước", amount=15_000,
    basis="Thông tư 73/2024/TT-BTC Điều 4 khoản 1 điểm a; Thông tư 64/2025/TT-BTC Điều 1",
    exemption="", collector_name="Trần Văn Cán", training=False,
)
EXEMPT_BASIS = "Thông tư 73/2024/TT-BTC Điều 5 khoản 1; Luật Trẻ em 2016 Điều 1"
EXEMPT = replace(RECEIPT, payer_name="Lê Quỳnh Ngọc Diệp", amount=0,
                 exemption="Trẻ em dưới 16 tuổi", basis=EXEMPT_BASIS)



@dataclass(frozen=True)
class Case:
    render: Callable[[Any, Path], bytes]
    form: Any
    titles: tuple[str, ...]
    name_field: str
    address_field: str
    id_field: str

    @property
    def name(self) -> str:
        return str(getattr(self.form, self.name_field))


CASES = [
    pytest.param(Case(render_refusal_notice, NOTICE,
                      ("THÔNG BÁO", "Về việc từ chối giải quyết thủ tục về căn cước"),
                      "full_name", "residence", "id_number"), id="CC03"),
    pytest.param(Case(render_request_form, REQUEST,
                      ("PHIẾU ĐỀ NGHỊ GIẢI QUYẾT THỦ TỤC VỀ CĂN CƯỚC",),
                      "full_name", "residence", "id_number"), id="DC02"),
    pytest.param(Case(render_fee_receipt, RECEIPT, ("BIÊN LAI THU LỆ PHÍ",),
                      "payer_name", "payer_address", "payer_id_number"), id="receipt"),
]
A4 = (1, "595.276 x 841.89 pts (A4)")


@pytest.mark.parametrize("case", CASES)
def test_one_a4_page_with_heading_title_and_exact_name(case: Case, resources: Path,
                                                       tmp_path: Path) -> None:
    assert case.name in ("Đặng Hữu Phước", "Lê Quỳnh Ngọc Diệp")
    pdf = case.render(case.form, resources)
    text = text_of(pdf, tmp_path)
    for expected in ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc",
                     *case.titles, case.name):
        assert expected in text, expected
    assert unicodedata.is_normalized("NFC", text)
    assert WATERMARK not in text and "ĐÀO TẠO" not in text and REPRINT_MARK not in text
    assert pages_of(pdf, tmp_path) == A4


@pytest.mark.parametrize("case", CASES)
def test_decomposed_input_prints_composed(case: Case, resources: Path, tmp_path: Path) -> None:
    """Text typed with a decomposing IME (NFD) still prints, and extracts, as NFC."""
    decomposed = {field: unicodedata.normalize("NFD", getattr(case.form, field))
                  for field in (case.name_field, case.address_field)}
    text = text_of(case.render(replace(case.form, **decomposed), resources), tmp_path)
    assert case.name in text and getattr(case.form, case.address_field) in text
    assert unicodedata.is_normalized("NFC", text)


def _words_outside_the_column(pdf: bytes, tmp_path: Path) -> list[str]:
    """Words whose box pokes past the left or right margin (1 pt of tolerance)."""
    path = tmp_path / "bbox.pdf"
    path.write_bytes(pdf)
    html = run("pdftotext", "-bbox", str(path), "-").decode("utf-8")
    width = float(re.search(r'<page width="([\d.]+)"', html).group(1))  # type: ignore[union-attr]
    outside = []
    for x_min, x_max, word in re.findall(
            r'<word xMin="([\d.]+)" yMin="[\d.]+" xMax="([\d.]+)" yMax="[\d.]+">([^<]*)</word>',
            html):
        if float(x_min) < LEFT - 1 or float(x_max) > width - RIGHT + 1:
            outside.append(word)
    return outside


@pytest.mark.parametrize("case", CASES)
def test_a_200_character_address_wraps_inside_its_column(case: Case, resources: Path,
                                                         tmp_path: Path) -> None:
    assert len(ADDRESS_200) == 200
    changes = {case.address_field: ADDRESS_200}
    if isinstance(case.form, RequestForm):  # DC02 prints two addresses: fill both
        changes["result_address"] = ADDRESS_200
    pdf = case.render(replace(case.form, **changes), resources)
    assert pages_of(pdf, tmp_path) == A4
    text = text_of(pdf, tmp_path)
    assert text.count(ADDRESS_200) == len(changes)
    assert _words_outside_the_column(pdf, tmp_path) == []


def test_notice_lists_each_reason_with_its_basis(resources: Path, tmp_path: Path) -> None:
    text = text_of(render_refusal_notice(NOTICE, resources), tmp_path)
    positions = []
    for number, (reason, basis) in enumerate(REASONS, start=1):
        entry = f"{number}. {reason} Căn cứ: {basis}"
        assert entry in text, entry
        positions.append(text.index(entry))
    assert positions == sorted(positions)
    for expected in ("Kính gửi: Ông/Bà Đặng Hữu Phước", "Hà Nội, ngày 26 tháng 11 năm 2026",
                     "HK01-20261126-0007", "CÔNG AN PHƯỜNG HOÀN KIẾM", "Cấp thẻ căn cước lần đầu",
                     "25/11/2026", "khiếu nại", "TRƯỞNG CÔNG AN PHƯỜNG",
                     "(Ký, ghi rõ họ tên, đóng dấu)", "Nguyễn Văn Trưởng",
                     "Mẫu CC03 ban hành kèm theo Thông tư số 17/2024/TT-BCA ngày 15/5/2024 "
                     "(sửa đổi bởi Thông tư số 53/2025/TT-BCA)"):
        assert expected in text, expected


def test_notice_approver_title_is_data(resources: Path, tmp_path: Path) -> None:
    notice = replace(NOTICE, approver_title="CÁN BỘ GIÁM SÁT", approver_name="Phạm Thị Giám")
    text = text_of(render_refusal_notice(notice, resources), tmp_path)
    assert "CÁN BỘ GIÁM SÁT" in text and "Phạm Thị Giám" in text
    assert "TRƯỞNG CÔNG AN PHƯỜNG" not in text


def test_a_refusal_without_reasons_is_refused() -> None:
    with pytest.raises(ValueError, match="reason"):
        replace(NOTICE, refusal_reasons=())


def _ticks(text: str) -> dict[int, str]:
    return {int(number): box for box, number in re.findall(r"([☐☒]) (\d)\. ", text)}


def test_request_form_ticks_the_requested_items(resources: Path, tmp_path: Path) -> None:
    text = text_of(render_request_form(REQUEST, resources), tmp_path)
    assert _ticks(text) == {n: "☒" if n in (1, 8) else "☐" for n in range(1, 10)}
    assert "☒ 1. Cấp, cấp đổi, cấp lại thẻ căn cước" in text
    assert "☐ 2. Xác nhận số định danh cá nhân với số chứng minh nhân dân 09 số" in text
    for expected in ("Kính gửi: CÔNG AN PHƯỜNG HOÀN KIẾM", "Lê Văn Hùng", "01/06/1985",
                     "001085001234", "08/03/2015",
                     "10. Nội dung cụ thể: Cấp thẻ căn cước; lý do: Cấp thẻ căn cước lần đầu",
                     "11. Địa chỉ nhận kết quả: Nhận tại Công an phường Hoàn Kiếm",
                     "Ý KIẾN CỦA CHỦ THỂ THÔNG TIN", "Hà Nội, ngày 25 tháng 11 năm 2026",
                     "NGƯỜI ĐỀ NGHỊ", "(Ký, ghi rõ họ tên)",
                     "Mẫu DC02 ban hành kèm theo Thông tư số 17/2024/TT-BCA ngày 15/5/2024"):
        assert expected in text, expected
    assert "Số hồ sơ" not in text  # DC02 has no agency block


def test_request_form_by_default_ticks_item_1_and_blanks_a_missing_representative(
        resources: Path, tmp_path: Path) -> None:
    # Built without requested_items: the default is item 1 alone.
    form = RequestForm(**{f.name: getattr(REQUEST, f.name) for f in fields(REQUEST)
                          if f.name != "requested_items"})
    form = replace(form, representative=None)
    text = text_of(render_request_form(form, resources), tmp_path)
    assert _ticks(text) == {n: "☒" if n == 1 else "☐" for n in range(1, 10)}
    section = text[text.index("II. THÔNG TIN"):text.index("III. NỘI DUNG")]
    assert section.count("—") == 4 and "Lê Văn Hùng" not in text


def test_request_form_refuses_items_the_form_does_not_have(resources: Path) -> None:
    with pytest.raises(ValueError, match="10"):
        render_request_form(replace(REQUEST, requested_items=frozenset({1, 10})), resources)


def test_request_form_order_is_data(resources: Path, tmp_path: Path) -> None:
    """A revised specimen is a change to dc02.toml: reorder section I there, and it prints so."""
    copy = tmp_path / "resources"
    shutil.copytree(resources / "fonts", copy / "fonts")
    shutil.copytree(resources / "forms", copy / "forms")
    form_text = copy / "forms" / "dc02.toml"
    source = form_text.read_text(encoding="utf-8")
    sex = '[[applicant_fields]]\nfield = "sex"\nlabel = "Giới tính"\n\n'
    assert sex in source
    source = source.replace(sex, "").replace("[[applicant_fields]]", sex + "[[applicant_fields]]",
                                             1)
    form_text.write_text(source, encoding="utf-8")
    text = text_of(render_request_form(REQUEST, copy), tmp_path)
    assert "1. Giới tính: Nữ 2. Họ, chữ đệm và tên: Lê Quỳnh Ngọc Diệp" in text


def test_receipt_shows_the_amount_in_figures_and_words(resources: Path, tmp_path: Path) -> None:
    text = text_of(render_fee_receipt(RECEIPT, resources), tmp_path)
    for expected in ("15.000 đồng", "Mười lăm nghìn đồng", "Số: HK01-20261125-0001-BL",
                     "HK01-20261125-0001", "001099012345",
                     "Lệ phí cấp thẻ căn cước (Cấp đổi thẻ căn cước)", RECEIPT.basis,
                     "NGƯỜI NỘP TIỀN", "NGƯỜI THU TIỀN", "Trần Văn Cán",
                     "Hà Nội, ngày 25 tháng 11 năm 2026"):
        assert expected in text, expected
    assert "Miễn lệ phí" not in text


@pytest.mark.parametrize(("amount", "words"), [(30_000, "Ba mươi nghìn đồng"),
                                               (70_000, "Bảy mươi nghìn đồng")])
def test_receipt_words_follow_the_amount(amount: int, words: str, resources: Path,
                                         tmp_path: Path) -> None:
    text = text_of(render_fee_receipt(replace(RECEIPT, amount=amount), resources), tmp_path)
    assert words in text


def test_exempt_receipt_shows_the_exemption_and_no_amount(resources: Path,
                                                          tmp_path: Path) -> None:
    text = text_of(render_fee_receipt(EXEMPT, resources), tmp_path)
    for expected in ("Miễn lệ phí", "Trẻ em dưới 16 tuổi", EXEMPT_BASIS, "Lê Quỳnh Ngọc Diệp"):
        assert expected in text, expected
    assert "bằng chữ" not in text and "Không đồng" not in text and "0 đồng" not in text
    assert pages_of(render_fee_receipt(EXEMPT, resources), tmp_path) == A4


@pytest.mark.parametrize(("amount", "exemption"), [(0, ""), (15_000, "Trẻ em dưới 16 tuổi"),
                                                   (-15_000, "")])
def test_receipt_amount_and_exemption_must_agree(amount: int, exemption: str) -> None:
    with pytest.raises(ValueError, match="fee receipt"):
        replace(RECEIPT, amount=amount, exemption=exemption)


@pytest.mark.parametrize("case", CASES)
def test_training_and_reprint_are_marked(case: Case, resources: Path, tmp_path: Path) -> None:
    marked_pdf = case.render(replace(case.form, training=True, reprint=True), resources)
    text = text_of(marked_pdf, tmp_path)
    assert "ĐÀO TẠO" in text and REPRINT_MARK in text
    assert pages_of(marked_pdf, tmp_path) == A4
    # The diagonal watermark: light grey across the page (see test_forms).
    marked = page_image(marked_pdf, tmp_path, "marked").astype(int)
    plain = page_image(case.render(case.form, resources), tmp_path, "plain").astype(int)
    ys, xs = np.nonzero((plain - marked) > 20)
    assert xs.max() - xs.min() > plain.shape[1] / 2
    assert ys.max() - ys.min() > plain.shape[0] / 4


@pytest.mark.parametrize("case", CASES)
def test_metadata_carries_no_personal_data(case: Case, resources: Path, tmp_path: Path) -> None:
    path = tmp_path / "form.pdf"
    path.write_bytes(case.render(case.form, resources))
    info = run("pdfinfo", str(path)).decode("utf-8")
    assert case.name not in info and getattr(case.form, case.id_field) not in info
