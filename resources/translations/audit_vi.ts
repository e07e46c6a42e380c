<?xml version='1.0' encoding='utf-8'?>
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
</TS>