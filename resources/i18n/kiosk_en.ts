<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="vi_VN">
<context>
    <name>kiosk</name>
    <message>
        <location filename="../../kiosk/ui/pages/paperwork.py"/>
        <source> (điện thoại {phone})</source>
        <translation> (phone {phone})</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/trainer_panel.py"/>
        <source> (đã kết thúc)</source>
        <translation> (ended)</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/lookup.py"/>
        <source>&amp;Kết quả tra cứu</source>
        <translation>Search &amp;results</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/lookup.py"/>
        <source>&amp;Ngày sinh (Enter để tra cứu):</source>
        <translation>&amp;Date of birth (Enter to search):</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/lookup.py"/>
        <source>&amp;Số định danh / CMND / mã QR:</source>
        <translation>&amp;ID number / CMND / QR code:</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/capture.py"/>
        <source>(+{count} lưu ý khác)</source>
        <translation>(+{count} more notes)</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/representative.py"/>
        <source>(không có thông tin)</source>
        <translation>(no information)</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/paperwork.py"/>
        <source>10 chữ số, có thể để trống</source>
        <translation>10 digits, may be left empty</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/representative.py"/>
        <source>12 chữ số</source>
        <translation>12 digits</translation>
    </message>
    <message>
        <source>12 chữ số, hoặc 9 chữ số của CMND cũ</source>
        <translation type="vanished">12 digits, or the 9 digits of an old CMND</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/trainer_panel.py"/>
        <source>&lt;b&gt;Hồ sơ {code}&lt;/b&gt; — bước: {step}{done}</source>
        <translation>&lt;b&gt;Case {code}&lt;/b&gt; — step: {step}{done}</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/shortcuts.py"/>
        <source>Alt+mũi tên trái</source>
        <translation>Alt+Left arrow</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/fingermap.py"/>
        <source>Băng bó</source>
        <translation>Bandaged</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/shortcuts.py"/>
        <source>Bấm F1, Esc hoặc nhấp chuột để đóng.</source>
        <translation>Press F1 or Esc, or click, to close.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/trainer_panel.py"/>
        <source>Bắt đầu kịch bản cho hồ sơ đang mở</source>
        <translation>Start the scenario on the open case</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/fingermap.py"/>
        <source>Bỏ qua ngón này ({key})…</source>
        <translation>Skip this finger ({key})…</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/fingermap.py"/>
        <source>Bỏ qua {finger}</source>
        <translation>Skip the {finger}</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/main_window.py"/>
        <source>CHẾ ĐỘ ĐÀO TẠO — thiết bị và dữ liệu công dân là mô phỏng; hồ sơ không có giá trị</source>
        <translation>TRAINING MODE — devices and citizen data are simulated; applications made here have no legal effect</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/representative.py"/>
        <source>CSDLQG về dân cư không chứng minh quan hệ này: nhập giấy tờ người đại diện đã xuất trình.</source>
        <translation>The National Population Database does not prove this relationship: enter the document the representative presented.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/main_window.py"/>
        <location filename="../../kiosk/ui/trainer_panel.py"/>
        <source>Camera</source>
        <translation>Camera</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/capture.py"/>
        <source>Camera đã dừng hình trực tiếp.</source>
        <translation>The camera has stopped the live view.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/representative.py"/>
        <source>Cha:</source>
        <translation>Father:</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/paperwork.py"/>
        <source>Chuyển khoản</source>
        <translation>Bank transfer</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/settings_page.py"/>
        <source>Chưa có giá trị nào được sửa.</source>
        <translation>No value has been changed.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/main_window.py"/>
        <source>Chưa có hồ sơ</source>
        <translation>No application open</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/paperwork.py"/>
        <source>Chưa in phiếu.</source>
        <translation>The form has not been printed yet.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/fingermap.py"/>
        <source>Chưa quét</source>
        <translation>Not scanned</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/trainer_panel.py"/>
        <source>Chưa theo dõi hồ sơ nào.</source>
        <translation>No case followed yet.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/capture.py"/>
        <source>Chưa thu nhận</source>
        <translation>Not captured yet</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/main_window.py"/>
        <source>Chưa tìm thấy thiết bị nào</source>
        <translation>No device found yet</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/procedure.py"/>
        <source>Chưa được cấp thẻ</source>
        <translation>No card issued yet</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/fingermap.py"/>
        <source>Chưa đạt</source>
        <translation>Not acceptable</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/trainer_panel.py"/>
        <source>Chấm kết quả hồ sơ</source>
        <translation>Judge the case</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/capture.py"/>
        <source>Chấp nhận
chất lượng thấp</source>
        <translation>Accept
low quality</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/fingermap.py"/>
        <source>Chấp nhận (chất lượng thấp)</source>
        <translation>Accepted (low quality)</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/fingermap.py"/>
        <location filename="../../kiosk/ui/shell.py"/>
        <source>Chấp nhận chất lượng thấp</source>
        <translation>Accept low quality</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/shell.py"/>
        <source>Chấp nhận {position} dưới ngưỡng chất lượng ({score}/100, lần {attempt}) sau các lần thu nhận không đạt?</source>
        <translation>Accept {position} below the quality threshold ({score}/100, attempt {attempt}) after the failed captures?</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/main_window.py"/>
        <source>Chỉ người đang làm hồ sơ mới mở khóa được.</source>
        <translation>Only the officer working on the application can unlock the screen.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/settings_page.py"/>
        <source>Chọn khi cài đặt; không sửa tại đây.</source>
        <translation>Chosen at installation; not changed here.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/capture.py"/>
        <source>Chọn lý do cho ngón không lấy được vân tay; chọn «Lấy vân tay» để rút lại khai báo. Nếu tài khoản không có quyền ghi nhận ngoại lệ sinh trắc học, cán bộ giám sát xác nhận bằng tài khoản của mình.</source>
        <translation>Choose why each finger cannot be fingerprinted; choose “Take fingerprint” to withdraw a declaration. If your account may not record biometric exceptions, a supervisor approves with their own account.</translation>
    </message>
    <message>
        <source>Chọn lý do cho ngón không lấy được vân tay; chọn «Lấy vân tay» để rút lại khai báo. Tài khoản không có quyền ghi nhận ngoại lệ sinh trắc học thì cán bộ giám sát xác nhận bằng tài khoản của mình.</source>
        <translation type="vanished">Choose why each finger cannot be fingerprinted; choose “Take fingerprint” to withdraw a declaration. If your account may not record biometric exceptions, a supervisor approves with their own account.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/procedure.py"/>
        <source>Chọn lý do để xem thủ tục, sinh trắc học và lệ phí.</source>
        <translation>Choose a reason to see the procedure, the biometrics and the fee.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/paperwork.py"/>
        <source>Chọn đối tượng được miễn theo giấy tờ công dân xuất trình.</source>
        <translation>Choose the exemption that matches the document the citizen presented.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/queue.py"/>
        <source>Chờ — từ ngày trước ({count})</source>
        <translation>Waiting — from earlier days ({count})</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/capture.py"/>
        <source>Chụp ảnh</source>
        <translation>Take photo</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/main_window.py"/>
        <source>Chủ nhật</source>
        <translation>Sunday</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/setting_meanings.py"/>
        <source>Chức danh người ký thông báo từ chối (mẫu CC03)</source>
        <translation>Title over the signature on a refusal notice (CC03)</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/setting_meanings.py"/>
        <source>Các ngày bàn nhận hồ sơ</source>
        <translation>Days the counter takes applications</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/setting_meanings.py"/>
        <source>Các ngày trong tuần được tính vào thời hạn trả thẻ (không tính buổi sáng thứ Bảy)</source>
        <translation>Weekdays counted in the return period (Saturday-morning reception not counted)</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/fingermap.py"/>
        <source>Các ngón không lấy được…</source>
        <translation>Fingers that cannot be taken…</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/setting_meanings.py"/>
        <source>Cách in: file (PDF vào thư mục), cups (lp) hoặc qt (máy in của hệ thống)</source>
        <translation>File (PDF into a folder), cups (lp) or qt (a system printer through Qt)</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/fingermap.py"/>
        <source>Cái</source>
        <translation>Thumb</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/main_window.py"/>
        <source>Cán bộ</source>
        <translation>Officer</translation>
    </message>
    <message>
        <source>Công dân dưới 14 tuổi hoặc mất năng lực hành vi dân sự: cha, mẹ hoặc người giám hộ làm thủ tục. Nhập số định danh cá nhân của người đại diện rồi nhấn Enter để tra cứu trong CSDLQG về dân cư.</source>
        <translation type="vanished">A citizen under 14, or one who has lost legal capacity, applies through a parent or guardian. Enter the representative&apos;s personal identification number and press Enter to look them up in the National Population Database.</translation>
    </message>
    <message>
        <source>Công dân dưới {age} tuổi hoặc mất năng lực hành vi dân sự: cha, mẹ hoặc người giám hộ làm thủ tục. Nhập số định danh cá nhân của người đại diện rồi nhấn Enter để tra cứu trong CSDLQG về dân cư.</source>
        <translation type="vanished">A citizen under {age}, or one who has lost legal capacity, applies through a parent or guardian. Enter the representative&apos;s personal identification number and press Enter to look them up in the National Population Database.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/representative.py"/>
        <source>Công dân dưới {age} tuổi: cha, mẹ hoặc người giám hộ làm thủ tục; người mất năng lực hành vi dân sự hoặc có khó khăn trong nhận thức, làm chủ hành vi: người giám hộ hỗ trợ. Nhập số định danh cá nhân của người đại diện rồi nhấn Enter để tra cứu trong CSDLQG về dân cư.</source>
        <translation>A citizen under {age} applies through a father, mother or guardian; a person who has lost civil act capacity or has difficulty in cognition or self-control is assisted by a guardian. Type the representative&apos;s personal ID number and press Enter to look them up in CSDLQG.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/paperwork.py"/>
        <source>Công dân thuộc đối tượng được miễn lệ phí và xuất trình giấy tờ chứng minh</source>
        <translation>The citizen qualifies for a fee exemption and presents a supporting document</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/paperwork.py"/>
        <source>Công dân đã kiểm tra thông tin và ký phiếu</source>
        <translation>The citizen has checked the information and signed the form</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/representative.py"/>
        <source>Công dân được đại diện (CSDLQG về dân cư)</source>
        <translation>Represented citizen (National Population Database)</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/procedure.py"/>
        <source>Căn cứ</source>
        <translation>Legal basis</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/paperwork.py"/>
        <source>Căn cứ: {basis}. Giấy tờ chứng minh: {evidence}.</source>
        <translation>Legal basis: {basis}. Supporting document: {evidence}.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/representative.py"/>
        <source>Căn cứ: {document} ({basis}).</source>
        <translation>Grounds: {document} ({basis}).</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/setting_meanings.py"/>
        <source>Cơ quan tiếp nhận hồ sơ</source>
        <translation>The receiving agency</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/setting_meanings.py"/>
        <source>Cơ sở dữ liệu dân cư tại máy: dân cư mô phỏng hoặc bản sao ngoại tuyến do lệnh đồng bộ điền (trống: DATA_DIR/registry.sqlite3)</source>
        <translation>SQLAlchemy URL of the local registry database (empty: SQLite file DATA_DIR/registry.sqlite3): the population of registry.backend = sql, and the offline cache that kiosk registry sync fills</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/main_window.py"/>
        <source>Cấu hình</source>
        <translation>Settings</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/settings_page.py"/>
        <source>Cấu hình của máy (tệp kiosk.toml). Sửa giá trị trong cột «Giá trị» rồi bấm «Lưu thay đổi»; mỗi thay đổi được kiểm tra, ghi nhật ký và có hiệu lực khi khởi động lại. Các mục tô xám được chọn khi cài đặt.</source>
        <translation>This installation&apos;s settings (kiosk.toml). Edit a value in the «Value» column, then press «Save changes»; each change is checked, audited and takes effect at the next start. Greyed entries are chosen at installation.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/procedure.py"/>
        <source>Cần người đại diện hợp pháp làm thủ tục.</source>
        <translation>A legal representative must make the application.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/fingermap.py"/>
        <source>Cụt ngón</source>
        <translation>Amputated</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/setting_meanings.py"/>
        <source>Dòng thứ hai của tên cơ quan (cơ quan cấp trên)</source>
        <translation>Second line of the agency block</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/setting_meanings.py"/>
        <source>Dòng thứ nhất của tên cơ quan trên biểu mẫu</source>
        <translation>First line of the agency block on forms</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/paperwork.py"/>
        <source>Dùng nơi cư trú</source>
        <translation>Use the place of residence</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/setting_meanings.py"/>
        <source>Dải cổng tìm dịch vụ thiết bị SBI</source>
        <translation>Ports scanned for SBI device services</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/shell.py"/>
        <source>Dừng</source>
        <translation>Stop</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/shortcuts.py"/>
        <source>Dừng việc đang chạy (chụp ảnh, quét vân tay, mống mắt)</source>
        <translation>Stop what is running (photo, fingerprint or iris scan)</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/keyprompt.py"/>
        <source>Dữ liệu của kiosk được bảo vệ bằng mật khẩu khóa. Nhập mật khẩu khóa để mở.</source>
        <translation>The kiosk&apos;s data is protected by a key passphrase. Enter the key passphrase to open it.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/representative.py"/>
        <source>Ghi người đại diện</source>
        <translation>Record the representative</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/shell.py"/>
        <source>Ghi nhận ngón tay không lấy được vân tay</source>
        <translation>Record fingers that cannot be fingerprinted</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/setting_meanings.py"/>
        <source>Giao diện: default (mặc định) hoặc high_contrast (tương phản cao, cho người nhìn kém và phòng sáng)</source>
        <translation>Look of the window: default, or high_contrast (black on white, text at least 7:1 against its background, for low vision and bright rooms)</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/settings_page.py"/>
        <source>Giá trị</source>
        <translation>Value</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/main_window.py"/>
        <source>Giảng viên</source>
        <translation>Trainer</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/paperwork.py"/>
        <source>Giấy hẹn (CC02)</source>
        <translation>Appointment slip (CC02)</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/paperwork.py"/>
        <source>Giấy hẹn trả kết quả (CC02)</source>
        <translation>Appointment slip for the result (CC02)</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/representative.py"/>
        <source>Giấy tờ chứng minh:</source>
        <translation>Supporting document:</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/procedure.py"/>
        <source>Giấy tờ chứng minh: {document}</source>
        <translation>Supporting document: {document}</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/procedure.py"/>
        <source>Giấy tờ kèm theo:</source>
        <translation>Supporting documents:</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/paperwork.py"/>
        <source>Giấy tờ đã xuất trình:</source>
        <translation>Document presented:</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/procedure.py"/>
        <source>Giới tính:</source>
        <translation>Sex:</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/procedure.py"/>
        <source>Giới tính: trên thẻ {card}, trong CSDLQG {registry}</source>
        <translation>Sex: {card} on the card, {registry} in the National Population Database</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/fingermap.py"/>
        <source>Giữ lần quét tốt nhất của ngón này dù dưới ngưỡng chất lượng; cần cán bộ giám sát xác nhận</source>
        <translation>Keep this finger&apos;s best scan although it is below the quality threshold; needs a supervisor&apos;s approval</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/capture.py"/>
        <source>Giữ lần thu nhận tốt nhất dù dưới ngưỡng chất lượng; cần cán bộ giám sát xác nhận</source>
        <translation>Keep the best capture even though it is below the quality threshold; a supervisor must approve</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/fingermap.py"/>
        <source>Giữa</source>
        <translation>Middle</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/trainer_panel.py"/>
        <source>Gây lỗi</source>
        <translation>Cause the fault</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/trainer_panel.py"/>
        <source>Gây lỗi thiết bị ngay</source>
        <translation>Make a device fail now</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/lookup.py"/>
        <source>Gõ ngày, tháng, năm liền nhau (ví dụ 15031996) rồi nhấn Enter</source>
        <translation>Type the day, month and year without separators (e.g. 15031996), then press Enter</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/shortcuts.py"/>
        <source>Hiện hoặc ẩn bảng phím tắt này</source>
        <translation>Show or hide this list of shortcuts</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/capture.py"/>
        <source>Hoàn tất thu nhận</source>
        <translation>Finish capture</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/paperwork.py"/>
        <source>Hoàn tất tiếp nhận</source>
        <translation>Complete the intake</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/main_window.py"/>
        <source>Hàng chờ hôm nay</source>
        <translation>Today&apos;s queue</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/queue.py"/>
        <source>Hàng chờ hôm nay: {working} đang làm · {waiting} chờ · {done} xong</source>
        <translation>Today&apos;s queue: {working} in progress · {waiting} waiting · {done} finished</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/paperwork.py"/>
        <source>Hình thức nhận kết quả</source>
        <translation>How the result is received</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/paperwork.py"/>
        <source>Hình thức nộp lệ phí</source>
        <translation>How the fee is paid</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/capture.py"/>
        <source>Hình trực tiếp</source>
        <translation>Live view</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/capture.py"/>
        <source>Hình trực tiếp từ camera</source>
        <translation>Live picture from the camera</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/procedure.py"/>
        <source>Hẹn trả dự kiến</source>
        <translation>Expected return date</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/lookup.py"/>
        <source>Họ và tên</source>
        <translation>Full name</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/procedure.py"/>
        <location filename="../../kiosk/ui/pages/representative.py"/>
        <source>Họ và tên:</source>
        <translation>Full name:</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/procedure.py"/>
        <source>Họ và tên: trên thẻ “{card}”, trong CSDLQG “{registry}”</source>
        <translation>Full name: “{card}” on the card, “{registry}” in the National Population Database</translation>
    </message>
    <message>
        <source>Họ, chữ đệm và tên khai sinh</source>
        <translation type="vanished">Surname, middle name and given name as registered at birth</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/lookup.py"/>
        <source>Họ, chữ đệm và tên khai sinh, có dấu; Tab sang ngày sinh</source>
        <translation>Surname, middle and given names as on the birth certificate, with diacritics; Tab to the date of birth</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/trainer_panel.py"/>
        <source>Học viên mở hồ sơ của công dân trong kịch bản trước, rồi bấm bắt đầu.</source>
        <translation>Have the trainee open the case of the scenario&apos;s citizen first, then press start.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/main_window.py"/>
        <source>Hồ sơ</source>
        <translation>Application</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/queue.py"/>
        <source>Hồ sơ chưa xong từ ngày trước: tiếp tục khi công dân quay lại, hoặc hủy</source>
        <translation>Unfinished applications from earlier days: resume when the citizen comes back, or cancel</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/queue.py"/>
        <source>Hồ sơ chưa xong, mở hôm nay</source>
        <translation>Unfinished applications opened today</translation>
    </message>
    <message>
        <source>Hồ sơ của bàn này. Chọn một hồ sơ đang làm hoặc đang chờ rồi bấm Enter (hoặc nhấp đúp) để tiếp tục từ bước đã lưu. Esc hoặc F2 để quay về trang tiếp nhận.</source>
        <translation type="vanished">This desk&apos;s applications. Choose one in progress or waiting and press Enter (or double-click) to resume it from the saved step. Esc or F2 goes back to the intake tab.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/queue.py"/>
        <source>Hồ sơ của bàn này. Chọn một hồ sơ đang làm hoặc đang chờ rồi bấm {resume} (hoặc nhấp đúp) để tiếp tục từ bước đã lưu. {stop} hoặc {queue} để quay về trang tiếp nhận.</source>
        <translation>This desk&apos;s applications. Choose one in progress or waiting and press {resume} (or double-click) to resume it from the saved step. {stop} or {queue} goes back to the intake tab.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/trainer_panel.py"/>
        <source>Hồ sơ {code}: không có lỗi. Báo cáo đã lưu (kiosk training report {code} --pdf …).</source>
        <translation>Case {code}: no mistakes. The report is saved (kiosk training report {code} --pdf …).</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/trainer_panel.py"/>
        <source>Hồ sơ {code}: {count} lỗi — {wrong}. Báo cáo đã lưu.</source>
        <translation>Case {code}: {count} mistake(s) — {wrong}. The report is saved.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/lookup.py"/>
        <source>Hồ sơ đang &amp;mở (tiếp tục từ bước đã lưu)</source>
        <translation>&amp;Open applications (resume from the saved step)</translation>
    </message>
    <message>
        <source>Hồ sơ đang mở (tiếp tục từ bước đã lưu)</source>
        <translation type="vanished">Open applications (resume from the last saved step)</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/queue.py"/>
        <source>Hồ sơ đang mở ở trang tiếp nhận</source>
        <translation>This application is open on the intake tab</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/queue.py"/>
        <source>Hồ sơ đã kết thúc, bị từ chối hoặc đã hủy hôm nay</source>
        <translation>Applications closed, refused or cancelled today</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/shell.py"/>
        <source>Hủy hồ sơ</source>
        <translation>Cancel application</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/shell.py"/>
        <source>Hủy hồ sơ {code}? Dữ liệu đã thu nhận vẫn được lưu trong lịch sử.</source>
        <translation>Cancel application {code}? The data captured so far stays in the history.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/shortcuts.py"/>
        <source>Hủy hồ sơ đang làm (có hỏi lại trước khi hủy)</source>
        <translation>Cancel the application in progress (asks for confirmation first)</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/paperwork.py"/>
        <source>In giấy hẹn CC02</source>
        <translation>Print the CC02 appointment slip</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/paperwork.py"/>
        <source>In phiếu CC01</source>
        <translation>Print the CC01 form</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/paperwork.py"/>
        <source>In phiếu CC01 để công dân (hoặc người đại diện) kiểm tra thông tin và ký.</source>
        <translation>Print the CC01 form for the citizen (or their representative) to check the information and sign.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/procedure.py"/>
        <source>In phiếu DC02</source>
        <translation>Print form DC02</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/procedure.py"/>
        <source>In phiếu đề nghị giải quyết thủ tục về căn cước (mẫu DC02) để công dân ký, theo lý do và nội dung điều chỉnh đã chọn</source>
        <translation>Print the identity-card request form (DC02) for the citizen to sign, with the reason and the corrections chosen</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/fingermap.py"/>
        <source>Khai báo hoặc rút lại khai báo cho từng ngón; cần cán bộ giám sát xác nhận</source>
        <translation>Declare, or withdraw the declaration of, each finger; needs a supervisor&apos;s approval</translation>
    </message>
    <message>
        <source>Khai báo hoặc rút lại ngón cụt, băng bó, không lấy được vân tay; cần cán bộ giám sát xác nhận</source>
        <translation type="vanished">Declare, or withdraw, fingers that are missing, bandaged or cannot be fingerprinted; a supervisor must approve</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/capture.py"/>
        <source>Khai báo ngón cụt, băng bó, không lấy được vân tay (hoặc rút lại khai báo); cần cán bộ giám sát xác nhận</source>
        <translation>Declare fingers that are missing, bandaged or cannot be fingerprinted (or withdraw a declaration); a supervisor must approve</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/setting_meanings.py"/>
        <source>Khi không dùng được dịch vụ CSDLQG, tra cứu trong bản sao ngoại tuyến và báo cho cán bộ biết</source>
        <translation>Registry.backend = http: when the service cannot be used, answer lookups from the offline cache in registry.url (filled by kiosk registry sync) and say so</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/setting_meanings.py"/>
        <source>Khóa màn hình sau số phút không thao tác (đang thu nhận thì chưa khóa)</source>
        <translation>Lock the window after this many idle minutes (a capture holds it off)</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/queue.py"/>
        <source>Không có hồ sơ</source>
        <translation>No applications</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/fingermap.py"/>
        <source>Không cần lấy vân tay.</source>
        <translation>No fingerprints are needed.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/capture.py"/>
        <source>Không cần quét: các ngón đều không lấy được vân tay</source>
        <translation>No scan needed: none of these fingers can be fingerprinted</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/capture.py"/>
        <source>Không cần thu nhận</source>
        <translation>Not needed</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/settings_page.py"/>
        <source>Không lưu được cấu hình ({kind}). Thử lại; nếu vẫn lỗi, báo quản trị hệ thống.</source>
        <translation>The settings could not be saved ({kind}). Try again; if it fails again, tell the system administrator.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/capture.py"/>
        <source>Không lấy được vân tay:</source>
        <translation>Cannot be fingerprinted:</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/procedure.py"/>
        <source>Không thu nhận sinh trắc học (dưới 6 tuổi)</source>
        <translation>No biometric capture (under 6 years old)</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/fingermap.py"/>
        <source>Kém</source>
        <translation>Poor</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/procedure.py"/>
        <source>Kết quả áp dụng quy định</source>
        <translation>Outcome under the rules</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/paperwork.py"/>
        <source>Kết thúc hồ sơ</source>
        <translation>Close the application</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/trainer_panel.py"/>
        <source>Kịch bản</source>
        <translation>Scenario</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/trainer_panel.py"/>
        <source>Kịch bản:</source>
        <translation>Scenario:</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/trainer_panel.py"/>
        <source>Kịch bản: {name}</source>
        <translation>Scenario: {name}</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/fingermap.py"/>
        <source>Lý do không lấy được vân tay {finger}. Nếu tài khoản không có quyền ghi nhận ngoại lệ sinh trắc học, cán bộ giám sát xác nhận bằng tài khoản của mình.</source>
        <translation>Why the {finger} cannot be printed. If this account may not record biometric exceptions, a supervisor confirms with their own account.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/procedure.py"/>
        <source>Lý do đề nghị:</source>
        <translation>Reason for the application:</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/settings_page.py"/>
        <source>Lưu thay đổi</source>
        <translation>Save changes</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/capture.py"/>
        <source>Lấy vân tay</source>
        <translation>Take fingerprint</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/paperwork.py"/>
        <location filename="../../kiosk/ui/pages/procedure.py"/>
        <source>Lệ phí</source>
        <translation>Fee</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/shell.py"/>
        <source>Lỗi không mong đợi. Dữ liệu đã lưu không bị mất; thử lại, nếu vẫn lỗi hãy báo quản trị viên.</source>
        <translation>Unexpected error. No saved data has been lost; try again, and if the error persists, tell the administrator.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/trainer_panel.py"/>
        <source>Lỗi đang chờ: {faults}</source>
        <translation>Faults queued: {faults}</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/trainer_panel.py"/>
        <source>Lỗi đã hiện: {where} — {label}</source>
        <translation>Error shown: {where} — {label}</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/paperwork.py"/>
        <source>Miễn lệ phí</source>
        <translation>Exempt from the fee</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/shell.py"/>
        <source>Miễn lệ phí theo giấy tờ</source>
        <translation>Fee exemption on a document</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/paperwork.py"/>
        <source>Miễn lệ phí theo giấy tờ xuất trình</source>
        <translation>Fee exemption on a presented document</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/main_window.py"/>
        <source>Màn hình khóa do không thao tác. Nhập lại mật khẩu để tiếp tục hồ sơ đang làm.</source>
        <translation>The screen locked after a period without activity. Enter your password again to continue the application in progress.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/signin.py"/>
        <source>Màn hình đã khóa</source>
        <translation>Screen locked</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/main_window.py"/>
        <location filename="../../kiosk/ui/trainer_panel.py"/>
        <source>Máy in</source>
        <translation>Printer</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/setting_meanings.py"/>
        <source>Máy in (hàng đợi CUPS hoặc máy in hệ thống; trống: mặc định)</source>
        <translation>Printer (CUPS queue or system printer; empty: the default)</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/trainer_panel.py"/>
        <source>Máy mống mắt</source>
        <translation>Iris scanner</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/shortcuts.py"/>
        <source>Máy quét một ngón: bỏ qua ngón đang lấy, khai báo lý do không lấy được vân tay</source>
        <translation>Single-finger reader: skip the finger asked, declaring why it cannot be printed</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/shortcuts.py"/>
        <source>Máy quét một ngón: chọn ngón để quét (1 ngón cái phải … 0 ngón út trái)</source>
        <translation>Single-finger reader: choose the finger to scan (1 right thumb … 0 left little finger)</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/trainer_panel.py"/>
        <source>Máy vân tay</source>
        <translation>Fingerprint scanner</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/setting_meanings.py"/>
        <source>Mã bàn tiếp nhận, dùng trong mã hồ sơ (không trùng trong đơn vị)</source>
        <translation>Desk code used in case codes (unique in the station)</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/setting_meanings.py"/>
        <source>Mã cơ quan</source>
        <translation>Agency code</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/setting_meanings.py"/>
        <source>Mã cơ quan của hệ thống trung tâm nhận hồ sơ (ANSI/NIST 1.007)</source>
        <translation>Agency code of the central system that receives exported cases (ANSI/NIST 1.007)</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/paperwork.py"/>
        <source>Mã giao dịch:</source>
        <translation>Transaction reference:</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/paperwork.py"/>
        <source>Mã hồ sơ</source>
        <translation>Application code</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/setting_meanings.py"/>
        <source>Môi trường: production (chính thức), staging, development hoặc training (đào tạo)</source>
        <translation>Production, staging, development or training</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/fingermap.py"/>
        <source>Mất vân</source>
        <translation>No prints</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/credentials.py"/>
        <source>Mật khẩu:</source>
        <translation>Password:</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/representative.py"/>
        <source>Mẹ:</source>
        <translation>Mother:</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/main_window.py"/>
        <location filename="../../kiosk/ui/pages/capture.py"/>
        <source>Mống mắt</source>
        <translation>Iris</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/keyprompt.py"/>
        <source>Mở</source>
        <translation>Open</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/shortcuts.py"/>
        <source>Mở hàng chờ hôm nay; bấm lại (hoặc Esc) để về hồ sơ</source>
        <translation>Open today&apos;s queue; press again (or Esc) to return to the application</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/lookup.py"/>
        <source>Mở hồ sơ người đã chọn</source>
        <translation>Open application for the selected person</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/keyprompt.py"/>
        <source>Mở khóa dữ liệu</source>
        <translation>Unlock the data</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/settings_page.py"/>
        <source>Mục cấu hình</source>
        <translation>Setting</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/setting_meanings.py"/>
        <source>Nguồn tra cứu dân cư: synthetic (tệp đào tạo), sql (cơ sở dữ liệu tại máy) hoặc http (dịch vụ CSDLQG)</source>
        <translation>Population registry: synthetic (the training file), sql (a local database: the trainer&apos;s generated population or a mobile team&apos;s offline cache) or http</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/paperwork.py"/>
        <source>Ngày hẹn trả thẻ</source>
        <translation>Card return date</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/paperwork.py"/>
        <source>Ngày hẹn trả thẻ được tính theo ngày làm việc, không tính ngày nghỉ lễ, Tết và ngày nghỉ hằng tuần (Luật Căn cước 2023 Điều 26).</source>
        <translation>The card return date counts working days only, leaving out public holidays, Tết and the weekly days off (Law on Identification 2023, Article 26).</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/capacity.py"/>
        <source>Ngày ra quyết định, ví dụ 14/03/2025 hoặc 14032025</source>
        <translation>Date of the decision, e.g. 14/03/2025 or 14032025</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/lookup.py"/>
        <source>Ngày sinh</source>
        <translation>Date of birth</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/procedure.py"/>
        <location filename="../../kiosk/ui/pages/representative.py"/>
        <source>Ngày sinh:</source>
        <translation>Date of birth:</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/procedure.py"/>
        <source>Ngày sinh: trên thẻ {card}, trong CSDLQG {registry}</source>
        <translation>Date of birth: {card} on the card, {registry} in the National Population Database</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/capture.py"/>
        <source>Ngón không lấy được vân tay…</source>
        <translation>Fingers that cannot be fingerprinted…</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/capture.py"/>
        <source>Ngón tay không lấy được vân tay</source>
        <translation>Fingers that cannot be fingerprinted</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/setting_meanings.py"/>
        <source>Ngôn ngữ giao diện: vi (tiếng Việt) hoặc en (tiếng Anh, cho giảng viên và kỹ sư)</source>
        <translation>Language of the window: vi (Vietnamese, the source) or en (English, for trainers and maintainers)</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/capacity.py"/>
        <source>Người &amp;mất năng lực hành vi dân sự /</source>
        <translation>A person who has &amp;lost civil act capacity /</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/procedure.py"/>
        <source>Người mất năng lực hành vi dân sự hoặc có khó khăn trong nhận thức, làm chủ hành vi: người đại diện hợp pháp hỗ trợ làm thủ tục ({basis}).</source>
        <translation>A person who has lost civil act capacity or has difficulty in cognition or self-control: a legal representative assists with the procedure ({basis}).</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/representative.py"/>
        <source>Người đại diện</source>
        <translation>Representative</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/representative.py"/>
        <source>Người đại diện (CSDLQG về dân cư)</source>
        <translation>Representative (National Population Database)</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/representative.py"/>
        <source>Người đại diện hợp pháp</source>
        <translation>Legal representative</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/paperwork.py"/>
        <source>Nhận kết quả: qua bưu chính, đến {address}{phone}.</source>
        <translation>The card is sent by post to {address}{phone}.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/paperwork.py"/>
        <source>Nhận kết quả: tại nơi làm thủ tục.</source>
        <translation>The card is collected where the application was made.</translation>
    </message>
    <message>
        <source>Nhận qua dịch vụ bưu chính (công dân trả cước)</source>
        <translation type="vanished">By post (the citizen pays the postage)</translation>
    </message>
    <message>
        <source>Nhận tại nơi làm thủ tục</source>
        <translation type="vanished">Collect at the office where the application was made</translation>
    </message>
    <message>
        <source>Nhập số định danh cá nhân (12 số) hoặc số CMND cũ (9 số). Nếu công dân không nhớ số, tra cứu theo họ tên và ngày sinh.</source>
        <translation type="vanished">Enter the personal identification number (12 digits) or the number of the old ID card, CMND (9 digits). If the citizen does not remember the number, look up by full name and date of birth.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/setting_meanings.py"/>
        <source>Nơi công dân nhận thẻ</source>
        <translation>Where the citizen collects the card</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/lookup.py"/>
        <source>Nơi cư trú</source>
        <translation>Place of residence</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/procedure.py"/>
        <source>Nơi cư trú:</source>
        <translation>Place of residence:</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/paperwork.py"/>
        <source>Phiếu thu nhận (CC01)</source>
        <translation>Information form (CC01)</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/paperwork.py"/>
        <source>Phiếu thu nhận thông tin căn cước (CC01)</source>
        <translation>Identity information form (CC01)</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/shortcuts.py"/>
        <source>Phím tắt</source>
        <translation>Keyboard shortcuts</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/main_window.py"/>
        <source>Phím tắt ({keys})</source>
        <translation>Shortcuts ({keys})</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/lookup.py"/>
        <source>Phím tắt: Enter để tra cứu · Tab sang ô tiếp theo · Alt + phím chữ gạch chân để đến ô đó · ↑ ↓ rồi Enter để chọn trong danh sách.</source>
        <translation>Shortcuts: Enter to search · Tab to the next field · Alt + the underlined letter to go to that field · ↑ ↓ then Enter to choose from the list.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/fingermap.py"/>
        <source>Phím tắt: Space (khi nút này có bàn phím)</source>
        <translation>Shortcut: Space (when this button has the keyboard)</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/main_window.py"/>
        <location filename="../../kiosk/ui/shortcuts.py"/>
        <source>Phím tắt: {keys}</source>
        <translation>Shortcut: {keys}</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/capacity.py"/>
        <source>Phím tắt: {keys}. Đánh dấu khi công dân có quyết định của Tòa án: người đại diện hợp pháp (người giám hộ) hỗ trợ làm thủ tục ({basis}).</source>
        <translation>Shortcut: {keys}. Tick when the citizen has a court decision: a legal representative (the guardian) assists with the procedure ({basis}).</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/representative.py"/>
        <source>Quan hệ với công dân:</source>
        <translation>Relationship to the citizen:</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/shell.py"/>
        <source>Quay lại</source>
        <translation>Back</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/shortcuts.py"/>
        <source>Quay lại bước trước</source>
        <translation>Go back to the previous step</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/capacity.py"/>
        <source>Quyết định của Tòa án tuyên bố:</source>
        <translation>The court decision declares:</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/capture.py"/>
        <source>Quét hai mắt</source>
        <translation>Scan both eyes</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/lookup.py"/>
        <source>Quét mã QR trên thẻ căn cước / CCCD, hoặc nhập số định danh cá nhân (12 số) hay số CMND cũ (9 số). Nếu công dân không nhớ số, tra cứu theo họ tên và ngày sinh.</source>
        <translation>Scan the QR code on the identity card (căn cước / CCCD), or enter the personal identification number (12 digits) or the old CMND number (9 digits). If the citizen does not remember the number, search by full name and date of birth.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/lookup.py"/>
        <source>Quét mã QR, hoặc gõ 12 số định danh / 9 số CMND cũ rồi nhấn Enter</source>
        <translation>Scan the QR code, or type the 12-digit ID number / 9-digit old CMND number, then press Enter</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/fingermap.py"/>
        <source>Quét {finger}</source>
        <translation>Scan the {finger}</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/setting_meanings.py"/>
        <source>Số bản in mỗi biểu mẫu</source>
        <translation>Copies of each form printed</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/setting_meanings.py"/>
        <source>Số giây chờ dịch vụ CSDLQG trả lời</source>
        <translation>Seconds to wait for the service&apos;s answer (an attempt is cut after connect + read)</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/setting_meanings.py"/>
        <source>Số giây chờ kết nối dịch vụ CSDLQG</source>
        <translation>Seconds to look the service up, connect and begin TLS</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/setting_meanings.py"/>
        <source>Số giây chờ một lần thu nhận trước khi dừng</source>
        <translation>Seconds before a capture gives up</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/setting_meanings.py"/>
        <source>Số giây chờ trước lần thử lại đầu tiên (gấp đôi mỗi lần sau)</source>
        <translation>Seconds before the first retry; doubled before each next one</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/setting_meanings.py"/>
        <source>Số lần nhập sai mật khẩu liên tiếp trước khi tạm khóa tài khoản</source>
        <translation>Wrong passwords in a row before a lockout</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/setting_meanings.py"/>
        <source>Số lần thử lại khi lỗi kết nối, quá thời gian hoặc lỗi máy chủ</source>
        <translation>Attempts after the first on a connection failure, timeout or 5xx (never on 4xx)</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/setting_meanings.py"/>
        <source>Số ngày sau khi trung tâm xác nhận hồ sơ thì xóa ảnh sinh trắc học tại máy</source>
        <translation>Days after the centre confirms a case before its biometric images are erased</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/paperwork.py"/>
        <source>Số nhà, đường (thôn, tổ), xã/phường, tỉnh/thành phố</source>
        <translation>House number, street (hamlet, group), commune/ward, province/city</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/capacity.py"/>
        <source>Số quyết định:</source>
        <translation>Decision number:</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/setting_meanings.py"/>
        <source>Số thứ tự camera khi dùng opencv</source>
        <translation>OpenCV camera index for devices.face = opencv</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/paperwork.py"/>
        <source>Số điện thoại người nhận:</source>
        <translation>Recipient&apos;s phone number:</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/lookup.py"/>
        <source>Số định danh</source>
        <translation>ID number</translation>
    </message>
    <message>
        <source>Số định danh / CMND:</source>
        <translation type="vanished">ID number / CMND:</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/representative.py"/>
        <source>Số định danh người đại diện:</source>
        <translation>Representative&apos;s ID number:</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/procedure.py"/>
        <source>Số định danh:</source>
        <translation>ID number:</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/procedure.py"/>
        <source>Sử dụng dữ liệu sinh trắc học thu nhận gần nhất</source>
        <translation>Reuse the most recently captured biometric data</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/capture.py"/>
        <location filename="../../kiosk/ui/pages/fingermap.py"/>
        <source>Tay phải</source>
        <translation>Right hand</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/capture.py"/>
        <location filename="../../kiosk/ui/pages/fingermap.py"/>
        <source>Tay trái</source>
        <translation>Left hand</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/setting_meanings.py"/>
        <source>Thiết bị chụp ảnh khuôn mặt (simulator, opencv hoặc sbi)</source>
        <translation>Face camera backend</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/setting_meanings.py"/>
        <source>Thiết bị thu mống mắt (simulator hoặc sbi)</source>
        <translation>Iris scanner backend</translation>
    </message>
    <message>
        <source>Thiết bị thu vân tay (simulator, sbi, usb hoặc virtual-usb)</source>
        <translation type="vanished">Fingerprint scanner backend</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/setting_meanings.py"/>
        <source>Thiết bị thu vân tay (simulator, simulator-single: máy một ngón mô phỏng, sbi, usb hoặc virtual-usb)</source>
        <translation>Fingerprint scanner backend (simulator, simulator-single: a simulated single-finger reader, sbi, usb or virtual-usb)</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/keyprompt.py"/>
        <source>Thoát</source>
        <translation>Quit</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/capture.py"/>
        <source>Thu nhận sinh trắc học</source>
        <translation>Biometric capture</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/procedure.py"/>
        <source>Thu nhận ảnh khuôn mặt, vân tay và mống mắt</source>
        <translation>Capture the face photo, fingerprints and irises</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/procedure.py"/>
        <source>Thông tin công dân (CSDLQG về dân cư)</source>
        <translation>Citizen information (National Population Database)</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/procedure.py"/>
        <source>Thông tin khác giấy tờ của công dân</source>
        <translation>Details that differ from the citizen&apos;s papers</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/procedure.py"/>
        <source>Thông tin trên thẻ công dân xuất trình khác CSDLQG về dân cư</source>
        <translation>The details on the card presented differ from the National Population Database</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/setting_meanings.py"/>
        <source>Thư mục chứa PDF khi in ra file (trống: DATA_DIR/prints)</source>
        <translation>Folder for printer.backend = file (empty: DATA_DIR/prints)</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/fingermap.py"/>
        <source>Thấp</source>
        <translation>Low</translation>
    </message>
    <message>
        <source>Thẻ công dân xuất trình khác CSDLQG về dân cư</source>
        <translation type="vanished">The card presented differs from the National Population Database</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/procedure.py"/>
        <source>Thẻ đang dùng:</source>
        <translation>Current card:</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/setting_meanings.py"/>
        <source>Thời gian tạm khóa tài khoản (phút)</source>
        <translation>How long an account stays locked</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/main_window.py"/>
        <source>Thứ Ba</source>
        <translation>Tuesday</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/main_window.py"/>
        <source>Thứ Bảy</source>
        <translation>Saturday</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/main_window.py"/>
        <source>Thứ Hai</source>
        <translation>Monday</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/main_window.py"/>
        <source>Thứ Năm</source>
        <translation>Thursday</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/main_window.py"/>
        <source>Thứ Sáu</source>
        <translation>Friday</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/main_window.py"/>
        <source>Thứ Tư</source>
        <translation>Wednesday</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/trainer_panel.py"/>
        <source>Tiến độ của học viên</source>
        <translation>The trainee&apos;s progress</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/main_window.py"/>
        <source>Tiếp nhận hồ sơ</source>
        <translation>Application intake</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/main_window.py"/>
        <source>Tiếp nhận hồ sơ thẻ căn cước — {desk}</source>
        <translation>Identity card applications — {desk}</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/queue.py"/>
        <source>Tiếp tục hồ sơ đã chọn</source>
        <translation>Resume the selected application</translation>
    </message>
    <message>
        <source>Tiếp tục hồ sơ đã chọn (Enter trong danh sách)</source>
        <translation type="vanished">Resume the selected application (Enter in the list)</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/lookup.py"/>
        <source>Tiếp tục hồ sơ đã chọn ({keys} trong danh sách)</source>
        <translation>Resume the selected application ({keys} in the list)</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/shortcuts.py"/>
        <source>Tiếp tục: nút chính của trang (Tra cứu, Hoàn tất thu nhận…)</source>
        <translation>Continue: the page&apos;s main button (Look up, Finish capture…)</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/paperwork.py"/>
        <source>Tiền mặt</source>
        <translation>Cash</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/lookup.py"/>
        <location filename="../../kiosk/ui/pages/representative.py"/>
        <source>Tra cứu</source>
        <translation>Look up</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/lookup.py"/>
        <source>Tra cứu công dân</source>
        <translation>Look up a citizen</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/shortcuts.py"/>
        <source>Trong hàng chờ: tiếp tục hồ sơ đã chọn</source>
        <translation>In the queue: resume the selected application</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/paperwork.py"/>
        <source>Trong thông báo giao dịch của ngân hàng, ví dụ FT26329123456789</source>
        <translation>On the bank&apos;s transaction notice, e.g. FT26329123456789</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/fingermap.py"/>
        <source>Trỏ</source>
        <translation>Index</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/procedure.py"/>
        <source>Tuổi</source>
        <translation>Age</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/setting_meanings.py"/>
        <source>Tên bàn tiếp nhận hiện trên cửa sổ</source>
        <translation>Desk name shown in the window</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/setting_meanings.py"/>
        <source>Tên cán bộ in trên biểu mẫu khi tài khoản chưa có họ tên</source>
        <translation>Name printed as the receiving officer until clerk accounts exist</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/paperwork.py"/>
        <source>Tên và số giấy tờ, ví dụ: Giấy xác nhận khuyết tật số 123/GXN</source>
        <translation>Name and number of the document, e.g. Giấy xác nhận khuyết tật số 123/GXN</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/credentials.py"/>
        <source>Tên đăng nhập:</source>
        <translation>User name:</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/setting_meanings.py"/>
        <source>Tệp PEM CA ký chứng thư của dịch vụ CSDLQG (trống: CA của hệ thống)</source>
        <translation>PEM file of the CA that signs the service&apos;s certificate (empty: system CAs)</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/setting_meanings.py"/>
        <source>Tệp PEM CA ký chứng thư máy chủ trung tâm (trống: CA của hệ thống)</source>
        <translation>PEM file of the CA that signs the centre&apos;s server certificate (empty: system CAs)</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/setting_meanings.py"/>
        <source>Tệp PEM chứng thư CA của hãng thiết bị SBI (trống: DATA_DIR/sbi-trust.pem)</source>
        <translation>PEM file of the SBI vendors&apos; CA certificates (empty: DATA_DIR/sbi-trust.pem)</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/setting_meanings.py"/>
        <source>Tệp PEM chứng thư TLS của bàn này gửi dịch vụ CSDLQG (xác thực hai chiều)</source>
        <translation>PEM file of this desk&apos;s TLS client certificate (and its key, unless registry.client_key is set): the service admits desks by it (mutual TLS)</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/setting_meanings.py"/>
        <source>Tệp PEM chứng thư và khóa TLS của bàn này (xác thực hai chiều)</source>
        <translation>PEM file of this desk&apos;s TLS client certificate and key (mutual TLS)</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/setting_meanings.py"/>
        <source>Tệp PEM khóa công khai X25519 của hệ thống trung tâm (gói hồ sơ được mã hóa cho khóa này)</source>
        <translation>PEM file of the central system&apos;s X25519 public key (packets are encrypted to it)</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/setting_meanings.py"/>
        <source>Tệp PEM khóa riêng của chứng thư (trống: nằm trong tệp chứng thư)</source>
        <translation>PEM file of the client certificate&apos;s private key (empty: in the certificate file)</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/shell.py"/>
        <source>Từ chối giải quyết hồ sơ {code} và in thông báo từ chối (mẫu CC03)? Hồ sơ sẽ kết thúc.</source>
        <translation>Refuse application {code} and print the refusal notice (form CC03)? The application will be closed.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/shell.py"/>
        <source>Từ chối giải quyết, in thông báo CC03</source>
        <translation>Refuse the application, print the CC03 notice</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/procedure.py"/>
        <source>Từ chối, in thông báo CC03</source>
        <translation>Refuse, print CC03 notice</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/main_window.py"/>
        <source>Vân tay</source>
        <translation>Fingerprints</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/capture.py"/>
        <source>Vân tay (4-4-2)</source>
        <translation>Fingerprints (4-4-2)</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/fingermap.py"/>
        <source>Vân tay (máy quét một ngón: lấy lần lượt từng ngón)</source>
        <translation>Fingerprints (single-finger reader: one finger at a time)</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/capacity.py"/>
        <location filename="../../kiosk/ui/pages/procedure.py"/>
        <source>Ví dụ: {example}</source>
        <translation>For example: {example}</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/paperwork.py"/>
        <source>Xem trước</source>
        <translation>Preview</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/shell.py"/>
        <source>Xem trước phiếu thu nhận (CC01)</source>
        <translation>Preview of the information form (CC01)</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/approval.py"/>
        <source>Xác nhận của cán bộ giám sát</source>
        <translation>Supervisor approval</translation>
    </message>
    <message>
        <source>Xác nhận lệ phí</source>
        <translation type="vanished">Confirm the fee</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/procedure.py"/>
        <source>Xác nhận thủ tục</source>
        <translation>Confirm the procedure</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/paperwork.py"/>
        <source>Xác nhận, in biên lai</source>
        <translation>Confirm, print receipt</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/procedure.py"/>
        <source>Xác định thủ tục</source>
        <translation>Determine the procedure</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/procedure.py"/>
        <source>Yêu cầu này không được giải quyết: lập thông báo từ chối bằng văn bản (mẫu CC03) ghi lý do và căn cứ; cán bộ giám sát (trưởng ca) phê duyệt trước khi in. Hồ sơ kết thúc sau khi in; nếu chọn nhầm lý do, chọn lại lý do đúng.</source>
        <translation>This request cannot be granted: a written refusal notice (form CC03) states the reason and the legal basis, and a supervisor (the shift leader) approves it before it is printed. The application closes once it is printed; if the wrong reason was chosen, choose the right one.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/main_window.py"/>
        <source>bấm để chọn thiết bị khác</source>
        <translation>click to choose another device</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/main_window.py"/>
        <source>chưa kết nối</source>
        <translation>not connected</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/procedure.py"/>
        <source>chưa rõ lần đồng bộ cuối</source>
        <translation>last synchronisation unknown</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/main_window.py"/>
        <source>chưa sẵn sàng</source>
        <translation>not ready</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/main_window.py"/>
        <source>chưa đăng nhập</source>
        <translation>not signed in</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/capacity.py"/>
        <source>có khó khăn trong nhận thức, làm chủ hành vi</source>
        <translation>has difficulty in cognition or self-control</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/lookup.py"/>
        <source>hoặc &amp;Họ và tên:</source>
        <translation>or full &amp;name:</translation>
    </message>
    <message>
        <source>hoặc Họ và tên:</source>
        <translation type="vanished">or Full name:</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/capture.py"/>
        <location filename="../../kiosk/ui/pages/fingermap.py"/>
        <source>lần</source>
        <translation>attempt</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/queue.py"/>
        <source>mở {date}</source>
        <translation>opened {date}</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/queue.py"/>
        <source>mở {time}</source>
        <translation>opened {time}</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/capacity.py"/>
        <source>ngày</source>
        <translation>dated</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/capacity.py"/>
        <source>ngày/tháng/năm</source>
        <translation>dd/mm/yyyy</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/fingermap.py"/>
        <source>ngón cái phải</source>
        <translation>right thumb</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/fingermap.py"/>
        <source>ngón cái trái</source>
        <translation>left thumb</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/fingermap.py"/>
        <source>ngón giữa phải</source>
        <translation>right middle finger</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/fingermap.py"/>
        <source>ngón giữa trái</source>
        <translation>left middle finger</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/fingermap.py"/>
        <source>ngón trỏ phải</source>
        <translation>right index finger</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/fingermap.py"/>
        <source>ngón trỏ trái</source>
        <translation>left index finger</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/fingermap.py"/>
        <source>ngón áp út phải</source>
        <translation>right ring finger</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/fingermap.py"/>
        <source>ngón áp út trái</source>
        <translation>left ring finger</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/fingermap.py"/>
        <source>ngón út phải</source>
        <translation>right little finger</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/fingermap.py"/>
        <source>ngón út trái</source>
        <translation>left little finger</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/main_window.py"/>
        <source>sẵn sàng</source>
        <translation>ready</translation>
    </message>
    <message>
        <source>tiếp theo: cấp giấy hẹn (CC02)</source>
        <translation type="vanished">next: issue the appointment slip (CC02)</translation>
    </message>
    <message>
        <source>tiếp theo: in và ký phiếu thu nhận (CC01)</source>
        <translation type="vanished">next: print and sign the information form (CC01)</translation>
    </message>
    <message>
        <source>tiếp theo: lệ phí</source>
        <translation type="vanished">next: fee</translation>
    </message>
    <message>
        <source>tiếp theo: người đại diện</source>
        <translation type="vanished">next: representative</translation>
    </message>
    <message>
        <source>tiếp theo: thu nhận sinh trắc học</source>
        <translation type="vanished">next: biometric capture</translation>
    </message>
    <message>
        <source>tiếp theo: thu thẻ cũ, kết thúc</source>
        <translation type="vanished">next: collect the old card, close</translation>
    </message>
    <message>
        <source>tiếp theo: tra cứu công dân</source>
        <translation type="vanished">next: look up the citizen</translation>
    </message>
    <message>
        <source>tiếp theo: xác định thủ tục</source>
        <translation type="vanished">next: determine the procedure</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/queue.py"/>
        <source>tiếp theo: {page}</source>
        <translation>next: {page}</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/queue.py"/>
        <source>xong {time}</source>
        <translation>finished {time}</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/capture.py"/>
        <source>{advice} ({steady}/{needed})</source>
        <translation>{advice} ({steady}/{needed})</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/capture.py"/>
        <source>{advice} — điểm {score}/100</source>
        <translation>{advice} — score {score}/100</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/lookup.py"/>
        <source>{count} người cùng họ tên và ngày sinh. Hỏi thêm nơi cư trú hoặc số định danh để chọn đúng người: ↑ ↓ rồi Enter mở hồ sơ.</source>
        <translation>{count} people share this full name and date of birth. Ask for the place of residence or the ID number to choose the right person: ↑ ↓ then Enter opens the application.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/trainer_panel.py"/>
        <source>{label}: {attempts} lần thu nhận, {errors} lỗi thiết bị</source>
        <translation>{label}: {attempts} capture(s), {errors} device error(s)</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/representative.py"/>
        <source>{name}, sinh ngày {birth}</source>
        <translation>{name}, born {birth}</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/capture.py"/>
        <source>{plan}: không thu nhận tại bàn này. Bấm «{next}» để sang phiếu CC01.</source>
        <translation>{plan}: nothing is captured at this desk. Press «{next}» to go on to form CC01.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/capture.py"/>
        <source>{slap} (quét {count} ngón)</source>
        <translation>{slap} (fingers to scan: {count})</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/trainer_panel.py"/>
        <source>{story}
Công dân: số định danh {id_number}.</source>
        <translation>{story}
Citizen: ID number {id_number}.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/main_window.py"/>
        <source>{weekday}, {date} {time}</source>
        <translation>{weekday}, {date} {time}</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/approval.py"/>
        <source>«{action}» cần cán bộ giám sát xác nhận bằng tài khoản của mình.</source>
        <translation>“{action}” needs a supervisor to approve it with their own account.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/fingermap.py"/>
        <source>Áp út</source>
        <translation>Ring</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/fingermap.py"/>
        <source>Út</source>
        <translation>Little</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/settings_page.py"/>
        <source>Ý nghĩa</source>
        <translation>Meaning</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/trainer_panel.py"/>
        <source>Đang chạy kịch bản trên hồ sơ {code}.</source>
        <translation>Playing the scenario on case {code}.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/queue.py"/>
        <source>Đang làm ({count})</source>
        <translation>In progress ({count})</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/fingermap.py"/>
        <source>Đang lấy: {finger} (lần {attempt}). Đặt {finger} lên máy quét rồi bấm Space; phím {keys} chọn ngón khác.</source>
        <translation>Now: the {finger} (attempt {attempt}). Place the {finger} on the reader and press Space; keys {keys} choose another finger.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/capture.py"/>
        <source>Đang mở camera…</source>
        <translation>Opening the camera…</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/main_window.py"/>
        <source>Đang xử lý việc khác; chờ xong rồi chọn lại hồ sơ.</source>
        <translation>Busy with another task; wait until it finishes, then choose the application again.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/shell.py"/>
        <source>Đang xử lý…</source>
        <translation>Working…</translation>
    </message>
    <message>
        <source>Đánh dấu thông tin trong CSDLQG về dân cư khác giấy tờ công dân xuất trình: phải điều chỉnh thông tin trong CSDLQG trước (mục 7 phiếu DC02), thời hạn trả thẻ cộng thêm thời gian điều chỉnh.</source>
        <translation type="vanished">Tick the details in the National Population Database that differ from the papers the citizen shows: the database must be corrected first (item 7 of form DC02), and the card&apos;s return date moves later by the correction time.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/procedure.py"/>
        <source>Đánh dấu thông tin trong CSDLQG về dân cư khác giấy tờ công dân xuất trình: phải điều chỉnh thông tin trong CSDLQG trước (mục {item} phiếu DC02), thời hạn trả thẻ cộng thêm thời gian điều chỉnh.</source>
        <translation>Tick the details in the National Population Database that differ from the papers the citizen shows: the database must be corrected first (item {item} of form DC02), and the card&apos;s return date moves later by the correction time.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/setting_meanings.py"/>
        <source>Đánh giá từng ngón trong ảnh bốn ngón theo NIST NFIQ 2 và phát hiện một ngón đặt hai lần</source>
        <translation>Judge every finger of a slap with NIST NFIQ 2 and look for a finger given twice</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/fingermap.py"/>
        <source>Đã có trong ảnh bốn ngón đạt</source>
        <translation>Already in an acceptable four-finger slap</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/capture.py"/>
        <source>Đã có ảnh khuôn mặt đạt chuẩn.</source>
        <translation>A face photo that meets the standard has been taken.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/trainer_panel.py"/>
        <source>Đã gây lỗi «{fault}» cho lần dùng tiếp theo của thiết bị.</source>
        <translation>Fault «{fault}» queued for the device&apos;s next use.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/paperwork.py"/>
        <source>Đã in phiếu CC01.</source>
        <translation>The CC01 form has been printed.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/procedure.py"/>
        <source>Đã in phiếu DC02 ({count} lần).</source>
        <translation>Form DC02 printed ({count} times).</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/paperwork.py"/>
        <source>Đã kiểm tra: tiền chuyển khoản đã vào tài khoản thu lệ phí</source>
        <translation>Checked: the transfer has reached the fee collection account</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/paperwork.py"/>
        <source>Đã ký, tiếp tục</source>
        <translation>Signed, continue</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/settings_page.py"/>
        <source>Đã lưu: {keys}. Khởi động lại chương trình để áp dụng.</source>
        <translation>Saved: {keys}. Restart the program to apply.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/fingermap.py"/>
        <source>Đã lấy đủ vân tay các ngón. Muốn quét lại một ngón: bấm phím số của ngón đó ({keys}).</source>
        <translation>Every finger is taken. To scan one again, press its number ({keys}).</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/paperwork.py"/>
        <source>Đã nhận đủ tiền mặt</source>
        <translation>The full amount was received in cash</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/paperwork.py"/>
        <source>Đã thu thẻ cũ của công dân</source>
        <translation>The citizen&apos;s old card was collected</translation>
    </message>
    <message>
        <source>Đã thu đủ lệ phí và giao biên lai</source>
        <translation type="vanished">The full fee was collected and the receipt handed over</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/queue.py"/>
        <source>Đã xong hôm nay ({count})</source>
        <translation>Finished today ({count})</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/procedure.py"/>
        <source>Đã đánh dấu theo mã QR trên thẻ quét khi tiếp nhận: đối chiếu với giấy tờ của công dân trước khi xác nhận.</source>
        <translation>Ticked from the QR code of the card scanned at intake: compare with the citizen&apos;s papers before confirming.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/paperwork.py"/>
        <source>Đã đổi hình thức nhận kết quả: in lại phiếu CC01 để công dân ký phiếu đúng.</source>
        <translation>The way the result is received has changed: print the CC01 form again so that the citizen signs the right one.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/fingermap.py"/>
        <source>Đã đủ vân tay</source>
        <translation>All fingers taken</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/printpreview.py"/>
        <source>Đóng</source>
        <translation>Close</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/signin.py"/>
        <source>Đăng nhập</source>
        <translation>Sign in</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/fingermap.py"/>
        <source>Đạt</source>
        <translation>Acceptable</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/shortcuts.py"/>
        <source>Đến ô tra cứu số định danh (khi chưa mở hồ sơ)</source>
        <translation>Go to the ID number search field (when no application is open)</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/setting_meanings.py"/>
        <source>Địa chỉ cơ sở dữ liệu hồ sơ (trống: tệp SQLite trong thư mục dữ liệu)</source>
        <translation>SQLAlchemy URL (empty: SQLite file in the data directory)</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/setting_meanings.py"/>
        <source>Địa chỉ dịch vụ CSDLQG về dân cư (https://…)</source>
        <translation>The central registry service (CSDLQG), https://…; the client adds /v1/… (registry.backend = http and kiosk registry sync)</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/setting_meanings.py"/>
        <source>Địa chỉ dịch vụ nhận hồ sơ của trung tâm (https://…); trống: chỉ chép ra thư mục hoặc ổ đĩa</source>
        <translation>The centre&apos;s packet service (https://…); empty: send to a folder or drive only</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/paperwork.py"/>
        <source>Địa chỉ nhận thẻ:</source>
        <translation>Delivery address:</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/setting_meanings.py"/>
        <source>Địa danh ghi ở dòng ngày tháng của biểu mẫu</source>
        <translation>Place name in the date line of forms</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/settings_page.py"/>
        <source>Đọc lại</source>
        <translation>Read again</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/procedure.py"/>
        <source>Đối chiếu với giấy khai sinh, giấy tờ hộ tịch: nếu thông tin trong CSDLQG khác giấy tờ, phải điều chỉnh thông tin trong CSDLQG về dân cư trước (thủ tục điều chỉnh thông tin), sau đó mới làm thủ tục cấp thẻ.</source>
        <translation>Check against the birth certificate and civil status papers: if the National Population Database differs from them, its information must be corrected first (information correction procedure) before the card application can be made.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/main_window.py"/>
        <source>đang bận</source>
        <translation>busy</translation>
    </message>
    <message>
        <source>đã hủy</source>
        <translation type="vanished">cancelled</translation>
    </message>
    <message>
        <source>đã kết thúc</source>
        <translation type="vanished">closed</translation>
    </message>
    <message>
        <source>đã từ chối (CC03)</source>
        <translation type="vanished">refused (CC03)</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/procedure.py"/>
        <source>đồng bộ lần cuối {time}</source>
        <translation>last synchronised {time}</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/fingermap.py"/>
        <source>Ảnh 4 ngón</source>
        <translation>In a slap</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/capture.py"/>
        <source>Ảnh khuôn mặt</source>
        <translation>Face photo</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/procedure.py"/>
        <source>— Chọn lý do —</source>
        <translation>— Choose a reason —</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/representative.py"/>
        <source>— Chọn quan hệ —</source>
        <translation>— Choose the relationship —</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/capacity.py"/>
        <source>— Chọn —</source>
        <translation>— Choose —</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/procedure.py"/>
        <source>⚠ Không kết nối được CSDLQG về dân cư: thông tin dưới đây lấy từ bản sao ngoại tuyến ({when}) và có thể đã cũ. Đối chiếu kỹ với giấy tờ của công dân.</source>
        <translation>⚠ The national population database cannot be reached: the record below comes from the offline copy ({when}) and may be out of date. Check it carefully against the citizen&apos;s papers.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/representative.py"/>
        <source>✔ CSDLQG về dân cư ghi {person} là {relationship} của {applicant}: không cần giấy tờ.</source>
        <translation>✔ The National Population Database records {person} as the {relationship} of {applicant}: no document needed.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/paperwork.py"/>
        <source>✔ Miễn lệ phí {amount}. Biên lai ghi giấy tờ: {evidence}.</source>
        <translation>✔ Fee of {amount} waived. The receipt records the document: {evidence}.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/procedure.py"/>
        <source>✔ Mã QR trên thẻ khớp CSDLQG về dân cư (họ tên, ngày sinh, giới tính).</source>
        <translation>✔ The QR code on the card matches the National Population Database (full name, date of birth, sex).</translation>
    </message>
</context>
</TS>
