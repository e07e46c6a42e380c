<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="vi_VN">
  <context>
    <name>SyncScreen</name>
    <message>
      <source>No key yet (made on the first export by an administrator)</source>
      <translation>Chưa có khóa (quản trị tạo khi xuất lần đầu)</translation>
    </message>
    <message>
      <source>Communes registered: {n}</source>
      <translation>Xã, phường đã đăng ký: {n}</translation>
    </message>
    <message>
      <source>Import the bundles the communes sent (.dvb files), then send each commune its receipt.</source>
      <translation>Nhập các gói dữ liệu đồng bộ do xã, phường gửi (tệp .dvb), sau đó gửi lại biên nhận cho từng xã, phường.</translation>
    </message>
    <message>
      <source>Each commune's key is listed in the table below.</source>
      <translation>Khóa của từng xã, phường có trong bảng bên dưới.</translation>
    </message>
    <message>
      <source>No commune key registered yet — click Receive a commune's key… and compare the fingerprint with the commune by phone.</source>
      <translation>Chưa đăng ký khóa của xã, phường nào — bấm Nhận khóa của xã, phường… và đối chiếu vân tay với xã, phường qua điện thoại.</translation>
    </message>
    <message>
      <source>Not sent yet: {n} records (since {date})</source>
      <translation>Chưa gửi: {n} bản ghi (từ {date})</translation>
    </message>
    <message>
      <source>Nothing left to send.</source>
      <translation>Không còn bản ghi nào chưa gửi.</translation>
    </message>
    <message>
      <source>Sent, waiting for a receipt: {n} records (they go again with the next bundle)</source>
      <translation>Đã gửi, chờ biên nhận: {n} bản ghi (sẽ gửi lại cùng gói sau)</translation>
    </message>
    <message>
      <source>The upper level has received up to {date}</source>
      <translation>Cấp trên đã nhận đến {date}</translation>
    </message>
    <message>
      <source>No receipt from the upper level yet.</source>
      <translation>Chưa có biên nhận nào của cấp trên.</translation>
    </message>
    <message>
      <source>Upper level's key: {unit}
{fingerprint}</source>
      <translation>Khóa của cấp trên: {unit}
{fingerprint}</translation>
    </message>
    <message>
      <source>Upper level's key: not registered — get its key file (.dvkey), compare the fingerprint by phone, then click Receive the upper level's key…</source>
      <translation>Khóa của cấp trên: chưa đăng ký — nhận tệp khóa (.dvkey) của cấp trên, đối chiếu vân tay qua điện thoại, rồi bấm Nhận khóa cấp trên…</translation>
    </message>
    <message>
      <source>No bundle written yet — plug in a USB drive and click Write to USB.</source>
      <translation>Chưa ghi gói nào — cắm USB rồi bấm Ghi ra USB.</translation>
    </message>
    <message>
      <source>A bundle import is running.</source>
      <translation>Đang nhập gói dữ liệu.</translation>
    </message>
    <message>
      <source>Register the upper level's key first (Receive the upper level's key…).</source>
      <translation>Cần đăng ký khóa của cấp trên trước (Nhận khóa cấp trên…).</translation>
    </message>
    <message>
      <source>Select a commune in the table first.</source>
      <translation>Hãy chọn một xã, phường trong bảng trước.</translation>
    </message>
    <message>
      <source>Sync with the upper level</source>
      <translation>Đồng bộ với cấp trên</translation>
    </message>
    <message>
      <source>Sync with the communes</source>
      <translation>Đồng bộ với xã, phường</translation>
    </message>
    <message>
      <source>Sending</source>
      <translation>Gửi dữ liệu</translation>
    </message>
    <message>
      <source>Receiving</source>
      <translation>Nhận dữ liệu</translation>
    </message>
    <message>
      <source>Keys</source>
      <translation>Khóa</translation>
    </message>
    <message>
      <source>This unit's key fingerprint (read it out when the other unit registers it):</source>
      <translation>Vân tay khóa của đơn vị (đọc cho đơn vị kia khi họ đăng ký):</translation>
    </message>
    <message>
      <source>Write to USB</source>
      <translation>Ghi ra USB</translation>
    </message>
    <message>
      <source>Save to folder…</source>
      <translation>Lưu vào thư mục…</translation>
    </message>
    <message>
      <source>Import receipt…</source>
      <translation>Nhập biên nhận…</translation>
    </message>
    <message>
      <source>Import bundles…</source>
      <translation>Nhập gói dữ liệu…</translation>
    </message>
    <message>
      <source>Export receipt…</source>
      <translation>Xuất biên nhận…</translation>
    </message>
    <message>
      <source>Receive a commune's key…</source>
      <translation>Nhận khóa của xã, phường…</translation>
    </message>
    <message>
      <source>Receive the upper level's key…</source>
      <translation>Nhận khóa cấp trên…</translation>
    </message>
    <message>
      <source>Export this unit's key…</source>
      <translation>Xuất khóa của đơn vị…</translation>
    </message>
    <message>
      <source>Communes</source>
      <translation>Xã, phường</translation>
    </message>
    <message>
      <source>Bundles sent</source>
      <translation>Các gói đã gửi</translation>
    </message>
    <message>
      <source>Result of the last import</source>
      <translation>Kết quả lần nhập gần nhất</translation>
    </message>
    <message>
      <source>Stop</source>
      <translation>Dừng</translation>
    </message>
    <message>
      <source>Password</source>
      <translation>Mật khẩu</translation>
    </message>
    <message>
      <source>Your password ({user}) — it unlocks this unit's sync keys:</source>
      <translation>Mật khẩu của bạn ({user}) — dùng để mở khóa đồng bộ của đơn vị:</translation>
    </message>
    <message>
      <source>Sync</source>
      <translation>Đồng bộ</translation>
    </message>
    <message>
      <source>Writing the bundle…</source>
      <translation>Đang ghi gói dữ liệu…</translation>
    </message>
    <message>
      <source>There is nothing to send: the upper level has received every change.</source>
      <translation>Không có gì để gửi: cấp trên đã nhận mọi thay đổi.</translation>
    </message>
    <message>
      <source>Wrote {n} records to {file}.</source>
      <translation>Đã ghi {n} bản ghi vào {file}.</translation>
    </message>
    <message>
      <source>Save the bundle to folder</source>
      <translation>Lưu gói dữ liệu vào thư mục</translation>
    </message>
    <message>
      <source>No USB drive found. Plug one in and try again, or use Save to folder…</source>
      <translation>Không thấy USB nào. Hãy cắm USB rồi thử lại, hoặc dùng Lưu vào thư mục…</translation>
    </message>
    <message>
      <source>The USB drive is write-protected. Unlock it (the switch on its side) or use another one.</source>
      <translation>USB đang bị khóa ghi. Hãy gạt khóa ở cạnh USB hoặc dùng USB khác.</translation>
    </message>
    <message>
      <source>Drive:</source>
      <translation>Ổ đĩa:</translation>
    </message>
    <message>
      <source>Import receipt</source>
      <translation>Nhập biên nhận</translation>
    </message>
    <message>
      <source>Sổ Dân Vận receipt (*.dvack)</source>
      <translation>Biên nhận Sổ Dân Vận (*.dvack)</translation>
    </message>
    <message>
      <source>Receipt taken: the upper level has received up to {date}.</source>
      <translation>Đã nhận biên nhận: cấp trên đã nhận đến {date}.</translation>
    </message>
    <message>
      <source>{n} records were set aside there as not valid: check and correct them.</source>
      <translation>Có {n} bản ghi bị cấp trên để riêng vì không hợp lệ: hãy kiểm tra và sửa lại.</translation>
    </message>
    <message>
      <source>Receive a key file</source>
      <translation>Nhận tệp khóa</translation>
    </message>
    <message>
      <source>Sổ Dân Vận key file (*.dvkey)</source>
      <translation>Tệp khóa đơn vị Sổ Dân Vận (*.dvkey)</translation>
    </message>
    <message>
      <source>Register key</source>
      <translation>Đăng ký khóa</translation>
    </message>
    <message>
      <source>Key of {unit}.
Fingerprint: {fingerprint}

Compare it with the fingerprint the unit reads to you by phone. Register this key only if they are the same.</source>
      <translation>Khóa của {unit}.
Vân tay: {fingerprint}

Hãy đối chiếu với vân tay do đơn vị đó đọc qua điện thoại. Chỉ đăng ký khóa này khi hai dãy số giống nhau.</translation>
    </message>
    <message>
      <source>Export this unit's key</source>
      <translation>Xuất khóa của đơn vị</translation>
    </message>
    <message>
      <source>Writing the key file…</source>
      <translation>Đang ghi tệp khóa…</translation>
    </message>
    <message>
      <source>Key file written to {file}. Send it to the other unit and read them this fingerprint by phone: {fingerprint}</source>
      <translation>Đã ghi tệp khóa vào {file}. Hãy gửi tệp cho đơn vị kia và đọc cho họ vân tay này qua điện thoại: {fingerprint}</translation>
    </message>
    <message>
      <source>Import bundles</source>
      <translation>Nhập gói dữ liệu</translation>
    </message>
    <message>
      <source>Sổ Dân Vận bundle (*.dvb)</source>
      <translation>Gói dữ liệu đồng bộ Sổ Dân Vận (*.dvb)</translation>
    </message>
    <message>
      <source>Export receipt</source>
      <translation>Xuất biên nhận</translation>
    </message>
    <message>
      <source>Writing the receipt…</source>
      <translation>Đang ghi biên nhận…</translation>
    </message>
    <message>
      <source>Receipt for {unit} written to {file}. Send it back to the commune.</source>
      <translation>Đã ghi biên nhận cho {unit} vào {file}. Hãy gửi lại cho xã, phường.</translation>
    </message>
  </context>
  <context>
    <name>SyncTables</name>
    <message>
      <source>Written</source>
      <translation>Thời điểm ghi</translation>
    </message>
    <message>
      <source>Records</source>
      <translation>Bản ghi</translation>
    </message>
    <message>
      <source>Changes no.</source>
      <translation>Số thay đổi</translation>
    </message>
    <message>
      <source>Sent to</source>
      <translation>Gửi đến</translation>
    </message>
    <message>
      <source>By</source>
      <translation>Người ghi</translation>
    </message>
    <message>
      <source>Receipt</source>
      <translation>Biên nhận</translation>
    </message>
    <message>
      <source>Received by the upper level</source>
      <translation>Đã nhận biên nhận</translation>
    </message>
    <message>
      <source>Waiting for a receipt</source>
      <translation>Chờ biên nhận</translation>
    </message>
    <message>
      <source>File</source>
      <translation>Tệp</translation>
    </message>
    <message>
      <source>Unit</source>
      <translation>Đơn vị</translation>
    </message>
    <message>
      <source>Key fingerprint</source>
      <translation>Vân tay khóa</translation>
    </message>
    <message>
      <source>Last bundle</source>
      <translation>Gói gần nhất</translation>
    </message>
    <message>
      <source>None yet</source>
      <translation>Chưa có</translation>
    </message>
    <message>
      <source>Bundles</source>
      <translation>Số gói</translation>
    </message>
    <message>
      <source>Imported</source>
      <translation>Đã nhập</translation>
    </message>
    <message>
      <source>Already imported</source>
      <translation>Đã nhập trước đó</translation>
    </message>
    <message>
      <source>Rejected</source>
      <translation>Bị từ chối</translation>
    </message>
    <message>
      <source>{imported} new, {updated} updated, {ignored} unchanged</source>
      <translation>{imported} mới, {updated} cập nhật, {ignored} không đổi</translation>
    </message>
    <message>
      <source>, {n} conflicts kept for review</source>
      <translation>, {n} xung đột giữ lại để xem xét</translation>
    </message>
    <message>
      <source>, {n} records set aside (not valid)</source>
      <translation>, {n} bản ghi để riêng (không hợp lệ)</translation>
    </message>
    <message>
      <source>This bundle was imported on {time}; nothing changed.</source>
      <translation>Gói này đã được nhập lúc {time}; không có gì thay đổi.</translation>
    </message>
    <message>
      <source>This bundle was imported before; nothing changed.</source>
      <translation>Gói này đã được nhập trước đó; không có gì thay đổi.</translation>
    </message>
    <message>
      <source>From</source>
      <translation>Đơn vị gửi</translation>
    </message>
    <message>
      <source>Result</source>
      <translation>Kết quả</translation>
    </message>
    <message>
      <source>Details</source>
      <translation>Chi tiết</translation>
    </message>
  </context>
</TS>