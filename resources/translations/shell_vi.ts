<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="vi_VN">
  <context>
    <name>AuditLogScreen</name>
    <message>
      <source>Audit log</source>
      <translation>Nhật ký</translation>
    </message>
  </context>
  <context>
    <name>Confirm</name>
    <message>
      <source>Cancel</source>
      <translation>Hủy</translation>
    </message>
  </context>
  <context>
    <name>ErrorDialogs</name>
    <message>
      <source>The file could not be read or written: {error}</source>
      <translation>Không đọc hoặc ghi được tệp: {error}</translation>
    </message>
    <message>
      <source>Sổ Dân Vận</source>
      <translation>Sổ Dân Vận</translation>
    </message>
  </context>
  <context>
    <name>Lists</name>
    <message>
      <source>Anonymous</source>
      <translation>Nặc danh</translation>
    </message>
    <message>
      <source>{name} (group of {n})</source>
      <translation>{name} (đoàn {n} người)</translation>
    </message>
    <message>
      <source>Case no.</source>
      <translation>Số hồ sơ</translation>
    </message>
    <message>
      <source>Received</source>
      <translation>Ngày tiếp</translation>
    </message>
    <message>
      <source>Citizen</source>
      <translation>Họ tên công dân</translation>
    </message>
    <message>
      <source>Content</source>
      <translation>Nội dung</translation>
    </message>
    <message>
      <source>Category</source>
      <translation>Phân loại</translation>
    </message>
    <message>
      <source>Handling</source>
      <translation>Hướng xử lý</translation>
    </message>
    <message>
      <source>Received by</source>
      <translation>Người tiếp</translation>
    </message>
    <message>
      <source>Result</source>
      <translation>Kết quả</translation>
    </message>
    <message>
      <source>Received on</source>
      <translation>Ngày nhận</translation>
    </message>
    <message>
      <source>Petitioner</source>
      <translation>Người gửi đơn</translation>
    </message>
    <message>
      <source>Status</source>
      <translation>Trạng thái</translation>
    </message>
    <message>
      <source>Reply due</source>
      <translation>Hạn trả lời</translation>
    </message>
    <message>
      <source>Reply overdue only</source>
      <translation>Chỉ lượt quá hạn trả lời</translation>
    </message>
    <message>
      <source>Due</source>
      <translation>Hạn giải quyết</translation>
    </message>
    <message>
      <source>Held on</source>
      <translation>Ngày đối thoại</translation>
    </message>
    <message>
      <source>Chaired by</source>
      <translation>Người chủ trì</translation>
    </message>
    <message>
      <source>Participants</source>
      <translation>Số người tham dự</translation>
    </message>
    <message>
      <source>Topics</source>
      <translation>Nội dung đối thoại</translation>
    </message>
    <message>
      <source>Commitments</source>
      <translation>Nội dung tiếp thu, giải trình, cam kết</translation>
    </message>
    <message>
      <source>Follow-up</source>
      <translation>Kết quả thực hiện</translation>
    </message>
    <message>
      <source>Due by</source>
      <translation>Hạn thực hiện</translation>
    </message>
    <message>
      <source>Commitments not yet followed up only</source>
      <translation>Chỉ cam kết chưa có kết quả</translation>
    </message>
    <message>
      <source>Citizen reception</source>
      <translation>Tiếp công dân</translation>
    </message>
    <message>
      <source>+ Add a reception  (Ctrl+N)</source>
      <translation>+ Thêm lượt tiếp  (Ctrl+N)</translation>
    </message>
    <message>
      <source>No receptions yet — press Add a reception (Ctrl+N).</source>
      <translation>Chưa có lượt tiếp nào — bấm Thêm lượt tiếp (Ctrl+N).</translation>
    </message>
    <message>
      <source>{n} receptions</source>
      <translation>{n} lượt tiếp</translation>
    </message>
    <message>
      <source>Petitions</source>
      <translation>Đơn thư</translation>
    </message>
    <message>
      <source>+ Add a petition  (Ctrl+N)</source>
      <translation>+ Thêm đơn  (Ctrl+N)</translation>
    </message>
    <message>
      <source>No petitions yet — press Add a petition (Ctrl+N).</source>
      <translation>Chưa có đơn nào — bấm Thêm đơn (Ctrl+N).</translation>
    </message>
    <message>
      <source>{n} petitions</source>
      <translation>{n} đơn</translation>
    </message>
    <message>
      <source>Dialogues</source>
      <translation>Đối thoại</translation>
    </message>
    <message>
      <source>+ Add a dialogue  (Ctrl+N)</source>
      <translation>+ Thêm buổi đối thoại  (Ctrl+N)</translation>
    </message>
    <message>
      <source>No dialogues yet — press Add a dialogue (Ctrl+N).</source>
      <translation>Chưa có buổi đối thoại nào — bấm Thêm buổi đối thoại (Ctrl+N).</translation>
    </message>
    <message>
      <source>{n} dialogues</source>
      <translation>{n} buổi đối thoại</translation>
    </message>
    <message>
      <source>No citizen came</source>
      <translation>Không có công dân đến</translation>
    </message>
    <message>
      <source>Search: chair, topics, commitments…  (Ctrl+F)</source>
      <translation>Tìm: người chủ trì, nội dung đối thoại, cam kết…  (Ctrl+F)</translation>
    </message>
    <message>
      <source>Print the book…</source>
      <translation>In sổ…</translation>
    </message>
    <message>
      <source>Print the register…</source>
      <translation>In sổ theo dõi đơn…</translation>
    </message>
    <message>
      <source>Print the dialogue register…</source>
      <translation>In sổ theo dõi đối thoại…</translation>
    </message>
  </context>
  <context>
    <name>MainWindow</name>
    <message>
        <source>Screens</source>
        <translation>Các màn hình</translation>
    </message>
    <message>
        <source>The data of this file was just restored from a backup by another program (a danvan command or another window). The records, accounts and settings may now be as they were on the day of that backup.</source>
        <translation>Dữ liệu của tệp này vừa được một chương trình khác (một lệnh danvan hoặc một cửa sổ khác) khôi phục từ bản sao lưu. Các hồ sơ, tài khoản và cài đặt có thể đã trở về như vào ngày sao lưu đó.</translation>
    </message>
    <message>
        <source>Backup: {file}</source>
        <translation>Bản sao lưu: {file}</translation>
    </message>
    <message>
        <source>Restored at: {at}</source>
        <translation>Khôi phục lúc: {at}</translation>
    </message>
    <message>
        <source>Restored by: {by}</source>
        <translation>Người khôi phục: {by}</translation>
    </message>
    <message>
        <source>The data was restored</source>
        <translation>Dữ liệu đã được khôi phục</translation>
    </message>
    <message>
        <source>The program will now close. Open it again to work with the restored data; what was being typed in open forms is offered back then.</source>
        <translation>Chương trình sẽ đóng lại. Hãy mở lại để làm việc với dữ liệu đã khôi phục; những gì đang nhập dở trong các biểu mẫu sẽ được đề nghị lấy lại khi mở.</translation>
    </message>
    <message>
        <source>⚠ The computer's clock looks wrong — see why</source>
        <translation>⚠ Đồng hồ máy tính có vẻ sai — xem vì sao</translation>
    </message>
    <message>
        <source>Check the computer's clock</source>
        <translation>Kiểm tra đồng hồ máy tính</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Đóng</translation>
    </message>
    <message>
      <source>Overview</source>
      <translation>Tổng quan</translation>
    </message>
    <message>
      <source>Citizen reception</source>
      <translation>Tiếp công dân</translation>
    </message>
    <message>
      <source>Petitions</source>
      <translation>Đơn thư</translation>
    </message>
    <message>
      <source>"Dân vận khéo" models</source>
      <translation>Mô hình "Dân vận khéo"</translation>
    </message>
    <message>
      <source>Dialogues</source>
      <translation>Đối thoại</translation>
    </message>
    <message>
      <source>Sync</source>
      <translation>Đồng bộ</translation>
    </message>
    <message>
      <source>Print &amp; reports</source>
      <translation>In &amp; báo cáo</translation>
    </message>
    <message>
      <source>Administration</source>
      <translation>Quản trị</translation>
    </message>
    <message>
      <source>{n} overdue petitions</source>
      <translation>{n} đơn quá hạn</translation>
    </message>
    <message>
      <source> (demo data)</source>
      <translation> (dữ liệu mẫu)</translation>
    </message>
    <message>
      <source>Sổ Dân Vận — {unit}</source>
      <translation>Sổ Dân Vận — {unit}</translation>
    </message>
    <message>
      <source>SỔ DÂN VẬN</source>
      <translation>SỔ DÂN VẬN</translation>
    </message>
    <message>
      <source>Unit: {unit}</source>
      <translation>Đơn vị: {unit}</translation>
    </message>
    <message>
      <source>Officer: {name} ({role})</source>
      <translation>Cán bộ: {name} ({role})</translation>
    </message>
    <message>
      <source>Data: {path}</source>
      <translation>Dữ liệu: {path}</translation>
    </message>
    <message>
      <source>Unsaved forms</source>
      <translation>Biểu mẫu chưa lưu</translation>
    </message>
    <message>
      <source>{n} form(s) were not saved when the program last closed (a crash or a power cut?). Open them again to finish?</source>
      <translation>Có {n} biểu mẫu chưa được lưu khi chương trình đóng lần trước (có thể do mất điện hoặc lỗi). Mở lại để làm tiếp?</translation>
    </message>
    <message>
      <source>Open them</source>
      <translation>Mở lại</translation>
    </message>
    <message>
      <source>Discard them</source>
      <translation>Bỏ đi</translation>
    </message>
    <message>
      <source>Later</source>
      <translation>Để sau</translation>
    </message>
    <message>
      <source>Not sent to the upper level: more than {n} records</source>
      <translation>Chưa gửi cấp trên: hơn {n} bản ghi</translation>
    </message>
    <message>
      <source>Not sent to the upper level: {n} records</source>
      <translation>Chưa gửi cấp trên: {n} bản ghi</translation>
    </message>
  </context>
  <context>
    <name>Progress</name>
    <message>
      <source>Cancel</source>
      <translation>Hủy</translation>
    </message>
    <message>
      <source>Please wait</source>
      <translation>Vui lòng chờ</translation>
    </message>
  </context>
  <context>
    <name>RecordListScreen</name>
    <message>
      <source>Saved: {case_no}.</source>
      <translation>Đã lưu: {case_no}.</translation>
    </message>
    <message>
      <source>Saved.</source>
      <translation>Đã lưu.</translation>
    </message>
    <message>
      <source>Saved. It is not in this list as filtered now — clear the filters to see it.</source>
      <translation>Đã lưu. Hồ sơ này không hiện trong danh sách vì bộ lọc đang chọn — xóa bộ lọc để thấy.</translation>
    </message>
    <message>
      <source>Nothing matches these filters — change or clear them.</source>
      <translation>Không có bản ghi nào khớp với bộ lọc — hãy đổi hoặc xóa bộ lọc.</translation>
    </message>
    <message>
      <source>Open</source>
      <translation>Mở</translation>
    </message>
    <message>
      <source>Delete…</source>
      <translation>Xóa…</translation>
    </message>
    <message>
      <source>Delete record</source>
      <translation>Xóa bản ghi</translation>
    </message>
    <message>
      <source>Delete {record}? It disappears from lists and reports; the audit log keeps the deletion and the upper level receives it with the next bundle.</source>
      <translation>Xóa bản ghi {record}? Bản ghi sẽ không còn trong danh sách và báo cáo; nhật ký vẫn ghi lại việc xóa và cấp trên nhận được thông tin này trong gói đồng bộ tiếp theo.</translation>
    </message>
    <message>
      <source>this record</source>
      <translation>này</translation>
    </message>
    <message>
      <source>Export to Excel</source>
      <translation>Xuất ra Excel</translation>
    </message>
    <message>
      <source>Excel workbook (*.xlsx)</source>
      <translation>Sổ tính Excel (*.xlsx)</translation>
    </message>
    <message>
      <source>Exporting…</source>
      <translation>Đang xuất dữ liệu…</translation>
    </message>
    <message>
      <source>Exported {n} records to {file}.</source>
      <translation>Đã xuất {n} bản ghi vào tệp {file}.</translation>
    </message>
    <message>
      <source>Denouncers whose identity was left out (shown as [Bảo mật]): {n}.</source>
      <translation>Thông tin nhân thân của {n} người tố cáo không được xuất (thay bằng [Bảo mật]).</translation>
    </message>
    <message>
      <source>Exported {n} records shown by the filters to {file}.</source>
      <translation>Đã xuất {n} bản ghi theo bộ lọc đang chọn vào tệp {file}.</translation>
    </message>
    <message>
      <source>The list shows no record to export — change or clear the filters.</source>
      <translation>Danh sách đang không có hồ sơ nào để xuất — hãy đổi hoặc xóa bộ lọc.</translation>
    </message>
    <message>
      <source>Search: name, ID number, content…  (Ctrl+F)</source>
      <translation>Tìm: họ tên, số định danh, nội dung…  (Ctrl+F)</translation>
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
      <source>All</source>
      <translation>Tất cả</translation>
    </message>
    <message>
      <source>Overdue only</source>
      <translation>Chỉ đơn quá hạn</translation>
    </message>
    <message>
      <source>Clear filters</source>
      <translation>Xóa bộ lọc</translation>
    </message>
    <message>
      <source>Import from Excel/CSV…</source>
      <translation>Nhập từ Excel/CSV…</translation>
    </message>
    <message>
      <source>Export to Excel…</source>
      <translation>Xuất Excel…</translation>
    </message>
    <message>
      <source>Counting…</source>
      <translation>Đang đếm…</translation>
    </message>
</context>
</TS>