<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="vi_VN">
  <context>
    <name>FirstRun</name>
    <message>
      <source>Restore from a backup</source>
      <translation>Khôi phục từ bản sao lưu</translation>
    </message>
    <message>
      <source>A new or reinstalled computer: put the unit's backup (the .db file copied to a USB stick, with its .keys file) on this computer, then log in as before.</source>
      <translation>Máy mới hoặc máy vừa cài lại: đặt bản sao lưu của đơn vị (tệp .db đã chép ra USB, cùng tệp .keys đi kèm) vào máy này, rồi đăng nhập như trước.</translation>
    </message>
    <message>
      <source>Making the demo data ({n} records)…</source>
      <translation>Đang tạo dữ liệu mẫu ({n} bản ghi)…</translation>
    </message>
    <message>
      <source>Welcome — Sổ Dân Vận</source>
      <translation>Bắt đầu — Sổ Dân Vận</translation>
    </message>
    <message>
      <source>There is no data on this computer yet. How would you like to start?</source>
      <translation>Máy này chưa có dữ liệu. Bạn muốn bắt đầu thế nào?</translation>
    </message>
    <message>
      <source>Try it with demo data</source>
      <translation>Dùng thử với dữ liệu mẫu</translation>
    </message>
    <message>
      <source>Open the demo ward made earlier again. Demo data is kept in a separate file and never mixes with real data.</source>
      <translation>Mở lại phường mẫu đã tạo trước đây. Dữ liệu mẫu nằm trong một tệp riêng, không bao giờ lẫn với dữ liệu thật.</translation>
    </message>
    <message>
      <source>A sample ward (Phường Ba Đình) with generated receptions, petitions and models, to learn the program. It is kept in a separate file and never mixes with real data.</source>
      <translation>Một phường mẫu (Phường Ba Đình) có sẵn lượt tiếp công dân, đơn thư và mô hình để làm quen với chương trình. Dữ liệu mẫu nằm trong một tệp riêng, không bao giờ lẫn với dữ liệu thật.</translation>
    </message>
    <message>
      <source>Set up the unit</source>
      <translation>Thiết lập đơn vị</translation>
    </message>
    <message>
      <source>Choose your province and commune from the official list and create the first administrator account.</source>
      <translation>Chọn tỉnh, thành phố và xã, phường của đơn vị theo danh mục chính thức, rồi tạo tài khoản quản trị đầu tiên.</translation>
    </message>
    <message>
      <source>The unit's data will be stored in: {path}</source>
      <translation>Dữ liệu của đơn vị sẽ được lưu tại: {path}</translation>
    </message>
    <message>
      <source>&amp;Language:</source>
      <translation>&amp;Ngôn ngữ:</translation>
    </message>
    <message>
      <source>Quit</source>
      <translation>Thoát</translation>
    </message>
  </context>
  <context>
    <name>Login</name>
    <message>
      <source>The program was updated: computing the petitions' legal deadlines again by its rules (only this once)…</source>
      <translation>Chương trình vừa được cập nhật: đang tính lại hạn giải quyết của các đơn theo quy định mới (chỉ lần này)…</translation>
    </message>
    <message>
      <source>Preparing the consolidated data for quick searches (only this once)…</source>
      <translation>Đang chuẩn bị dữ liệu tổng hợp để tra cứu nhanh (chỉ lần này)…</translation>
    </message>
    <message>
      <source>Type your user name.</source>
      <translation>Hãy nhập tên đăng nhập.</translation>
    </message>
    <message>
      <source>Type your password.</source>
      <translation>Hãy nhập mật khẩu.</translation>
    </message>
    <message>
      <source>Log in — Sổ Dân Vận</source>
      <translation>Đăng nhập — Sổ Dân Vận</translation>
    </message>
    <message>
      <source>{unit} (demo data)</source>
      <translation>{unit} (dữ liệu mẫu)</translation>
    </message>
    <message>
      <source>Sổ Dân Vận</source>
      <translation>Sổ Dân Vận</translation>
    </message>
    <message>
      <source>Data file: {path}</source>
      <translation>Tệp dữ liệu: {path}</translation>
    </message>
    <message>
      <source>&amp;User name:</source>
      <translation>Tên đăng &amp;nhập:</translation>
    </message>
    <message>
      <source>&amp;Password:</source>
      <translation>&amp;Mật khẩu:</translation>
    </message>
    <message>
      <source>Log in</source>
      <translation>Đăng nhập</translation>
    </message>
    <message>
      <source>Quit</source>
      <translation>Thoát</translation>
    </message>
    <message>
      <source>Demo data for trying the program out. Click an account to use it:</source>
      <translation>Đây là dữ liệu mẫu để dùng thử. Bấm vào một tài khoản để đăng nhập bằng tài khoản đó:</translation>
    </message>
    <message>
      <source>Account</source>
      <translation>Tài khoản</translation>
    </message>
    <message>
      <source>Password</source>
      <translation>Mật khẩu</translation>
    </message>
    <message>
      <source>Role</source>
      <translation>Vai trò</translation>
    </message>
  </context>
  <context>
    <name>SetupWizard</name>
    <message>
      <source>Level of the unit</source>
      <translation>Cấp của đơn vị</translation>
    </message>
    <message>
      <source>Which level keeps this book? Most units are at commune level.</source>
      <translation>Sổ này do cấp nào sử dụng? Phần lớn đơn vị là cấp xã.</translation>
    </message>
    <message>
      <source>A commune, ward or special zone: receptions, petitions, models and dialogues of the unit.</source>
      <translation>Xã, phường, đặc khu: ghi chép tiếp công dân, đơn thư, mô hình và đối thoại của đơn vị.</translation>
    </message>
    <message>
      <source>A province or city (or a district where that level still works) that receives the communes' data.</source>
      <translation>Tỉnh, thành phố (hoặc huyện nơi cấp huyện còn hoạt động) nhận dữ liệu do các xã, phường gửi lên.</translation>
    </message>
    <message>
      <source>District (if any):</source>
      <translation>Huyện (nếu có):</translation>
    </message>
    <message>
      <source>Leave empty for the province itself</source>
      <translation>Để trống nếu là chính tỉnh, thành phố</translation>
    </message>
    <message>
      <source>Nothing matches; check the spelling or type fewer words.</source>
      <translation>Không tìm thấy; kiểm tra lại chính tả hoặc gõ ít chữ hơn.</translation>
    </message>
    <message>
      <source>1 match</source>
      <translation>1 kết quả</translation>
    </message>
    <message>
      <source>{n} provinces and cities</source>
      <translation>{n} tỉnh, thành phố</translation>
    </message>
    <message>
      <source>{n} communes, wards and special zones</source>
      <translation>{n} xã, phường, đặc khu</translation>
    </message>
    <message>
      <source>Province or city</source>
      <translation>Tỉnh, thành phố</translation>
    </message>
    <message>
      <source>Pick the province or city of the unit (34 after the 2025 reorganisation).</source>
      <translation>Chọn tỉnh, thành phố của đơn vị (34 tỉnh, thành phố sau sắp xếp năm 2025).</translation>
    </message>
    <message>
      <source>Commune, ward or special zone</source>
      <translation>Xã, phường, đặc khu</translation>
    </message>
    <message>
      <source>Pick your unit in {province}.</source>
      <translation>Chọn đơn vị của bạn thuộc {province}.</translation>
    </message>
    <message>
      <source>&amp;Find by name:</source>
      <translation>&amp;Lọc theo tên:</translation>
    </message>
    <message>
      <source>Type part of the name — accents are optional, e.g. "ba dinh"</source>
      <translation>Gõ một phần tên, có dấu hay không dấu đều được, ví dụ "ba dinh"</translation>
    </message>
    <message>
      <source>The two passwords are not the same; type the password again.</source>
      <translation>Hai mật khẩu không giống nhau; hãy nhập lại mật khẩu.</translation>
    </message>
    <message>
      <source>First administrator account</source>
      <translation>Tài khoản quản trị đầu tiên</translation>
    </message>
    <message>
      <source>This account manages users and settings; add the officers' accounts later in Administration.</source>
      <translation>Tài khoản này quản lý người dùng và thiết lập; tài khoản cán bộ sẽ thêm sau trong mục Quản trị.</translation>
    </message>
    <message>
      <source>&amp;User name:</source>
      <translation>Tên đăng &amp;nhập:</translation>
    </message>
    <message>
      <source>&amp;Password:</source>
      <translation>&amp;Mật khẩu:</translation>
    </message>
    <message>
      <source>&amp;Confirm password:</source>
      <translation>Nhập &amp;lại mật khẩu:</translation>
    </message>
    <message>
      <source>e.g. quantri</source>
      <translation>ví dụ: quantri</translation>
    </message>
    <message>
      <source>Letters without accents, digits, dot, hyphen or underscore; 2 to 32 characters.</source>
      <translation>Chữ không dấu, số, dấu chấm, gạch ngang hoặc gạch dưới; từ 2 đến 32 ký tự.</translation>
    </message>
    <message>
      <source>At least {n} characters.</source>
      <translation>Ít nhất {n} ký tự.</translation>
    </message>
    <message>
      <source>Keep this password safe: for now it is the only account that can add users.</source>
      <translation>Hãy giữ kỹ mật khẩu này: hiện đây là tài khoản duy nhất có thể thêm người dùng.</translation>
    </message>
    <message>
      <source>Check and create</source>
      <translation>Kiểm tra và tạo dữ liệu</translation>
    </message>
    <message>
      <source>Press Finish to create the unit's data file. Go back to change anything.</source>
      <translation>Bấm Hoàn tất để tạo tệp dữ liệu của đơn vị. Muốn sửa thông tin nào, bấm Quay lại.</translation>
    </message>
    <message>
      <source>Level:</source>
      <translation>Cấp:</translation>
    </message>
    <message>
      <source>Unit:</source>
      <translation>Đơn vị:</translation>
    </message>
    <message>
      <source>Province or city:</source>
      <translation>Tỉnh, thành phố:</translation>
    </message>
    <message>
      <source>District:</source>
      <translation>Huyện:</translation>
    </message>
    <message>
      <source>Administrator:</source>
      <translation>Tài khoản quản trị:</translation>
    </message>
    <message>
      <source>Data file:</source>
      <translation>Tệp dữ liệu:</translation>
    </message>
    <message>
      <source>Everything is stored in this one file on this computer. Back it up regularly (Administration → Backups).</source>
      <translation>Toàn bộ dữ liệu được lưu trong tệp này trên máy tính. Hãy sao lưu thường xuyên (Quản trị → Sao lưu).</translation>
    </message>
    <message>
      <source>Set up the unit — Sổ Dân Vận</source>
      <translation>Thiết lập đơn vị — Sổ Dân Vận</translation>
    </message>
    <message>
      <source>&lt; &amp;Back</source>
      <translation>&lt; &amp;Quay lại</translation>
    </message>
    <message>
      <source>&amp;Next &gt;</source>
      <translation>&amp;Tiếp theo &gt;</translation>
    </message>
    <message>
      <source>&amp;Finish</source>
      <translation>&amp;Hoàn tất</translation>
    </message>
    <message>
      <source>Cancel</source>
      <translation>Hủy</translation>
    </message>
  </context>
  <context>
    <name>RestoreBackup</name>
    <message>
      <source>Restore from a backup</source>
      <translation>Khôi phục từ bản sao lưu</translation>
    </message>
    <message>
      <source>Log in with an account of the backup {name} (an administrator's, as it was on the old computer):</source>
      <translation>Đăng nhập bằng một tài khoản trong bản sao lưu {name} (tài khoản quản trị, như trên máy cũ):</translation>
    </message>
    <message>
      <source>&amp;Account:</source>
      <translation>&amp;Tài khoản:</translation>
    </message>
    <message>
      <source>&amp;Password:</source>
      <translation>&amp;Mật khẩu:</translation>
    </message>
    <message>
      <source>Restore</source>
      <translation>Khôi phục</translation>
    </message>
    <message>
      <source>Cancel</source>
      <translation>Hủy</translation>
    </message>
    <message>
      <source>Choose the backup</source>
      <translation>Chọn bản sao lưu</translation>
    </message>
    <message>
      <source>Sổ Dân Vận backup (*.db)</source>
      <translation>Bản sao lưu Sổ Dân Vận (*.db)</translation>
    </message>
    <message>
      <source>Checking the backup and putting it in place…</source>
      <translation>Đang kiểm tra bản sao lưu và đặt vào máy…</translation>
    </message>
    <message>
      <source>The backup's sync key file ({name}.keys) is not beside it. Restore the data all the same? An administrator then makes new sync keys (Sync → Make a new key…) and the upper level registers them.</source>
      <translation>Không thấy tệp khóa đồng bộ của bản sao lưu ({name}.keys) bên cạnh nó. Vẫn khôi phục dữ liệu? Sau đó quản trị viên tạo khóa đồng bộ mới (Đồng bộ → Tạo khóa mới…) để cấp trên đăng ký lại.</translation>
    </message>
    <message>
      <source>The backup is now this computer's data. Log in as before; the next bundle carries every record again. What was recorded after that backup is not in it.</source>
      <translation>Bản sao lưu đã thành dữ liệu của máy này. Đăng nhập như trước; lần gửi gói tới sẽ gửi lại toàn bộ dữ liệu. Những gì ghi sau lúc sao lưu không có trong bản này.</translation>
    </message>
  </context>
</TS>