"""CC01 and CC02 render to one A4 page each, with the national heading and correct diacritics."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import tomllib
from dataclasses import replace
from datetime import date, datetime
from pathlib import Path

import cv2
import numpy as np
import pytest
import zxingcpp

from kiosk.printing import (
    Agency,
    AppointmentSlip,
    ReceiptForm,
    render_appointment_slip,
    render_receipt,
)
from kiosk.printing.layout import WATERMARK

AGENCY = Agency("BỘ CÔNG AN", "CÔNG AN THÀNH PHỐ HÀ NỘI", "CÔNG AN PHƯỜNG HOÀN KIẾM", "Hà Nội")
LONG_ADDRESS = "Số 12 ngõ 34 phố Hàng Bạc, Phường Hoàn Kiếm, Thành phố Hà Nội"
RECEIPT = ReceiptForm(
    agency=AGENCY, case_code="HK01-20261125-0001", received_at=datetime(2026, 11, 25, 9),
    procedure="Cấp đổi thẻ căn cước", reason="Đổi thẻ căn cước công dân sang thẻ căn cước",
    full_name="Nguyễn Thị Ánh Tuyết", date_of_birth=date(2003, 4, 12), sex="Nữ",
    id_number="001303004567", former_id_number="",
    place_of_birth_registration="Ủy ban nhân dân phường Cửa Đông, thành phố Hà Nội",
    hometown="Xã Yên Thường, thành phố Hà Nội", ethnicity="Kinh", religion="Phật giáo",
    nationality="Việt Nam", residence=LONG_ADDRESS, portrait_jpeg=None,
    biometrics=tuple((name, "Đạt (87)") for name in (
        "Ảnh khuôn mặt", "Mống mắt trái", "Mống mắt phải")),
    fingers=(("Đạt (56)", "Đạt (56)", "Cụt ngón", "Đạt (56)", "Đạt (56)"),
             ("Đạt (54)", "Đạt (54)", "Đạt (54)", "Băng bó", "Đạt (54)")),
    delivery="Nhận tại nơi làm thủ tục", clerk_name="Trần Văn Cán", training=False,
)
SLIP = AppointmentSlip(
    agency=AGENCY, case_code="HK01-20261125-0001", issued_at=datetime(2026, 11, 25, 9),
    full_name="Nguyễn Thị Ánh Tuyết", id_number="001303004567",
    procedure="Cấp đổi thẻ căn cước", reason="Đổi thẻ căn cước công dân sang thẻ căn cước",
    documents_received=("Phiếu thu nhận thông tin căn cước (CC01) đã ký",),
    fee_amount=15_000, fee_note="Căn cứ: Thông tư 64/2025/TT-BTC Điều 1",
    return_date=date(2026, 12, 4), return_place="Công an phường Hoàn Kiếm",
    clerk_name="Trần Văn Cán", training=False,
)


def run(tool: str, *args: str) -> bytes:
    try:
        return subprocess.run([tool, *args], capture_output=True, check=True).stdout
    except FileNotFoundError:
        pytest.fail(f"{tool} is missing: install poppler-utils (scripts/install --test)")


def text_of(pdf: bytes, tmp_path: Path) -> str:
    path = tmp_path / "form.pdf"
    path.write_bytes(pdf)
    return re.sub(r"\s+", " ", run("pdftotext", "-layout", str(path), "-").decode("utf-8"))


def pages_of(pdf: bytes, tmp_path: Path) -> tuple[int, str]:
    path = tmp_path / "form.pdf"
    path.write_bytes(pdf)
    info = run("pdfinfo", str(path)).decode()
    pages = int(re.search(r"Pages:\s+(\d+)", info).group(1))  # type: ignore[union-attr]
    size = re.search(r"Page size:\s+(.*)", info).group(1)  # type: ignore[union-attr]
    return pages, size


@pytest.mark.parametrize(
    ("render", "form", "title"),
    [(render_receipt, RECEIPT, "PHIẾU THU NHẬN THÔNG TIN CĂN CƯỚC"),
     (render_appointment_slip, SLIP, "GIẤY HẸN TRẢ KẾT QUẢ GIẢI QUYẾT THỦ TỤC VỀ CĂN CƯỚC")],
)
def test_heading_title_and_names(render, form, title, resources: Path, tmp_path: Path) -> None:
    text = text_of(render(form, resources), tmp_path)
    for expected in ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc", title,
                     "Nguyễn Thị Ánh Tuyết", "HK01-20261125-0001", "CÔNG AN PHƯỜNG HOÀN KIẾM",
                     "Hà Nội, ngày 25 tháng 11 năm 2026"):
        assert expected in text, expected
    assert WATERMARK not in text
    assert pages_of(render(form, resources), tmp_path) == (1, "595.276 x 841.89 pts (A4)")


def test_receipt_wraps_long_addresses_and_has_both_signatures(resources: Path,
                                                              tmp_path: Path) -> None:
    text = text_of(render_receipt(RECEIPT, resources), tmp_path)
    assert "Hàng Bạc" in text and "Thành phố Hà Nội" in text
    assert "NGƯỜI ĐỀ NGHỊ" in text and "CÁN BỘ THU NHẬN" in text
    assert "Nguyễn Thị Ánh Tuyết" in text and "Trần Văn Cán" in text


def test_receipt_lists_every_finger_with_the_reason_one_is_missing(resources: Path,
                                                                   tmp_path: Path) -> None:
    pdf = render_receipt(RECEIPT, resources)
    text = text_of(pdf, tmp_path)
    for expected in ("Tay phải", "Tay trái", "Ngón áp út", "Cụt ngón", "Băng bó",
                     "Mống mắt phải: Đạt (87)"):
        assert expected in text
    assert pages_of(pdf, tmp_path) == (1, "595.276 x 841.89 pts (A4)")


def test_slip_has_return_date_fee_and_a_readable_qr(resources: Path, tmp_path: Path) -> None:
    pdf = render_appointment_slip(SLIP, resources)
    text = text_of(pdf, tmp_path)
    assert "Thứ Sáu, ngày 04 tháng 12 năm 2026" in text
    assert "15.000 đồng" in text
    (tmp_path / "slip.pdf").write_bytes(pdf)
    run("pdftoppm", "-r", "200", "-png", str(tmp_path / "slip.pdf"), str(tmp_path / "page"))
    image = cv2.imread(str(next(tmp_path.glob("page*.png"))))
    decoded, _, _ = cv2.QRCodeDetector().detectAndDecode(image)
    assert decoded == "HK01-20261125-0001"
    # An independent decoder (zxing-cpp) reads both symbols to the case code.
    found = {(str(code.format), code.text) for code in zxingcpp.read_barcodes(image)}
    assert found == {("QR Code", "HK01-20261125-0001"), ("Code 128", "HK01-20261125-0001")}


def page_image(pdf: bytes, tmp_path: Path, name: str) -> np.ndarray:
    (tmp_path / f"{name}.pdf").write_bytes(pdf)
    run("pdftoppm", "-r", "40", "-gray", "-png", str(tmp_path / f"{name}.pdf"),
        str(tmp_path / name))
    return cv2.imread(str(next(tmp_path.glob(f"{name}*.png"))), cv2.IMREAD_GRAYSCALE)


@pytest.mark.parametrize(("render", "form"), [(render_receipt, RECEIPT),
                                              (render_appointment_slip, SLIP)])
def test_training_marks_every_form(render, form, resources: Path, tmp_path: Path) -> None:
    training = render(replace(form, training=True), resources)
    assert "ĐÀO TẠO" in text_of(training, tmp_path)
    # The diagonal watermark (pdftotext skips rotated text): light grey across the page.
    marked = page_image(training, tmp_path, "marked").astype(int)
    plain = page_image(render(form, resources), tmp_path, "plain").astype(int)
    ys, xs = np.nonzero((plain - marked) > 20)
    assert len(xs) > 400
    assert xs.max() - xs.min() > plain.shape[1] / 2  # it crosses the page, not one word
    assert ys.max() - ys.min() > plain.shape[0] / 4


def test_portrait_is_printed(resources: Path) -> None:
    photo = np.full((400, 300, 3), 180, np.uint8)
    jpeg = cv2.imencode(".jpg", photo)[1].tobytes()
    with_photo = render_receipt(replace(RECEIPT, portrait_jpeg=jpeg), resources)
    assert b"/Subtype /Image" in with_photo
    assert b"/Subtype /Image" not in render_receipt(RECEIPT, resources)


def test_metadata_carries_no_personal_data(resources: Path) -> None:
    pdf = render_receipt(RECEIPT, resources)
    assert b"001303004567" not in pdf.split(b"stream")[0]


ORDER_CASES = {  # form code -> render, data, order key, field moved first, label that followed
    "cc01": (render_receipt, RECEIPT, "personal", "residence", "Họ, chữ đệm"),
    "cc02": (render_appointment_slip, SLIP, "received", "fee", "Ông/Bà"),
}


@pytest.mark.parametrize("code", sorted(ORDER_CASES))
def test_field_order_is_data(code: str, resources: Path, tmp_path: Path) -> None:
    """A revised specimen is a change to the form's toml: move a field first, it prints so."""
    render, form, key, first, before = ORDER_CASES[code]
    copy = tmp_path / "resources"
    shutil.copytree(resources / "fonts", copy / "fonts")
    shutil.copytree(resources / "forms", copy / "forms")
    path = copy / "forms" / f"{code}.toml"
    data = path.read_text(encoding="utf-8")
    fields = tomllib.loads(data)["order"][key]
    reordered = [first] + [field for field in fields if field != first]
    data = re.sub(rf"^{key} = \[.*?\]", f"{key} = {json.dumps(reordered)}", data,
                  flags=re.DOTALL | re.MULTILINE)
    path.write_text(data, encoding="utf-8")
    text = text_of(render(form, copy), tmp_path)
    label = {"residence": "Nơi cư trú", "fee": "Lệ phí"}[first]
    assert text.index(label) < text.index(before)


def test_the_longest_postal_address_keeps_a_childs_receipt_on_one_page(
        resources: Path, tmp_path: Path) -> None:
    """The worst case CC01 must hold: family and representative rows, a 250-character
    postal address (the longest delivery.toml allows) and the receiver's phone."""
    address = ("Số 1 ngách 2 ngõ 3 " + "phố Hàng Bạc " * 20)[:200] + (
        ", Phường Hoàn Kiếm, Thành phố Hà Nội")
    address = address[:250]
    form = replace(RECEIPT, father_name="Đặng Hữu Phước", mother_name="Lê Quỳnh Ngọc Diệp",
                   representative_name="Đặng Hữu Phước", representative_id="001084004321",
                   delivery="Nhận qua dịch vụ bưu chính", delivery_address=address,
                   delivery_phone="0912345678", by_post=True,
                   )
    pdf = render_receipt(form, resources)
    assert pages_of(pdf, tmp_path) == (1, "595.276 x 841.89 pts (A4)")
    text = text_of(pdf, tmp_path)
    assert "Nhận qua dịch vụ bưu chính" in text and "0912345678" in text
    assert "Thành phố Hà Nội" in text and "Lê Quỳnh Ngọc Diệp" in text


def test_a_slip_by_post_names_the_address_and_who_pays_the_courier(
        resources: Path, tmp_path: Path) -> None:
    slip = replace(SLIP, delivery="Nhận qua dịch vụ bưu chính", postal_address=LONG_ADDRESS,
                   postal_phone="0912345678",
                   courier_note="Công dân trả cước dịch vụ chuyển phát")
    pdf = render_appointment_slip(slip, resources)
    text = text_of(pdf, tmp_path)
    for expected in ("Nhận qua dịch vụ bưu chính", "Hàng Bạc", "0912345678",
                     "Công dân trả cước dịch vụ chuyển phát"):
        assert expected in text
    assert "Công an phường Hoàn Kiếm" not in text  # the card does not wait at the counter
    assert pages_of(pdf, tmp_path) == (1, "595.276 x 841.89 pts (A4)")
