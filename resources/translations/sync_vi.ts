<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="vi_VN">
  <context>
    <name>ConflictsTab</name>
    <message>
      <source>{type} "{title}": held here from {local} (version {local_rev}), received from {incoming} (version {incoming_rev}). {n} field(s) differ, highlighted.</source>
      <translation>{type} "{title}": bản hiện có của {local} (phiên bản {local_rev}), bản mới nhận từ {incoming} (phiên bản {incoming_rev}). {n} trường khác nhau, được tô màu.</translation>
    </message>
    <message>
      <source>{type} "{title}": held here from {local} (version {local_rev}), received from {incoming} (version {incoming_rev}). The contents are the same: only the unit holding it differs.</source>
      <translation>{type} "{title}": bản hiện có của {local} (phiên bản {local_rev}), bản mới nhận từ {incoming} (phiên bản {incoming_rev}). Nội dung hai bản giống nhau: chỉ khác đơn vị giữ hồ sơ.</translation>
    </message>
    <message>
      <source>The record then belongs to {unit} and is counted in its figures, no longer in {local}'s.</source>
      <translation>Khi đó hồ sơ thuộc về {unit} và được tính vào số liệu của {unit}, không còn tính cho {local}.</translation>
    </message>
    <message>
      <source>Select a conflict in the table first.</source>
      <translation>Hãy chọn một xung đột trong bảng trước.</translation>
    </message>
    <message>
      <source>Keep the version held here for this record? The version received from {unit} is set aside (it stays in the conflict history).</source>
      <translation>Giữ bản hiện có của hồ sơ này? Bản mới nhận từ {unit} sẽ không được dùng (vẫn lưu trong lịch sử xung đột).</translation>
    </message>
    <message>
      <source>Replace the version held here with the one received from {unit}? {n} field(s) change.</source>
      <translation>Thay bản hiện có bằng bản mới nhận từ {unit}? {n} trường sẽ thay đổi.</translation>
    </message>
    <message>
      <source>Settle conflict</source>
      <translation>Xử lý xung đột</translation>
    </message>
    <message>
      <source>Keep the current version</source>
      <translation>Giữ bản hiện có</translation>
    </message>
    <message>
      <source>Use the version received</source>
      <translation>Dùng bản mới nhận</translation>
    </message>
    <message>
      <source>No conflict to review. When two versions of a record disagree, both are kept here until you choose.</source>
      <translation>Không có xung đột nào cần xem. Khi hai bản của một hồ sơ khác nhau, cả hai được giữ ở đây cho đến khi bạn chọn.</translation>
    </message>
  </context>
  <context>
    <name>InboxPanel</name>
    <message>
      <source>Inbox folder: none chosen. If the communes put their bundles in a shared or synced folder, choose it and the program watches it.</source>
      <translation>Thư mục nhận gói: chưa chọn. Nếu các xã, phường gửi gói vào một thư mục chia sẻ hoặc thư mục đồng bộ, hãy chọn thư mục đó để chương trình theo dõi.</translation>
    </message>
    <message>
      <source>Inbox folder: {folder}</source>
      <translation>Thư mục nhận gói: {folder}</translation>
    </message>
    <message>
      <source>{n} bundles have arrived and are not imported yet.</source>
      <translation>{n} gói đã về, chưa nhập.</translation>
    </message>
    <message>
      <source>No new bundle.</source>
      <translation>Không có gói mới.</translation>
    </message>
    <message>
      <source>{n} refused bundles stay there (see the result of the last import).</source>
      <translation>{n} gói bị từ chối vẫn nằm trong thư mục (xem kết quả lần nhập gần nhất).</translation>
    </message>
    <message>
      <source>{n} still being copied in.</source>
      <translation>{n} gói đang được chép vào, chưa xong.</translation>
    </message>
    <message>
      <source>A bundle import is running.</source>
      <translation>Đang nhập gói.</translation>
    </message>
    <message>
      <source>Choose the inbox folder first.</source>
      <translation>Hãy chọn thư mục nhận gói trước.</translation>
    </message>
    <message>
      <source>No bundle has arrived in the folder.</source>
      <translation>Chưa có gói nào về thư mục.</translation>
    </message>
    <message>
      <source>Choose the inbox folder</source>
      <translation>Chọn thư mục nhận gói</translation>
    </message>
    <message>
      <source>Import the folder's bundles</source>
      <translation>Nhập gói trong thư mục</translation>
    </message>
    <message>
      <source>Choose the inbox folder…</source>
      <translation>Chọn thư mục nhận gói…</translation>
    </message>
  </context>
  <context>
    <name>QuarantineTab</name>
    <message>
      <source>Records a commune sent that could not be taken in. Nothing is needed here: tell the commune (its receipt lists them too) to correct them and send again.</source>
      <translation>Các hồ sơ xã gửi lên nhưng không nhận được. Ở đây không cần làm gì: báo xã (biên nhận cũng liệt kê các hồ sơ này) sửa lại rồi gửi lại.</translation>
    </message>
    <message>
      <source>No record set aside.</source>
      <translation>Không có hồ sơ nào bị giữ lại.</translation>
    </message>
  </context>
  <context>
    <name>SyncMark</name>
    <message>
      <source>{c} conflict(s) to review, {q} record(s) set aside</source>
      <translation>{c} xung đột cần xem, {q} hồ sơ bị giữ lại</translation>
    </message>
    <message>
      <source>{n} record(s) not sent to the upper level yet</source>
      <translation>{n} bản ghi chưa gửi cấp trên</translation>
    </message>
  </context>
  <context>
    <name>SyncReview</name>
    <message>
      <source>Same record from two units</source>
      <translation>Cùng một hồ sơ từ hai đơn vị</translation>
    </message>
    <message>
      <source>Same version, different content</source>
      <translation>Cùng phiên bản nhưng nội dung khác</translation>
    </message>
    <message>
      <source>Found</source>
      <translation>Phát hiện lúc</translation>
    </message>
    <message>
      <source>Received from</source>
      <translation>Nhận từ</translation>
    </message>
    <message>
      <source>Type</source>
      <translation>Loại</translation>
    </message>
    <message>
      <source>Record</source>
      <translation>Hồ sơ</translation>
    </message>
    <message>
      <source>Conflict</source>
      <translation>Xung đột</translation>
    </message>
    <message>
      <source>Fields differing</source>
      <translation>Số trường khác</translation>
    </message>
    <message>
      <source>Field</source>
      <translation>Trường</translation>
    </message>
    <message>
      <source>Version held here</source>
      <translation>Bản hiện có</translation>
    </message>
    <message>
      <source>Version received</source>
      <translation>Bản mới nhận</translation>
    </message>
    <message>
      <source>Set aside</source>
      <translation>Giữ lại lúc</translation>
    </message>
    <message>
      <source>Commune</source>
      <translation>Xã, phường</translation>
    </message>
    <message>
      <source>Bundle</source>
      <translation>Gói</translation>
    </message>
    <message>
      <source>Content</source>
      <translation>Nội dung</translation>
    </message>
    <message>
      <source>Reason</source>
      <translation>Lý do</translation>
    </message>
    <message>
      <source> — a valid copy arrived later</source>
      <translation> — sau đó đã nhận được bản hợp lệ</translation>
    </message>
  </context>
  <context>
    <name>SyncScreen</name>
    <message>
      <source>Revoke key</source>
      <translation>Thu hồi khóa</translation>
    </message>
    <message>
      <source>Revoke the key of {unit}?
Fingerprint: {fingerprint}</source>
      <translation>Thu hồi khóa của {unit}?
Vân tay: {fingerprint}</translation>
    </message>
    <message>
      <source>Revoke</source>
      <translation>Thu hồi</translation>
    </message>
    <message>
      <source>Do this when the commune's computer was stolen or lost. From now on bundles signed with this key are refused and the same key file cannot be registered again; the commune makes a new key (Sync → Make a new key…) and sends its key file, which you register after comparing the fingerprint by phone.</source>
      <translation>Làm việc này khi máy tính của xã, phường bị mất hoặc bị lấy cắp. Từ nay các gói ký bằng khóa này bị từ chối và không đăng ký lại được tệp khóa đó; đơn vị tạo khóa mới (Đồng bộ → Tạo khóa mới…) và gửi tệp khóa mới; đăng ký tệp đó sau khi đối chiếu vân tay qua điện thoại.</translation>
    </message>
    <message>
      <source>The key of {unit} is revoked. Write a receipt for the commune now? Its computer learns of the revocation from it.</source>
      <translation>Đã thu hồi khóa của {unit}. Ghi biên nhận cho đơn vị ngay bây giờ? Máy của đơn vị biết việc thu hồi qua biên nhận này.</translation>
    </message>
    <message>
      <source>Revoke the selected commune's key…</source>
      <translation>Thu hồi khóa của xã đã chọn…</translation>
    </message>
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
      <source>The next bundle sends all {n} records again (the upper level's copy differs from this unit's data): send it.</source>
      <translation>Gói tới sẽ gửi lại toàn bộ {n} bản ghi (dữ liệu cấp trên đang giữ không khớp với dữ liệu của đơn vị): hãy gửi gói này.</translation>
    </message>
    <message>
      <source>Result of the last import: {n} files — {imported} imported, {duplicate} imported before, {rejected} refused</source>
      <translation>Kết quả lần nhập gần nhất: {n} tệp — {imported} đã nhập, {duplicate} đã nhập trước đó, {rejected} bị từ chối</translation>
    </message>
    <message>
      <source>The day replies to citizens are followed from has changed: send a bundle so the upper level counts from it too.</source>
      <translation>Ngày bắt đầu theo dõi hạn trả lời công dân đã thay đổi: hãy gửi một gói để cấp trên cũng tính từ ngày đó.</translation>
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
      <source>The upper level has revoked this unit's key, so bundles cannot be sent. An administrator clicks Make a new key…, sends the new key file to the upper level and reads its fingerprint to them by phone.</source>
      <translation>Cấp trên đã thu hồi khóa của đơn vị nên chưa gửi được gói. Quản trị viên bấm Tạo khóa mới…, gửi tệp khóa mới cho cấp trên và đọc vân tay qua điện thoại cho cấp trên đối chiếu.</translation>
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
      <source>Escrow key (a copy of each bundle): {unit}
{fingerprint}</source>
      <translation>Khóa dự phòng (nhận bản sao mỗi gói): {unit}
{fingerprint}</translation>
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
      <translation>Hãy đăng ký khóa của cấp trên trước (Nhận khóa của cấp trên…).</translation>
    </message>
    <message>
      <source>Only an administrator makes new keys.</source>
      <translation>Chỉ quản trị mới tạo được khóa mới.</translation>
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
      <source>Make a new key…</source>
      <translation>Tạo khóa mới…</translation>
    </message>
    <message>
      <source>Add an escrow key…</source>
      <translation>Thêm khóa dự phòng…</translation>
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
      <source>Communes ({n})</source>
      <translation>Xã, phường ({n})</translation>
    </message>
    <message>
      <source> · {n} silent</source>
      <translation> · {n} lâu không gửi</translation>
    </message>
    <message>
      <source>Conflicts to review ({n})</source>
      <translation>Xung đột cần xem ({n})</translation>
    </message>
    <message>
      <source>Records set aside ({n})</source>
      <translation>Hồ sơ bị giữ lại ({n})</translation>
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
      <source>{n} records are under review at the upper level: they differ from its copy, and it decides which to keep.</source>
      <translation>Có {n} bản ghi cấp trên đang xem xét vì khác với bản cấp trên đang có; cấp trên sẽ quyết định giữ bản nào.</translation>
    </message>
    <message>
      <source>corrected here, goes with the next bundle</source>
      <translation>đã sửa ở đây, sẽ gửi lên trong gói tới</translation>
    </message>
    <message>
      <source>The last receipt: {n} records set aside there as not valid — correct them and save:</source>
      <translation>Biên nhận gần nhất: cấp trên để riêng {n} bản ghi vì không hợp lệ — hãy sửa và lưu lại:</translation>
    </message>
    <message>
      <source>The last receipt: {n} records under review there (they differ from its copy):</source>
      <translation>Biên nhận gần nhất: cấp trên đang xem xét {n} bản ghi (khác với bản cấp trên đang có):</translation>
    </message>
    <message>
      <source>{n} records were set aside there as not valid: check and correct them.</source>
      <translation>Có {n} bản ghi bị cấp trên để riêng vì không hợp lệ: hãy kiểm tra và sửa lại.</translation>
    </message>
    <message>
      <source>The upper level is missing changes {ranges} (a lost bundle): send a new bundle soon, it carries them again.</source>
      <translation>Cấp trên còn thiếu các thay đổi số {ranges} (một gói bị thất lạc): hãy sớm gửi gói mới, gói đó sẽ mang lại chúng.</translation>
    </message>
    <message>
      <source>Receive a key file</source>
      <translation>Nhận tệp khóa</translation>
    </message>
    <message>
      <source>Receive an escrow key file</source>
      <translation>Nhận tệp khóa dự phòng</translation>
    </message>
    <message>
      <source>Sổ Dân Vận key file (*.dvkey)</source>
      <translation>Tệp khóa đơn vị Sổ Dân Vận (*.dvkey)</translation>
    </message>
    <message>
      <source>As an escrow key, every bundle from now on is also encrypted for {unit}, which keeps a copy in case the upper level's computer is lost. Its receipts are not taken: only the upper level's are.</source>
      <translation>Đăng ký làm khóa dự phòng: từ nay mỗi gói được mã hóa thêm cho {unit} để giữ một bản sao, phòng khi máy của cấp trên bị hỏng hoặc mất. Giấy xác nhận của nơi này không được nhận — chỉ nhận giấy xác nhận của cấp trên.</translation>
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
      <source>Make a new key</source>
      <translation>Tạo khóa mới</translation>
    </message>
    <message>
      <source>Make a new key only when the upper level has revoked this unit's key (a lost or stolen laptop). The upper level must then register the new key file before it accepts bundles again, and other accounts must be given sync access again.</source>
      <translation>Chỉ tạo khóa mới khi cấp trên đã thu hồi khóa của đơn vị này (máy bị mất hoặc bị đánh cắp). Sau đó cấp trên phải đăng ký tệp khóa mới thì mới nhận gói trở lại, và các tài khoản khác phải được cấp lại quyền đồng bộ.</translation>
    </message>
    <message>
      <source>New key made. Fingerprint: {fingerprint}

Export the key file (Export this unit's key…) for the upper level and read them the fingerprint by phone.</source>
      <translation>Đã tạo khóa mới. Vân tay: {fingerprint}

Hãy xuất tệp khóa (Xuất khóa của đơn vị…) gửi cấp trên và đọc vân tay cho họ qua điện thoại.</translation>
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
      <source>. This full re-send lacks {n} of the unit's records held here (it may have restored an older backup): they are kept — compare with the unit</source>
      <translation>. Gói gửi lại toàn bộ này thiếu {n} hồ sơ của đơn vị đang giữ ở đây (đơn vị có thể đã khôi phục bản sao lưu cũ): các hồ sơ đó vẫn được giữ — hãy đối chiếu với đơn vị</translation>
    </message>
    <message>
      <source>(all sent again)</source>
      <translation>(gửi lại toàn bộ)</translation>
    </message>
    <message>
      <source>A full re-send: every record of this unit, after a restore or a receipt that did not match</source>
      <translation>Gói gửi lại toàn bộ: mọi bản ghi của đơn vị, sau khi khôi phục dữ liệu hoặc khi biên nhận không khớp</translation>
    </message>
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
      <source>No bundle for {days} days (the limit is {limit}) — call the commune and ask it to send one.</source>
      <translation>Đã {days} ngày không gửi gói dữ liệu nào (giới hạn {limit} ngày) — gọi điện cho xã, đề nghị gửi dữ liệu.</translation>
    </message>
    <message>
      <source>Registered {days} days ago and no bundle yet (the limit is {limit}) — call the commune and ask it to send one.</source>
      <translation>Đã đăng ký khóa {days} ngày mà chưa gửi gói dữ liệu nào (giới hạn {limit} ngày) — gọi điện cho xã, đề nghị gửi dữ liệu.</translation>
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
      <source>Missing changes</source>
      <translation>Còn thiếu</translation>
    </message>
    <message>
      <source>A bundle never arrived: the commune's next bundle brings these changes again</source>
      <translation>Có gói chưa đến nơi: gói tiếp theo của xã sẽ mang lại các thay đổi này</translation>
    </message>
    <message>
      <source>Last receipt</source>
      <translation>Biên nhận gần nhất</translation>
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
      <source>, {n} conflict(s) kept for review</source>
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
  <context>
    <name>UploadPanel</name>
    <message>
      <source>Another upload is running (this window's timer, or a danvan command): the new bundle is queued and goes with that run or the next.</source>
      <translation>Đang có một lượt gửi khác (lượt gửi tự động của cửa sổ này, hoặc một lệnh danvan): gói mới đã vào hàng chờ và sẽ đi trong lượt đó hoặc lượt sau.</translation>
    </message>
    <message>
      <source>No upload server set up.</source>
      <translation>Chưa cài đặt máy chủ nhận dữ liệu.</translation>
    </message>
    <message>
      <source>An administrator enters the folder address the upper level gave (Upload settings…); until then use Write to USB or Save to folder.</source>
      <translation>Quản trị viên nhập địa chỉ thư mục cấp trên đã cấp (Cài đặt gửi lên máy chủ…); trong khi chờ, dùng Ghi ra USB hoặc Lưu vào thư mục.</translation>
    </message>
    <message>
      <source>Waiting to upload: {n} bundle(s)</source>
      <translation>Đang chờ gửi: {n} gói</translation>
    </message>
    <message>
      <source>last attempt {time}</source>
      <translation>lần thử gần nhất {time}</translation>
    </message>
    <message>
      <source>not retried until the settings are fixed or Send now is pressed</source>
      <translation>không tự thử lại cho đến khi sửa cài đặt hoặc bấm Gửi ngay</translation>
    </message>
    <message>
      <source>next attempt {time}</source>
      <translation>sẽ thử lại lúc {time}</translation>
    </message>
    <message>
      <source>press Send now once to unlock the upload (your password)</source>
      <translation>bấm Gửi ngay một lần để mở khóa việc gửi (nhập mật khẩu của bạn)</translation>
    </message>
    <message>
      <source>Upload queue empty: everything written has been uploaded.</source>
      <translation>Hàng chờ trống: mọi gói đã ghi đều đã gửi lên máy chủ.</translation>
    </message>
    <message>
      <source>Server: {url} (account {user})</source>
      <translation>Máy chủ: {url} (tài khoản {user})</translation>
    </message>
    <message>
      <source>Register the upper level's key first (Receive the upper level's key…).</source>
      <translation>Hãy đăng ký khóa của cấp trên trước (Nhận khóa của cấp trên…).</translation>
    </message>
    <message>
      <source>No upload server set up yet — an administrator fills in Upload settings….</source>
      <translation>Chưa cài đặt máy chủ nhận dữ liệu — quản trị viên điền Cài đặt gửi lên máy chủ….</translation>
    </message>
    <message>
      <source>An upload is running.</source>
      <translation>Đang gửi lên máy chủ.</translation>
    </message>
    <message>
      <source>Upload to the server</source>
      <translation>Gửi lên máy chủ</translation>
    </message>
    <message>
      <source>Send now</source>
      <translation>Gửi ngay</translation>
    </message>
    <message>
      <source>Upload settings…</source>
      <translation>Cài đặt gửi lên máy chủ…</translation>
    </message>
    <message>
      <source>Writing and uploading the bundle…</source>
      <translation>Đang ghi và gửi gói dữ liệu…</translation>
    </message>
    <message>
      <source>Uploaded {n} bundle(s) to the server.</source>
      <translation>Đã tải {n} gói lên máy chủ.</translation>
    </message>
    <message>
      <source>There is nothing to send: the upper level has received every change.</source>
      <translation>Không có gì để gửi: cấp trên đã nhận mọi thay đổi.</translation>
    </message>
    <message>
      <source>Not uploaded — this needs you: {error}</source>
      <translation>Chưa gửi được — cần bạn xử lý: {error}</translation>
    </message>
    <message>
      <source>Not uploaded yet — it will be tried again by itself: {error}</source>
      <translation>Chưa gửi được — chương trình sẽ tự thử lại: {error}</translation>
    </message>
    <message>
      <source>Upload</source>
      <translation>Gửi lên máy chủ</translation>
    </message>
    <message>
      <source>Nothing was uploaded.</source>
      <translation>Chưa gửi được gói nào.</translation>
    </message>
  </context>
  <context>
    <name>UploadSettingsDialog</name>
    <message>
      <source>Try the connection</source>
      <translation>Thử kết nối</translation>
    </message>
    <message>
      <source>Type the password to try the connection (the stored one opens only with the sync keys).</source>
      <translation>Hãy nhập mật khẩu để thử kết nối (mật khẩu đã lưu chỉ mở được bằng khóa đồng bộ).</translation>
    </message>
    <message>
      <source>Trying the connection…</source>
      <translation>Đang thử kết nối…</translation>
    </message>
    <message>
      <source>Upload settings</source>
      <translation>Cài đặt gửi lên máy chủ</translation>
    </message>
    <message>
      <source>(keep the stored password)</source>
      <translation>(để trống: giữ mật khẩu đã lưu)</translation>
    </message>
    <message>
      <source>The upper level gives you the folder address and an account that may write there. The password is kept sealed with this unit's sync keys.</source>
      <translation>Cấp trên cấp địa chỉ thư mục và một tài khoản được phép ghi vào đó. Mật khẩu được niêm phong bằng khóa đồng bộ của đơn vị, không lưu dạng đọc được.</translation>
    </message>
    <message>
      <source>Folder address (WebDAV)</source>
      <translation>Địa chỉ thư mục (WebDAV)</translation>
    </message>
    <message>
      <source>Account</source>
      <translation>Tài khoản</translation>
    </message>
    <message>
      <source>Password</source>
      <translation>Mật khẩu</translation>
    </message>
  </context>
</TS>