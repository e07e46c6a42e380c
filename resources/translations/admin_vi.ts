<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="vi_VN">
<context>
    <name>AdminScreen</name>
    <message>
        <source>Working out the legal deadlines again with the new days…</source>
        <translation>Đang tính lại thời hạn theo luật với các ngày mới…</translation>
    </message>
    <message>
        <source>Administration</source>
        <translation>Quản trị</translation>
    </message>
    <message>
        <source>Users</source>
        <translation>Người dùng</translation>
    </message>
    <message>
        <source>Unit</source>
        <translation>Đơn vị</translation>
    </message>
    <message>
        <source>Days off and make-up working days</source>
        <translation>Ngày nghỉ, ngày làm bù</translation>
    </message>
    <message>
        <source>Legal time limits</source>
        <translation>Thời hạn theo luật</translation>
    </message>
    <message>
        <source>Backup</source>
        <translation>Sao lưu</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Ngôn ngữ</translation>
    </message>
</context>
<context>
    <name>AdminTables</name>
    <message>
        <source>Disabled</source>
        <translation>Đã vô hiệu hóa</translation>
    </message>
    <message>
        <source>Locked until {time}</source>
        <translation>Bị khóa đến {time}</translation>
    </message>
    <message>
        <source>Active</source>
        <translation>Đang hoạt động</translation>
    </message>
    <message>
        <source>User name</source>
        <translation>Tên đăng nhập</translation>
    </message>
    <message>
        <source>Full name</source>
        <translation>Họ và tên</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>Vai trò</translation>
    </message>
    <message>
        <source>Last log-in</source>
        <translation>Đăng nhập lần cuối</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Trạng thái</translation>
    </message>
    <message>
        <source>Extra day off</source>
        <translation>Ngày nghỉ thêm</translation>
    </message>
    <message>
        <source>Make-up working day</source>
        <translation>Ngày làm bù</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>Ngày</translation>
    </message>
    <message>
        <source>Day of week</source>
        <translation>Thứ</translation>
    </message>
    <message>
        <source>Holiday</source>
        <translation>Ngày lễ, Tết</translation>
    </message>
    <message>
        <source>Make-up working day (government decision)</source>
        <translation>Ngày làm bù (theo quyết định của Chính phủ)</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Loại</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Ghi chú</translation>
    </message>
    <message>
        <source>{n} working days</source>
        <translation>{n} ngày làm việc</translation>
    </message>
    <message>
        <source>{n} days</source>
        <translation>{n} ngày</translation>
    </message>
    <message>
        <source>All kinds</source>
        <translation>Mọi loại đơn</translation>
    </message>
    <message>
        <source>In force from</source>
        <translation>Áp dụng từ</translation>
    </message>
    <message>
        <source>Time limit</source>
        <translation>Thời hạn</translation>
    </message>
    <message>
        <source>Applies to</source>
        <translation>Áp dụng cho</translation>
    </message>
    <message>
        <source>Length</source>
        <translation>Độ dài</translation>
    </message>
    <message>
        <source>Counted from</source>
        <translation>Tính từ</translation>
    </message>
    <message>
        <source>Checked</source>
        <translation>Đã đối chiếu</translation>
    </message>
    <message>
        <source>Yes</source>
        <translation>Có</translation>
    </message>
    <message>
        <source>Not yet checked</source>
        <translation>Chưa đối chiếu</translation>
    </message>
    <message>
        <source>Legal basis</source>
        <translation>Căn cứ pháp lý</translation>
    </message>
    <message>
        <source>Automatic, before a restore</source>
        <translation>Tự động, trước khi khôi phục</translation>
    </message>
    <message>
        <source>Automatic, before an upgrade</source>
        <translation>Tự động, trước khi nâng cấp</translation>
    </message>
    <message>
        <source>Backup</source>
        <translation>Sao lưu</translation>
    </message>
    <message>
        <source>{n} MB</source>
        <translation>{n} MB</translation>
    </message>
    <message>
        <source>{n} KB</source>
        <translation>{n} KB</translation>
    </message>
    <message>
        <source>Made at</source>
        <translation>Thời điểm sao lưu</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>Dung lượng</translation>
    </message>
    <message>
        <source>File</source>
        <translation>Tệp</translation>
    </message>
</context>
<context>
    <name>BackupsTab</name>
    <message>
        <source>Last backup</source>
        <translation>Lần sao lưu gần nhất</translation>
    </message>
    <message>
        <source>Backups folder</source>
        <translation>Thư mục sao lưu</translation>
    </message>
    <message>
        <source>Data file</source>
        <translation>Tệp dữ liệu</translation>
    </message>
    <message>
        <source>Open folder</source>
        <translation>Mở thư mục</translation>
    </message>
    <message>
        <source>Back up now</source>
        <translation>Sao lưu ngay</translation>
    </message>
    <message>
        <source>Back up to…</source>
        <translation>Sao lưu ra nơi khác…</translation>
    </message>
    <message>
        <source>A copy on a USB stick or another computer survives a broken disk; the backups folder does not.</source>
        <translation>Bản sao trên USB hoặc máy tính khác vẫn còn khi ổ đĩa hỏng; thư mục sao lưu trên máy này thì không.</translation>
    </message>
    <message>
        <source>Backups in the folder</source>
        <translation>Các bản sao lưu trong thư mục</translation>
    </message>
    <message>
        <source>Restore the selected backup…</source>
        <translation>Khôi phục bản đã chọn…</translation>
    </message>
    <message>
        <source>Restore from a file…</source>
        <translation>Khôi phục từ tệp khác…</translation>
    </message>
    <message>
        <source>Restoring replaces all current data; the current data is saved as a backup first. The program must be opened again afterwards.</source>
        <translation>Khôi phục sẽ thay toàn bộ dữ liệu hiện tại; dữ liệu hiện tại được tự động sao lưu trước. Sau khi khôi phục phải mở lại chương trình.</translation>
    </message>
    <message>
        <source>No backup yet — back up now, and then at least once a week.</source>
        <translation>Chưa có bản sao lưu nào — hãy sao lưu ngay, sau đó ít nhất mỗi tuần một lần.</translation>
    </message>
    <message>
        <source>{when} ({file})</source>
        <translation>{when} ({file})</translation>
    </message>
    <message>
        <source>more than a week ago; back up now.</source>
        <translation>đã hơn một tuần; hãy sao lưu ngay.</translation>
    </message>
    <message>
        <source>Backing up…</source>
        <translation>Đang sao lưu…</translation>
    </message>
    <message>
        <source>Backup</source>
        <translation>Sao lưu</translation>
    </message>
    <message>
        <source>Backed up to {file}.</source>
        <translation>Đã sao lưu ra {file}.</translation>
    </message>
    <message>
        <source>Back up to</source>
        <translation>Sao lưu ra</translation>
    </message>
    <message>
        <source>Sổ Dân Vận backup (*.db)</source>
        <translation>Bản sao lưu Sổ Dân Vận (*.db)</translation>
    </message>
    <message>
        <source>Restore from</source>
        <translation>Khôi phục từ</translation>
    </message>
    <message>
        <source>Restore data</source>
        <translation>Khôi phục dữ liệu</translation>
    </message>
    <message>
        <source>Replace ALL current data with the backup {file} (made {when})?</source>
        <translation>Thay TOÀN BỘ dữ liệu hiện tại bằng bản sao lưu {file} (sao lưu lúc {when})?</translation>
    </message>
    <message>
        <source>Everything recorded after that backup — receptions, petitions, models, accounts, settings — will no longer be in the book. The current data is first saved to the backups folder, so this can be undone by restoring that copy. Afterwards the program closes and must be opened again.</source>
        <translation>Mọi thứ ghi sau lần sao lưu đó — lượt tiếp, đơn thư, mô hình, tài khoản, thiết lập — sẽ không còn trong sổ. Dữ liệu hiện tại được lưu vào thư mục sao lưu trước, nên có thể hoàn lại bằng cách khôi phục bản đó. Sau đó chương trình đóng lại và phải mở lại.</translation>
    </message>
    <message>
        <source>Replace the data</source>
        <translation>Thay dữ liệu</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Hủy</translation>
    </message>
    <message>
        <source>Restoring…</source>
        <translation>Đang khôi phục…</translation>
    </message>
    <message>
        <source>The data was restored from {file}. The previous data was saved as {saved}.

The program will now close. Open it again to work with the restored data.</source>
        <translation>Đã khôi phục dữ liệu từ {file}. Dữ liệu trước đó được lưu thành {saved}.

Chương trình sẽ đóng lại bây giờ. Hãy mở lại để làm việc với dữ liệu đã khôi phục.</translation>
    </message>
</context>
<context>
    <name>CalendarTab</name>
    <message>
      <source>Day</source>
      <translation>Ngày</translation>
    </message>
    <message>
      <source>Kind of day</source>
      <translation>Loại ngày</translation>
    </message>
    <message>
        <source>Cancelled: the calendar was not changed.</source>
        <translation>Đã hủy: lịch làm việc không thay đổi.</translation>
    </message>
    <message>
        <source>Year</source>
        <translation>Năm</translation>
    </message>
    <message>
        <source>Legal time limits counted in working days skip weekends, the public holidays and the unit&apos;s extra days off; make-up working days count as working days.</source>
        <translation>Thời hạn tính theo ngày làm việc không tính thứ Bảy, Chủ nhật, ngày lễ, Tết và ngày nghỉ thêm của đơn vị; ngày làm bù được tính là ngày làm việc.</translation>
    </message>
    <message>
        <source>Public holidays (set by the State)</source>
        <translation>Ngày lễ, Tết (theo quy định của Nhà nước)</translation>
    </message>
    <message>
        <source>Built into the program; read-only. For a year whose days off the State has not announced yet, this is the usual pattern — if the announcement differs, enter the difference on the right as the unit&apos;s own days.</source>
        <translation>Có sẵn trong chương trình; không sửa được. Năm Nhà nước chưa công bố lịch nghỉ thì đây là lịch theo lệ thường — nếu lịch công bố khác, hãy nhập phần khác vào danh sách của đơn vị ở bên phải.</translation>
    </message>
    <message>
        <source>The unit&apos;s extra days off and make-up working days</source>
        <translation>Ngày nghỉ thêm và ngày làm bù của đơn vị</translation>
    </message>
    <message>
        <source>Note (e.g. the decision that set it)</source>
        <translation>Ghi chú (ví dụ: văn bản quyết định)</translation>
    </message>
    <message>
        <source>Add</source>
        <translation>Thêm</translation>
    </message>
    <message>
        <source>Remove selected day</source>
        <translation>Bỏ ngày đã chọn</translation>
    </message>
    <message>
        <source>No extra days off or make-up working days in {year}.</source>
        <translation>Năm {year} chưa có ngày nghỉ thêm hay ngày làm bù nào.</translation>
    </message>
    <message>
        <source>The due dates of {n} record(s) moved.</source>
        <translation>Hạn của {n} hồ sơ đã thay đổi.</translation>
    </message>
    <message>
        <source>No due date changed.</source>
        <translation>Không có hạn nào thay đổi.</translation>
    </message>
    <message>
        <source>{day} added ({kind}).</source>
        <translation>Đã thêm {day} ({kind}).</translation>
    </message>
    <message>
        <source>Remove a day</source>
        <translation>Bỏ một ngày</translation>
    </message>
    <message>
        <source>Remove {day} ({kind}) from the unit&apos;s calendar? Due dates are counted again.</source>
        <translation>Bỏ ngày {day} ({kind}) khỏi lịch của đơn vị? Hạn của các đơn sẽ được tính lại.</translation>
    </message>
    <message>
        <source>{day} is an ordinary day again.</source>
        <translation>Ngày {day} trở lại là ngày bình thường.</translation>
    </message>
</context>
<context>
    <name>LanguageTab</name>
    <message>
        <source>Interface language</source>
        <translation>Ngôn ngữ giao diện</translation>
    </message>
    <message>
        <source>Applies at once to every screen, without restarting. Records, prints and reports keep their Vietnamese content.</source>
        <translation>Áp dụng ngay cho mọi màn hình, không cần mở lại chương trình. Hồ sơ, bản in và báo cáo vẫn giữ nội dung tiếng Việt.</translation>
    </message>
</context>
<context>
    <name>RulesTab</name>
    <message>
        <source>Rules</source>
        <translation>Bộ quy định</translation>
    </message>
    <message>
        <source>from {date}: {title}</source>
        <translation>từ {date}: {title}</translation>
    </message>
    <message>
        <source>(in force today)</source>
        <translation>(đang áp dụng)</translation>
    </message>
    <message>
        <source>(planned)</source>
        <translation>(sắp áp dụng)</translation>
    </message>
    <message>
        <source>All versions</source>
        <translation>Tất cả các phiên bản</translation>
    </message>
    <message>
        <source>Deadlines are counted with the version in force on the day the petition was received. Rules marked &quot;Not yet checked&quot; have not been compared with the text of the law: check them before relying on them.</source>
        <translation>Hạn được tính theo phiên bản đang áp dụng vào ngày nhận đơn. Các quy định ghi &quot;Chưa đối chiếu&quot; chưa được so với văn bản luật: hãy kiểm tra trước khi dựa vào.</translation>
    </message>
    <message>
        <source>This version has not been checked against the published law yet.</source>
        <translation>Phiên bản này chưa được đối chiếu với văn bản luật đã công bố.</translation>
    </message>
    <message>
        <source>{n} of {total} rules not yet checked.</source>
        <translation>{n}/{total} quy định chưa đối chiếu.</translation>
    </message>
    <message>
        <source>Select a rule to read its note.</source>
        <translation>Chọn một quy định để xem ghi chú.</translation>
    </message>
</context>
<context>
    <name>UnitTab</name>
    <message>
        <source>e.g. BAN DÂN VẬN …</source>
        <translation>ví dụ: BAN DÂN VẬN …</translation>
    </message>
    <message>
        <source>e.g. TỈNH ỦY …</source>
        <translation>ví dụ: TỈNH ỦY …</translation>
    </message>
    <message>
        <source>e.g. Ban Dân vận Trung ương</source>
        <translation>ví dụ: Ban Dân vận Trung ương</translation>
    </message>
    <message>
        <source>Cancelled: the day replies are followed from was not changed.</source>
        <translation>Đã hủy: ngày bắt đầu theo dõi việc trả lời công dân không thay đổi.</translation>
    </message>
    <message>
        <source>The unit (set when the data file was created)</source>
        <translation>Đơn vị (xác định khi tạo tệp dữ liệu)</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>Thiết lập</translation>
    </message>
    <message>
        <source>Unit</source>
        <translation>Đơn vị</translation>
    </message>
    <message>
        <source>Unit code</source>
        <translation>Mã đơn vị</translation>
    </message>
    <message>
        <source>Level</source>
        <translation>Cấp</translation>
    </message>
    <message>
        <source>Province / city</source>
        <translation>Tỉnh / thành phố</translation>
    </message>
    <message>
        <source>District</source>
        <translation>Huyện</translation>
    </message>
    <message>
        <source>The unit cannot be changed here: each data file belongs to one unit.</source>
        <translation>Không đổi đơn vị ở đây được: mỗi tệp dữ liệu thuộc về một đơn vị.</translation>
    </message>
    <message>
        <source>Report cut-off day</source>
        <translation>Ngày chốt số liệu báo cáo</translation>
    </message>
    <message>
        <source>Upper unit (receives the reports)</source>
        <translation>Đơn vị cấp trên (nhận báo cáo)</translation>
    </message>
    <message>
        <source>Upper unit code</source>
        <translation>Mã đơn vị cấp trên</translation>
    </message>
    <message>
        <source>Letterhead, line 1 (governing body)</source>
        <translation>Tiêu đề văn bản, dòng 1 (cơ quan chủ quản)</translation>
    </message>
    <message>
        <source>Letterhead, line 2 (issuing body)</source>
        <translation>Tiêu đề văn bản, dòng 2 (cơ quan ban hành)</translation>
    </message>
    <message>
        <source>Choose a day from 01/07/2014 (the Law on Citizen Reception) to today, or leave it empty for the day the data file was created.</source>
        <translation>Chọn một ngày từ 01/07/2014 (Luật Tiếp công dân có hiệu lực) đến hôm nay, hoặc để trống để tính từ ngày lập tệp dữ liệu.</translation>
    </message>
    <message>
        <source>Saved. The deadlines of {n} record(s) were worked out again; {late} reception(s) now late with their reply.</source>
        <translation>Đã lưu. Đã tính lại thời hạn của {n} hồ sơ; hiện có {late} lượt tiếp quá hạn trả lời.</translation>
    </message>
    <message>
        <source>Follow reply deadlines from</source>
        <translation>Theo dõi hạn trả lời công dân từ ngày</translation>
    </message>
    <message>
        <source>Receptions (and petitions) from this day owe the citizen a reply within 10 working days (Reception Law, Art. 28), shown on the form, the list and the dashboard when late. Earlier ones — an old book, an Excel book imported — are not followed, since no reply date was recorded for them. Normally the day the data file was created ({day}).</source>
        <translation>Lượt tiếp (và đơn thư) từ ngày này phải trả lời, thông báo cho công dân trong 10 ngày làm việc (Luật Tiếp công dân, Điều 28); hồ sơ quá hạn được báo trên phiếu, danh sách và trang Tổng quan. Hồ sơ trước đó — sổ cũ, sổ Excel đã nhập vào — không được theo dõi hạn này, vì chưa ghi ngày trả lời. Thường là ngày lập tệp dữ liệu ({day}).</translation>
    </message>
    <message>
        <source>e.g. Ban Tiếp công dân tỉnh …</source>
        <translation>ví dụ: Ban Tiếp công dân tỉnh …</translation>
    </message>
    <message>
        <source>province, e.g. 01</source>
        <translation>mã tỉnh, vd. 01</translation>
    </message>
    <message>
        <source>e.g. ỦY BAN NHÂN DÂN TỈNH …</source>
        <translation>ví dụ: ỦY BAN NHÂN DÂN TỈNH …</translation>
    </message>
    <message>
        <source>e.g. ỦY BAN NHÂN DÂN XÃ …</source>
        <translation>ví dụ: ỦY BAN NHÂN DÂN XÃ …</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>Lưu</translation>
    </message>
    <message>
        <source>Undo changes</source>
        <translation>Hoàn tác</translation>
    </message>
    <message>
        <source>A statistical period runs from day {n} of the previous month to day {m} of the month.</source>
        <translation>Kỳ số liệu tính từ ngày {n} tháng trước đến ngày {m} tháng này.</translation>
    </message>
    <message>
        <source>A statistical period is a calendar month.</source>
        <translation>Kỳ số liệu là một tháng dương lịch.</translation>
    </message>
    <message>
        <source>Enter the upper unit&apos;s name.</source>
        <translation>Hãy nhập tên đơn vị cấp trên.</translation>
    </message>
    <message>
        <source>No province has this code: enter the code of the province that receives the reports (Hà Nội = 01), or leave it empty. A legacy district goes in the name.</source>
        <translation>Không có tỉnh, thành phố nào mang mã này: nhập mã tỉnh, thành phố nhận báo cáo (Hà Nội = 01), hoặc để trống. Cấp huyện cũ còn hoạt động thì ghi vào ô tên.</translation>
    </message>
    <message>
        <source>Saved.</source>
        <translation>Đã lưu.</translation>
    </message>
</context>
<context>
    <name>UserDialog</name>
    <message>
        <source>Your password</source>
        <translation>Mật khẩu của bạn</translation>
    </message>
    <message>
        <source>Your own password, so that this account keeps its access to the sync keys (it needs to be given again otherwise).</source>
        <translation>Mật khẩu của chính bạn, để tài khoản này giữ quyền mở khóa đồng bộ (nếu để trống, phải cấp lại quyền đó sau).</translation>
    </message>
    <message>
        <source>User name</source>
        <translation>Tên đăng nhập</translation>
    </message>
    <message>
        <source>Full name</source>
        <translation>Họ và tên</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>Vai trò</translation>
    </message>
    <message>
        <source>Account</source>
        <translation>Tài khoản</translation>
    </message>
    <message>
        <source>Current password</source>
        <translation>Mật khẩu hiện tại</translation>
    </message>
    <message>
        <source>New password</source>
        <translation>Mật khẩu mới</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>Mật khẩu</translation>
    </message>
    <message>
        <source>Repeat the password</source>
        <translation>Nhập lại mật khẩu</translation>
    </message>
    <message>
        <source>e.g. nguyen.an (no diacritics or spaces)</source>
        <translation>ví dụ: nguyen.an (không dấu, không khoảng trắng)</translation>
    </message>
    <message>
        <source>At least {n} characters.</source>
        <translation>Ít nhất {n} ký tự.</translation>
    </message>
    <message>
        <source>At least {n} characters. The person can change it after logging in, with &quot;Change my password…&quot; on this screen.</source>
        <translation>Ít nhất {n} ký tự. Sau khi đăng nhập, người dùng có thể tự đổi bằng nút &quot;Đổi mật khẩu của tôi…&quot; trên màn hình này.</translation>
    </message>
    <message>
        <source>Add an account</source>
        <translation>Thêm tài khoản</translation>
    </message>
    <message>
        <source>Add account</source>
        <translation>Thêm tài khoản</translation>
    </message>
    <message>
        <source>Reset password of {user}</source>
        <translation>Đặt lại mật khẩu của {user}</translation>
    </message>
    <message>
        <source>Set new password</source>
        <translation>Đặt mật khẩu mới</translation>
    </message>
    <message>
        <source>Change my password</source>
        <translation>Đổi mật khẩu của tôi</translation>
    </message>
    <message>
        <source>Change password</source>
        <translation>Đổi mật khẩu</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Hủy</translation>
    </message>
    <message>
        <source>The two passwords are not the same.</source>
        <translation>Hai mật khẩu không giống nhau.</translation>
    </message>
    <message>
        <source>Set a new password for {user}? The old password stops working at once.</source>
        <translation>Đặt mật khẩu mới cho {user}? Mật khẩu cũ sẽ không dùng được nữa.</translation>
    </message>
</context>
<context>
    <name>UsersTab</name>
    <message>
        <source>Change role…</source>
        <translation>Đổi vai trò…</translation>
    </message>
    <message>
        <source>Enable account</source>
        <translation>Mở lại tài khoản</translation>
    </message>
    <message>
        <source>Disable account…</source>
        <translation>Khóa tài khoản…</translation>
    </message>
    <message>
        <source>Disable account</source>
        <translation>Khóa tài khoản</translation>
    </message>
    <message>
        <source>Disable the account {name}? It can no longer log in, and it loses the key to the protected data and to sync. Its records and its entries in the log stay.</source>
        <translation>Khóa tài khoản {name}? Tài khoản này sẽ không đăng nhập được nữa và mất khóa mở dữ liệu bảo mật, khóa đồng bộ. Các bản ghi và nhật ký của tài khoản vẫn giữ nguyên.</translation>
    </message>
    <message>
        <source>Disable</source>
        <translation>Khóa</translation>
    </message>
    <message>
        <source>Change role</source>
        <translation>Đổi vai trò</translation>
    </message>
    <message>
        <source>Role of {name}:</source>
        <translation>Vai trò của {name}:</translation>
    </message>
    <message>
        <source>Add account…</source>
        <translation>Thêm tài khoản…</translation>
    </message>
    <message>
        <source>Reset password…</source>
        <translation>Đặt lại mật khẩu…</translation>
    </message>
    <message>
        <source>Change my password…</source>
        <translation>Đổi mật khẩu của tôi…</translation>
    </message>
    <message>
        <source>You can still change your own password.</source>
        <translation>Bạn vẫn có thể đổi mật khẩu của chính mình.</translation>
    </message>
</context>
</TS>
