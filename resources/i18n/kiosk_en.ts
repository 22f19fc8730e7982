<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="vi_VN">
<context>
    <name>kiosk</name>
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
        <location filename="../../kiosk/ui/pages/lookup.py"/>
        <source>12 chữ số, hoặc 9 chữ số của CMND cũ</source>
        <translation>12 digits, or the 9 digits of an old CMND</translation>
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
        <location filename="../../kiosk/ui/pages/capture.py"/>
        <source>Chưa đạt</source>
        <translation>Not acceptable</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/main_window.py"/>
        <source>Chỉ người đang làm hồ sơ mới mở khóa được.</source>
        <translation>Only the officer working on the application can unlock the screen.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/procedure.py"/>
        <source>Chọn lý do để xem thủ tục, sinh trắc học và lệ phí.</source>
        <translation>Choose a reason to see the procedure, the biometrics and the fee.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/capture.py"/>
        <source>Chụp ảnh</source>
        <translation>Take photo</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/main_window.py"/>
        <source>Cán bộ</source>
        <translation>Officer</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/representative.py"/>
        <source>Công dân dưới 14 tuổi hoặc mất năng lực hành vi dân sự: cha, mẹ hoặc người giám hộ làm thủ tục. Nhập số định danh cá nhân của người đại diện rồi nhấn Enter để tra cứu trong CSDLQG về dân cư.</source>
        <translation>A citizen under 14, or one who has lost legal capacity, applies through a parent or guardian. Enter the representative&apos;s personal identification number and press Enter to look them up in the National Population Database.</translation>
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
        <location filename="../../kiosk/ui/pages/procedure.py"/>
        <source>Cần người đại diện hợp pháp làm thủ tục.</source>
        <translation>A legal representative must make the application.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/paperwork.py"/>
        <source>Dùng nơi cư trú</source>
        <translation>Use the place of residence</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/shell.py"/>
        <source>Dừng</source>
        <translation>Stop</translation>
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
        <source>Giới tính:</source>
        <translation>Sex:</translation>
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
        <location filename="../../kiosk/ui/pages/paperwork.py"/>
        <source>Hình thức nhận kết quả</source>
        <translation>How the result is received</translation>
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
        <location filename="../../kiosk/ui/pages/procedure.py"/>
        <location filename="../../kiosk/ui/pages/representative.py"/>
        <source>Họ và tên:</source>
        <translation>Full name:</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/lookup.py"/>
        <source>Họ, chữ đệm và tên khai sinh</source>
        <translation>Surname, middle name and given name as registered at birth</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/main_window.py"/>
        <source>Hồ sơ</source>
        <translation>Application</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/lookup.py"/>
        <source>Hồ sơ đang mở (tiếp tục từ bước đã lưu)</source>
        <translation>Open applications (resume from the last saved step)</translation>
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
        <source>Không thu nhận sinh trắc học (dưới 6 tuổi)</source>
        <translation>No biometric capture (under 6 years old)</translation>
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
        <location filename="../../kiosk/ui/pages/procedure.py"/>
        <source>Lý do đề nghị:</source>
        <translation>Reason for the application:</translation>
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
        <location filename="../../kiosk/ui/pages/paperwork.py"/>
        <source>Miễn lệ phí</source>
        <translation>Exempt from the fee</translation>
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
        <source>Máy in</source>
        <translation>Printer</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/paperwork.py"/>
        <source>Mã hồ sơ</source>
        <translation>Application code</translation>
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
        <location filename="../../kiosk/ui/keyprompt.py"/>
        <source>Mở khóa dữ liệu</source>
        <translation>Unlock the data</translation>
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
        <location filename="../../kiosk/ui/pages/lookup.py"/>
        <location filename="../../kiosk/ui/pages/procedure.py"/>
        <location filename="../../kiosk/ui/pages/representative.py"/>
        <source>Ngày sinh:</source>
        <translation>Date of birth:</translation>
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
        <source>Nhận qua dịch vụ bưu chính (công dân trả cước)</source>
        <translation>By post (the citizen pays the postage)</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/paperwork.py"/>
        <source>Nhận tại nơi làm thủ tục</source>
        <translation>Collect at the office where the application was made</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/lookup.py"/>
        <source>Nhập số định danh cá nhân (12 số) hoặc số CMND cũ (9 số). Nếu công dân không nhớ số, tra cứu theo họ tên và ngày sinh.</source>
        <translation>Enter the personal identification number (12 digits) or the number of the old ID card, CMND (9 digits). If the citizen does not remember the number, look up by full name and date of birth.</translation>
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
        <location filename="../../kiosk/ui/pages/capture.py"/>
        <source>Quét hai mắt</source>
        <translation>Scan both eyes</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/paperwork.py"/>
        <source>Số nhà, đường (thôn, tổ), xã/phường, tỉnh/thành phố</source>
        <translation>House number, street (hamlet, group), commune/ward, province/city</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/paperwork.py"/>
        <source>Số điện thoại người nhận:</source>
        <translation>Recipient&apos;s phone number:</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/lookup.py"/>
        <source>Số định danh / CMND:</source>
        <translation>ID number / CMND:</translation>
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
        <source>Thẻ đang dùng:</source>
        <translation>Current card:</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/main_window.py"/>
        <source>Tiếp nhận hồ sơ thẻ căn cước — {desk}</source>
        <translation>Identity card applications — {desk}</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/lookup.py"/>
        <source>Tiếp tục hồ sơ đã chọn</source>
        <translation>Resume the selected application</translation>
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
        <location filename="../../kiosk/ui/pages/procedure.py"/>
        <source>Tuổi</source>
        <translation>Age</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/credentials.py"/>
        <source>Tên đăng nhập:</source>
        <translation>User name:</translation>
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
        <location filename="../../kiosk/ui/pages/paperwork.py"/>
        <source>Xác nhận lệ phí</source>
        <translation>Confirm the fee</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/procedure.py"/>
        <source>Xác nhận thủ tục</source>
        <translation>Confirm the procedure</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/procedure.py"/>
        <source>Xác định thủ tục</source>
        <translation>Determine the procedure</translation>
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
        <location filename="../../kiosk/ui/pages/lookup.py"/>
        <source>hoặc Họ và tên:</source>
        <translation>or Full name:</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/capture.py"/>
        <source>lần</source>
        <translation>attempt</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/main_window.py"/>
        <source>sẵn sàng</source>
        <translation>ready</translation>
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
        <location filename="../../kiosk/ui/pages/representative.py"/>
        <source>{name}, sinh ngày {birth}</source>
        <translation>{name}, born {birth}</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/approval.py"/>
        <source>«{action}» cần cán bộ giám sát xác nhận bằng tài khoản của mình.</source>
        <translation>“{action}” needs a supervisor to approve it with their own account.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/capture.py"/>
        <source>Đang mở camera…</source>
        <translation>Opening the camera…</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/shell.py"/>
        <source>Đang xử lý…</source>
        <translation>Working…</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/capture.py"/>
        <source>Đã có ảnh khuôn mặt đạt chuẩn.</source>
        <translation>A face photo that meets the standard has been taken.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/paperwork.py"/>
        <source>Đã in phiếu CC01.</source>
        <translation>The CC01 form has been printed.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/paperwork.py"/>
        <source>Đã ký, tiếp tục</source>
        <translation>Signed, continue</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/paperwork.py"/>
        <source>Đã thu thẻ cũ của công dân</source>
        <translation>The citizen&apos;s old card was collected</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/paperwork.py"/>
        <source>Đã thu đủ lệ phí và giao biên lai</source>
        <translation>The full fee was collected and the receipt handed over</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/paperwork.py"/>
        <source>Đã đổi hình thức nhận kết quả: in lại phiếu CC01 để công dân ký phiếu đúng.</source>
        <translation>The way the result is received has changed: print the CC01 form again so that the citizen signs the right one.</translation>
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
        <location filename="../../kiosk/ui/pages/capture.py"/>
        <source>Đạt</source>
        <translation>Acceptable</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/paperwork.py"/>
        <source>Địa chỉ nhận thẻ:</source>
        <translation>Delivery address:</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/main_window.py"/>
        <source>đang bận</source>
        <translation>busy</translation>
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
        <location filename="../../kiosk/ui/pages/representative.py"/>
        <source>✔ CSDLQG về dân cư ghi {person} là {relationship} của {applicant}: không cần giấy tờ.</source>
        <translation>✔ The National Population Database records {person} as the {relationship} of {applicant}: no document needed.</translation>
    </message>
</context>
</TS>
