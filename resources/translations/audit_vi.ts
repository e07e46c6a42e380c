<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="vi_VN">
<context>
    <name>AuditLog</name>
    <message>
        <source>No.</source>
        <translation>Số</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Thời gian</translation>
    </message>
    <message>
        <source>User</source>
        <translation>Người thực hiện</translation>
    </message>
    <message>
        <source>Activity</source>
        <translation>Hoạt động</translation>
    </message>
    <message>
        <source>Record</source>
        <translation>Hồ sơ</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>Chi tiết</translation>
    </message>
</context>
<context>
    <name>AuditLogScreen</name>
    <message>
        <source>All</source>
        <translation>Tất cả</translation>
    </message>
    <message>
        <source>{n} entries</source>
        <translation>{n} mục</translation>
    </message>
    <message>
        <source>Checking the audit log and the data…</source>
        <translation>Đang kiểm tra nhật ký và dữ liệu…</translation>
    </message>
    <message>
        <source>Audit log</source>
        <translation>Nhật ký</translation>
    </message>
    <message>
        <source>From</source>
        <translation>Từ</translation>
    </message>
    <message>
        <source>to</source>
        <translation>đến</translation>
    </message>
    <message>
        <source>User</source>
        <translation>Người thực hiện</translation>
    </message>
    <message>
        <source>Activity</source>
        <translation>Hoạt động</translation>
    </message>
    <message>
        <source>Check the chain</source>
        <translation>Kiểm tra chuỗi</translation>
    </message>
    <message>
        <source>Check that no entry of the log was removed, changed or reordered, and that the data matches it</source>
        <translation>Kiểm tra để chắc chắn không mục nhật ký nào bị xóa, sửa hay đảo thứ tự, và dữ liệu khớp với nhật ký</translation>
    </message>
</context>
<context>
    <name>DataProtectionTab</name>
    <message>
        <source>Data protection</source>
        <translation>Bảo vệ dữ liệu</translation>
    </message>
    <message>
        <source>Erase personal data</source>
        <translation>Xóa dữ liệu cá nhân</translation>
    </message>
    <message>
        <source>Erase the names, ID numbers, phone numbers and addresses of every record past its retention period? This cannot be undone (a backup made before still holds them). Run &quot;List what would be erased&quot; first to see them.</source>
        <translation>Xóa họ tên, số định danh, số điện thoại và địa chỉ trong mọi hồ sơ đã hết thời hạn lưu trữ? Không thể hoàn tác (bản sao lưu làm trước đó vẫn còn các thông tin này). Hãy bấm &quot;Liệt kê hồ sơ sẽ bị xóa&quot; trước để xem.</translation>
    </message>
    <message>
        <source>Erase</source>
        <translation>Xóa</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Hủy</translation>
    </message>
    <message>
        <source>Looking for records past their retention period…</source>
        <translation>Đang tìm hồ sơ đã hết thời hạn lưu trữ…</translation>
    </message>
    <message>
        <source>No record is past its retention period.</source>
        <translation>Không có hồ sơ nào hết thời hạn lưu trữ.</translation>
    </message>
    <message>
        <source>{n} record(s) would have their personal data erased:</source>
        <translation>{n} hồ sơ sẽ bị xóa dữ liệu cá nhân:</translation>
    </message>
    <message>
        <source>Personal data erased from {n} record(s).</source>
        <translation>Đã xóa dữ liệu cá nhân của {n} hồ sơ.</translation>
    </message>
    <message>
        <source>New recovery key</source>
        <translation>Khóa khôi phục mới</translation>
    </message>
    <message>
        <source>Your password ({user}) — so that the new recovery key can also open this unit's sync keys:</source>
        <translation>Mật khẩu của bạn ({user}) — để khóa khôi phục mới mở được cả khóa đồng bộ của đơn vị:</translation>
    </message>
    <message>
        <source>Make a new recovery key? The one printed before stops working at once; the new one is shown only once, so have a printer or paper ready.</source>
        <translation>Tạo khóa khôi phục mới? Khóa đã in trước đây sẽ hết hiệu lực ngay; khóa mới chỉ hiện một lần, vì vậy hãy chuẩn bị sẵn máy in hoặc giấy bút.</translation>
    </message>
    <message>
        <source>Make a new key</source>
        <translation>Tạo khóa mới</translation>
    </message>
    <message>
        <source>Lock when idle</source>
        <translation>Tự khóa khi không dùng</translation>
    </message>
    <message>
        <source>Lock after (minutes):</source>
        <translation>Khóa sau (phút):</translation>
    </message>
    <message>
        <source>With no keyboard or mouse use for this long, the windows are covered and the user&apos;s password is asked again. 0 = never lock.</source>
        <translation>Không dùng bàn phím, chuột trong khoảng thời gian này thì cửa sổ bị che lại và phải nhập lại mật khẩu. 0 = không bao giờ khóa.</translation>
    </message>
    <message>
        <source>Retention of personal data</source>
        <translation>Thời hạn lưu trữ dữ liệu cá nhân</translation>
    </message>
    <message>
        <source>{type} (years):</source>
        <translation>{type} (năm):</translation>
    </message>
    <message>
        <source>Receptions are counted from their date, petitions from their closing (open petitions are kept). Past the period the people&apos;s names, ID numbers, phone numbers and addresses are erased; the content and the figures stay. Models and dialogues past a period other than 0 are deleted. 0 = keep for ever.</source>
        <translation>Lượt tiếp tính từ ngày tiếp, đơn thư tính từ khi kết thúc (đơn chưa kết thúc được giữ nguyên). Hết thời hạn, họ tên, số định danh, số điện thoại và địa chỉ của người trong hồ sơ bị xóa; nội dung và số liệu vẫn giữ. Mô hình, đối thoại có thời hạn khác 0 sẽ bị xóa khi hết hạn. 0 = lưu vĩnh viễn.</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>Lưu</translation>
    </message>
    <message>
        <source>List what would be erased</source>
        <translation>Liệt kê hồ sơ sẽ bị xóa</translation>
    </message>
    <message>
        <source>Erase now…</source>
        <translation>Xóa ngay…</translation>
    </message>
    <message>
        <source>A citizen&apos;s request</source>
        <translation>Yêu cầu của công dân</translation>
    </message>
    <message>
        <source>A citizen may ask for everything the unit holds about them.</source>
        <translation>Công dân có quyền đề nghị cung cấp mọi thông tin đơn vị đang lưu về mình.</translation>
    </message>
    <message>
        <source>Export a citizen&apos;s data…</source>
        <translation>Xuất dữ liệu của một công dân…</translation>
    </message>
    <message>
        <source>Recovery key</source>
        <translation>Khóa khôi phục</translation>
    </message>
    <message>
        <source>ID numbers and denouncers&apos; identities are stored encrypted. If every administrator password is forgotten, only the printed recovery key opens them again.</source>
        <translation>Số định danh cá nhân và danh tính người tố cáo được lưu ở dạng mã hóa. Nếu quên hết mật khẩu quản trị, chỉ khóa khôi phục đã in mới mở lại được.</translation>
    </message>
    <message>
        <source>This database has a recovery key.</source>
        <translation>Cơ sở dữ liệu này đã có khóa khôi phục.</translation>
    </message>
    <message>
        <source>This database has NO recovery key yet: make one now and keep the printout in a safe place.</source>
        <translation>Cơ sở dữ liệu này CHƯA có khóa khôi phục: hãy tạo ngay và cất bản in ở nơi an toàn.</translation>
    </message>
    <message>
        <source>Make a new recovery key…</source>
        <translation>Tạo khóa khôi phục mới…</translation>
    </message>
</context>
<context>
    <name>IdleLock</name>
    <message>
        <source>Locked — Sổ Dân Vận</source>
        <translation>Đã khóa — Sổ Dân Vận</translation>
    </message>
    <message>
        <source>The program is locked</source>
        <translation>Chương trình đang khóa</translation>
    </message>
    <message>
        <source>It locked itself after a time without use, so nobody else reads the records. Type the password of {name} to go on: open forms are as you left them. Someone else must close the session and log in again.</source>
        <translation>Chương trình tự khóa sau một thời gian không dùng, để người khác không xem được hồ sơ. Nhập mật khẩu của {name} để làm tiếp: các biểu mẫu đang mở vẫn giữ nguyên. Người khác muốn dùng phải đóng phiên làm việc rồi đăng nhập lại.</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>Mật khẩu</translation>
    </message>
    <message>
        <source>Unlock</source>
        <translation>Mở khóa</translation>
    </message>
    <message>
        <source>Close the session</source>
        <translation>Đóng phiên làm việc</translation>
    </message>
</context>
<context>
    <name>PersonExportDialog</name>
    <message>
        <source>Export a citizen&apos;s data</source>
        <translation>Xuất dữ liệu của một công dân</translation>
    </message>
    <message>
        <source>Everything this unit holds about one citizen, at their request (Personal Data Protection Law): the records with their ID number and what was done with them. With the name, records of the same name without an ID number are added, to be checked with the citizen. The export is recorded in the audit log.</source>
        <translation>Mọi thông tin đơn vị đang lưu về một công dân, theo yêu cầu của công dân (Luật Bảo vệ dữ liệu cá nhân): các hồ sơ ghi số định danh của họ và quá trình xử lý. Nếu nhập họ tên, các hồ sơ cùng họ tên nhưng không ghi số định danh được thêm vào để xác minh với công dân. Việc xuất được ghi vào nhật ký.</translation>
    </message>
    <message>
        <source>ID number:</source>
        <translation>Số định danh cá nhân:</translation>
    </message>
    <message>
        <source>Full name (optional):</source>
        <translation>Họ và tên (không bắt buộc):</translation>
    </message>
    <message>
        <source>Save as PDF…</source>
        <translation>Lưu thành PDF…</translation>
    </message>
    <message>
        <source>Save as JSON…</source>
        <translation>Lưu thành JSON…</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Đóng</translation>
    </message>
    <message>
        <source>PDF document (*.pdf)</source>
        <translation>Tài liệu PDF (*.pdf)</translation>
    </message>
    <message>
        <source>JSON file (*.json)</source>
        <translation>Tệp JSON (*.json)</translation>
    </message>
    <message>
        <source>Save the citizen&apos;s data</source>
        <translation>Lưu dữ liệu của công dân</translation>
    </message>
    <message>
        <source>Gathering the citizen&apos;s data…</source>
        <translation>Đang tập hợp dữ liệu của công dân…</translation>
    </message>
    <message>
        <source>Saved {file}: {n} record(s) with this ID number, {m} of the same name to check.</source>
        <translation>Đã lưu {file}: {n} hồ sơ ghi số định danh này, {m} hồ sơ cùng họ tên cần xác minh.</translation>
    </message>
</context>
</TS>
