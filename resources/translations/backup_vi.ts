<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="vi_VN">
  <context>
    <name>AutoBackup</name>
    <message>
      <source>Backup</source>
      <translation>Sao lưu</translation>
    </message>
    <message>
      <source>Automatic backup made: {file}</source>
      <translation>Đã tự động sao lưu: {file}</translation>
    </message>
    <message>
      <source>Automatic backup</source>
      <translation>Sao lưu tự động</translation>
    </message>
    <message>
      <source>Backing up before closing…</source>
      <translation>Đang sao lưu trước khi đóng…</translation>
    </message>
  </context>
  <context>
    <name>BackupsModel</name>
    <message>
      <source>Automatic</source>
      <translation>Tự động</translation>
    </message>
    <message>
      <source>Made by hand</source>
      <translation>Thủ công</translation>
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
      <source>Automatic, before importing bundles</source>
      <translation>Tự động, trước khi nhập gói đồng bộ</translation>
    </message>
    <message>
      <source>Checking…</source>
      <translation>Đang kiểm tra…</translation>
    </message>
    <message>
      <source>Good</source>
      <translation>Tốt</translation>
    </message>
    <message>
      <source>Damaged — do not use</source>
      <translation>Hỏng — không dùng</translation>
    </message>
    <message>
      <source>Made at</source>
      <translation>Thời điểm sao lưu</translation>
    </message>
    <message>
      <source>Kind</source>
      <translation>Loại</translation>
    </message>
    <message>
      <source>Size</source>
      <translation>Dung lượng</translation>
    </message>
    <message>
      <source>Records</source>
      <translation>Số hồ sơ</translation>
    </message>
    <message>
      <source>Check</source>
      <translation>Kiểm tra</translation>
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
      <source>Automatic backups</source>
      <translation>Sao lưu tự động</translation>
    </message>
    <message>
      <source>When the program closes and once a day. The newest of each of the last 7 days and of each of the last 4 weeks are kept; backups made by hand are never removed.</source>
      <translation>Khi đóng chương trình và mỗi ngày một lần. Giữ bản mới nhất của mỗi ngày trong 7 ngày gần nhất và của mỗi tuần trong 4 tuần gần nhất; bản sao lưu thủ công không bao giờ bị xóa.</translation>
    </message>
    <message>
      <source>Backups folder</source>
      <translation>Thư mục sao lưu</translation>
    </message>
    <message>
      <source>Second copy</source>
      <translation>Bản sao thứ hai</translation>
    </message>
    <message>
      <source>Choose folder…</source>
      <translation>Chọn thư mục…</translation>
    </message>
    <message>
      <source>Turn off</source>
      <translation>Tắt</translation>
    </message>
    <message>
      <source>A USB drive or another disk: each backup is copied there too, and read back before it counts.</source>
      <translation>Ổ USB hoặc ổ đĩa khác: mỗi bản sao lưu cũng được chép sang đó và đọc lại để đối chiếu trước khi coi là xong.</translation>
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
      <source>{folder} — not found now (a USB drive not plugged in?): plug it in before the next backup, or no copy is made there.</source>
      <translation>{folder} — hiện không tìm thấy (ổ USB chưa cắm?): hãy cắm ổ trước lần sao lưu tới, nếu không sẽ không có bản sao ở đó.</translation>
    </message>
    <message>
      <source>{folder} — looking at the folder…</source>
      <translation>{folder} — đang xem thư mục…</translation>
    </message>
    <message>
      <source>last copy there {when}</source>
      <translation>bản sao gần nhất ở đó: {when}</translation>
    </message>
    <message>
      <source>no copy there yet — the next backup makes one</source>
      <translation>chưa có bản sao nào ở đó — lần sao lưu tới sẽ chép vào</translation>
    </message>
    <message>
      <source>Today&apos;s was made at {time}; the next one when the program closes.</source>
      <translation>Hôm nay đã sao lưu tự động lúc {time}; lần tới: khi đóng chương trình.</translation>
    </message>
    <message>
      <source>Today&apos;s has not been made yet: it is made shortly after the program starts (within half an hour if it was left open overnight), and again when it closes.</source>
      <translation>Hôm nay chưa sao lưu tự động: chương trình sẽ sao lưu ngay sau khi mở (trong vòng nửa giờ nếu máy để mở qua đêm), và lại sao lưu khi đóng.</translation>
    </message>
    <message>
      <source>None — choose a USB drive or another disk to keep a copy of every backup away from this one.</source>
      <translation>Chưa đặt — hãy chọn ổ USB hoặc ổ đĩa khác để giữ một bản của mỗi lần sao lưu ở nơi khác ổ đĩa này.</translation>
    </message>
    <message>
      <source>No backup yet — ask an officer or the administrator to back up now.</source>
      <translation>Chưa có bản sao lưu nào — hãy nhờ cán bộ hoặc quản trị viên sao lưu ngay.</translation>
    </message>
    <message>
      <source>more than a week ago; ask an officer or the administrator to back up.</source>
      <translation>đã hơn một tuần; hãy nhờ cán bộ hoặc quản trị viên sao lưu.</translation>
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
      <source>Second folder for backups</source>
      <translation>Thư mục thứ hai để sao lưu</translation>
    </message>
    <message>
      <source>Backing up…</source>
      <translation>Đang sao lưu…</translation>
    </message>
    <message>
      <source>Backed up to {file}.</source>
      <translation>Đã sao lưu ra {file}.</translation>
    </message>
    <message>
      <source>A copy is in {file}.</source>
      <translation>Một bản sao nữa ở {file}.</translation>
    </message>
    <message>
      <source>Backup</source>
      <translation>Sao lưu</translation>
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
      <source>These accounts go back to how they were in the backup (a new password, role or account made since is undone): {names}.</source>
      <translation>Các tài khoản sau trở về như trong bản sao lưu (mật khẩu, vai trò mới hoặc tài khoản tạo sau đó sẽ mất): {names}.</translation>
    </message>
    <message>
      <source>The backup holds {records} records of {unit}; the book holds {current} now.</source>
      <translation>Bản sao lưu có {records} hồ sơ của {unit}; sổ hiện có {current} hồ sơ.</translation>
    </message>
    <message>
      <source>Checking the backup…</source>
      <translation>Đang kiểm tra bản sao lưu…</translation>
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
    <name>StartCheck</name>
    <message>
      <source>Checking the data file…</source>
      <translation>Đang kiểm tra tệp dữ liệu…</translation>
    </message>
    <message>
      <source>Damaged data file</source>
      <translation>Tệp dữ liệu bị hỏng</translation>
    </message>
    <message>
      <source>The data file {file} is damaged. It has not been opened, and nothing has been written to it.</source>
      <translation>Tệp dữ liệu {file} bị hỏng. Chương trình chưa mở tệp này và không ghi gì vào đó.</translation>
    </message>
    <message>
      <source>No good backup was found in {folder}. Copy the data file somewhere safe and call a technician; a backup kept on a USB drive can be restored with the command: danvan --db "{file}" restore BACKUP_FILE</source>
      <translation>Không tìm thấy bản sao lưu tốt nào trong {folder}. Hãy chép tệp dữ liệu sang nơi an toàn và báo cán bộ kỹ thuật; bản sao lưu cất trên USB có thể khôi phục bằng lệnh: danvan --db "{file}" restore TỆP_SAO_LƯU</translation>
    </message>
    <message>
      <source>Quit</source>
      <translation>Thoát</translation>
    </message>
    <message>
      <source>The newest good backup is {name}, made {when}, with {n} records. Restore it? The damaged file is kept beside it as {damaged}-…, and anything recorded after that backup will not be in the restored data.</source>
      <translation>Bản sao lưu tốt mới nhất là {name}, lập lúc {when}, có {n} hồ sơ. Khôi phục bản này? Tệp hỏng được giữ lại bên cạnh với tên {damaged}-…; những gì ghi sau lần sao lưu đó sẽ không có trong dữ liệu khôi phục.</translation>
    </message>
    <message>
      <source>Restore this backup</source>
      <translation>Khôi phục bản này</translation>
    </message>
    <message>
      <source>Restoring…</source>
      <translation>Đang khôi phục…</translation>
    </message>
    <message>
      <source>The data was restored from {name}. The damaged file is kept as {damaged}. Log in to go on.</source>
      <translation>Đã khôi phục dữ liệu từ {name}. Tệp hỏng được giữ lại với tên {damaged}. Hãy đăng nhập để làm tiếp.</translation>
    </message>
  </context>
</TS>