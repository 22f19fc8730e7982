"""What each setting means, for the admin's settings page, in the window's language (the
source is Vietnamese; `kiosk config show` keeps kiosk/config.py's English descriptions for
engineers). A setting without a line here shows that English description."""

from __future__ import annotations

from kiosk.ui.i18n import t

MEANINGS = {
    "environment": t("Môi trường: production (chính thức), staging, development hoặc training "
                     "(đào tạo)"),
    "ui.language": t("Ngôn ngữ giao diện: vi (tiếng Việt) hoặc en (tiếng Anh, cho giảng viên "
                     "và kỹ sư)"),
    "ui.theme": t("Giao diện: default (mặc định) hoặc high_contrast (tương phản cao, cho người "
                  "nhìn kém và phòng sáng)"),
    "desk.code": t("Mã bàn tiếp nhận, dùng trong mã hồ sơ (không trùng trong đơn vị)"),
    "desk.name": t("Tên bàn tiếp nhận hiện trên cửa sổ"),
    "desk.clerk_name": t("Tên cán bộ in trên biểu mẫu khi tài khoản chưa có họ tên"),
    "desk.office_days": t("Các ngày bàn nhận hồ sơ"),
    "calendar.counted_weekdays": t("Các ngày trong tuần được tính vào thời hạn trả thẻ "
                                   "(không tính buổi sáng thứ Bảy)"),
    "agency.ministry": t("Dòng thứ nhất của tên cơ quan trên biểu mẫu"),
    "agency.parent": t("Dòng thứ hai của tên cơ quan (cơ quan cấp trên)"),
    "agency.name": t("Cơ quan tiếp nhận hồ sơ"),
    "agency.code": t("Mã cơ quan"),
    "agency.head_title": t("Chức danh người ký thông báo từ chối (mẫu CC03)"),
    "agency.central": t("Mã cơ quan của hệ thống trung tâm nhận hồ sơ (ANSI/NIST 1.007)"),
    "agency.place": t("Địa danh ghi ở dòng ngày tháng của biểu mẫu"),
    "agency.return_place": t("Nơi công dân nhận thẻ"),
    "devices.face": t("Thiết bị chụp ảnh khuôn mặt (simulator, opencv hoặc sbi)"),
    "devices.face_camera_index": t("Số thứ tự camera khi dùng opencv"),
    "devices.fingerprint": t("Thiết bị thu vân tay (simulator, simulator-single: máy một ngón "
                             "mô phỏng, sbi, usb hoặc virtual-usb)"),
    "devices.iris": t("Thiết bị thu mống mắt (simulator hoặc sbi)"),
    "devices.sbi_ports": t("Dải cổng tìm dịch vụ thiết bị SBI"),
    "devices.sbi_trust": t("Tệp PEM chứng thư CA của hãng thiết bị SBI (trống: "
                           "DATA_DIR/sbi-trust.pem)"),
    "biometrics.finger_checks": t("Đánh giá từng ngón trong ảnh bốn ngón theo NIST NFIQ 2 và "
                                  "phát hiện một ngón đặt hai lần"),
    "devices.capture_timeout_s": t("Số giây chờ một lần thu nhận trước khi dừng"),
    "printer.copies": t("Số bản in mỗi biểu mẫu"),
    "printer.backend": t("Cách in: file (PDF vào thư mục), cups (lp) hoặc qt (máy in của hệ "
                         "thống)"),
    "printer.name": t("Máy in (hàng đợi CUPS hoặc máy in hệ thống; trống: mặc định)"),
    "printer.directory": t("Thư mục chứa PDF khi in ra file (trống: DATA_DIR/prints)"),
    "export.centre_public_key": t("Tệp PEM khóa công khai X25519 của hệ thống trung tâm (gói "
                                  "hồ sơ được mã hóa cho khóa này)"),
    "export.url": t("Địa chỉ dịch vụ nhận hồ sơ của trung tâm (https://…); trống: chỉ chép "
                    "ra thư mục hoặc ổ đĩa"),
    "export.client_certificate": t("Tệp PEM chứng thư và khóa TLS của bàn này (xác thực hai "
                                   "chiều)"),
    "export.ca_certificates": t("Tệp PEM CA ký chứng thư máy chủ trung tâm (trống: CA của "
                                "hệ thống)"),
    "retention.days_after_confirmation": t("Số ngày sau khi trung tâm xác nhận hồ sơ thì xóa "
                                           "ảnh sinh trắc học tại máy"),
    "security.idle_lock_minutes": t("Khóa màn hình sau số phút không thao tác (đang thu nhận "
                                    "thì chưa khóa)"),
    "security.max_failed_logins": t("Số lần nhập sai mật khẩu liên tiếp trước khi tạm khóa "
                                    "tài khoản"),
    "security.lockout_minutes": t("Thời gian tạm khóa tài khoản (phút)"),
    "database.url": t("Địa chỉ cơ sở dữ liệu hồ sơ (trống: tệp SQLite trong thư mục dữ liệu)"),
    "registry.backend": t("Nguồn tra cứu dân cư: synthetic (tệp đào tạo), sql (cơ sở dữ liệu "
                          "tại máy) hoặc http (dịch vụ CSDLQG)"),
    "registry.url": t("Cơ sở dữ liệu dân cư tại máy: dân cư mô phỏng hoặc bản sao ngoại "
                      "tuyến do lệnh đồng bộ điền (trống: DATA_DIR/registry.sqlite3)"),
    "registry.base_url": t("Địa chỉ dịch vụ CSDLQG về dân cư (https://…)"),
    "registry.client_certificate": t("Tệp PEM chứng thư TLS của bàn này gửi dịch vụ CSDLQG "
                                     "(xác thực hai chiều)"),
    "registry.client_key": t("Tệp PEM khóa riêng của chứng thư (trống: nằm trong tệp chứng "
                             "thư)"),
    "registry.ca_certificates": t("Tệp PEM CA ký chứng thư của dịch vụ CSDLQG (trống: CA "
                                  "của hệ thống)"),
    "registry.connect_timeout_s": t("Số giây chờ kết nối dịch vụ CSDLQG"),
    "registry.read_timeout_s": t("Số giây chờ dịch vụ CSDLQG trả lời"),
    "registry.retries": t("Số lần thử lại khi lỗi kết nối, quá thời gian hoặc lỗi máy chủ"),
    "registry.backoff_s": t("Số giây chờ trước lần thử lại đầu tiên (gấp đôi mỗi lần sau)"),
    "registry.offline_cache": t("Khi không dùng được dịch vụ CSDLQG, tra cứu trong bản sao "
                                "ngoại tuyến và báo cho cán bộ biết"),
}


def meaning(key: str, description: str) -> str:
    return MEANINGS.get(key, description)
