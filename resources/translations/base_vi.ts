<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="vi_VN">
  <context>
    <name>Accessibility</name>
    <message>
      <source>required</source>
      <translation>bắt buộc</translation>
    </message>
  </context>
  <context>
    <name>RecordTable</name>
    <message>
      <source>{value} — overdue</source>
      <translation>{value} — quá hạn</translation>
    </message>
  </context>
  <context>
    <name>ColumnFit</name>
    <message>
      <source>Reset column widths</source>
      <translation>Đặt lại độ rộng cột</translation>
    </message>
  </context>
  <context>
    <name>DuplicatesDialog</name>
    <message>
      <source>same ID number</source>
      <translation>cùng số định danh</translation>
    </message>
    <message>
      <source>same name</source>
      <translation>cùng họ tên</translation>
    </message>
    <message>
      <source>Earlier records of this person</source>
      <translation>Các hồ sơ trước của người này</translation>
    </message>
    <message>
      <source>Double-click a record to open it.</source>
      <translation>Bấm đúp vào một dòng để mở hồ sơ.</translation>
    </message>
    <message>
      <source>ID {number}</source>
      <translation>số định danh {number}</translation>
    </message>
  </context>
  <context>
    <name>ParentPetitionDialog</name>
    <message>
      <source>Mark as a duplicate</source>
      <translation>Ghi là đơn trùng</translation>
    </message>
    <message>
      <source>Which earlier petition does this one repeat? A duplicate is filed with it: it has no deadline of its own and is not counted as a new case.</source>
      <translation>Đơn này lặp lại đơn nào trước đó? Đơn trùng được lưu cùng đơn đó: không có thời hạn riêng và không tính là vụ việc mới.</translation>
    </message>
    <message>
      <source>Which earlier petition does this one repeat? No earlier petition of these petitioners was found: type its case number.</source>
      <translation>Đơn này lặp lại đơn nào trước đó? Không tìm thấy đơn trước của người gửi này: hãy nhập số hồ sơ của đơn đó.</translation>
    </message>
    <message>
      <source>&amp;Case number:</source>
      <translation>&amp;Số hồ sơ:</translation>
    </message>
    <message>
      <source>e.g. 00004-2026-12</source>
      <translation>ví dụ 00004-2026-12</translation>
    </message>
    <message>
      <source>No petition has the case number {case_no}.</source>
      <translation>Không có đơn nào mang số hồ sơ {case_no}.</translation>
    </message>
    <message>
      <source>Choose the earlier petition, or type its case number.</source>
      <translation>Hãy chọn đơn trước đó, hoặc nhập số hồ sơ của đơn đó.</translation>
    </message>
  </context>
  <context>
    <name>InstanceLock</name>
    <message>
      <source>Already open</source>
      <translation>Đang mở ở cửa sổ khác</translation>
    </message>
    <message>
      <source>Sổ Dân Vận already has this data file open in another window{where}.</source>
      <translation>Sổ Dân Vận đang mở tệp dữ liệu này ở một cửa sổ khác{where}.</translation>
    </message>
    <message>
      <source> (on the computer {host})</source>
      <translation> (trên máy {host})</translation>
    </message>
    <message>
      <source>Use that window: two windows on one file can save over each other's changes. Open it here only if you are sure that window is closed.</source>
      <translation>Hãy dùng cửa sổ đó: hai cửa sổ cùng mở một tệp có thể lưu đè lên thay đổi của nhau. Chỉ mở ở đây nếu bạn chắc chắn cửa sổ kia đã đóng.</translation>
    </message>
    <message>
      <source>Open here anyway</source>
      <translation>Vẫn mở ở đây</translation>
    </message>
    <message>
      <source>Quit</source>
      <translation>Thoát</translation>
    </message>
  </context>
  <context>
    <name>RecordForm</name>
    <message>
      <source>Not saved.</source>
      <translation>Chưa lưu.</translation>
    </message>
    <message>
      <source>Changed elsewhere</source>
      <translation>Đã có thay đổi ở nơi khác</translation>
    </message>
    <message>
      <source>Open the latest version (drop what I typed)</source>
      <translation>Mở bản mới nhất (bỏ những gì tôi vừa gõ)</translation>
    </message>
    <message>
      <source>Close the form (drop what I typed)</source>
      <translation>Đóng biểu mẫu (bỏ những gì tôi vừa gõ)</translation>
    </message>
    <message>
      <source>Back to the form</source>
      <translation>Quay lại biểu mẫu</translation>
    </message>
    <message>
      <source>Possible earlier records of this person: {n} ({dates})</source>
      <translation>Công dân này có thể đã có {n} hồ sơ trước ({dates})</translation>
    </message>
    <message>
      <source>Possible duplicates</source>
      <translation>Có thể trùng</translation>
    </message>
    <message>
      <source>This person may already have {n} record(s). Check before saving a new one.</source>
      <translation>Người này có thể đã có {n} hồ sơ. Hãy kiểm tra trước khi lưu hồ sơ mới.</translation>
    </message>
    <message>
      <source>Save anyway</source>
      <translation>Vẫn lưu</translation>
    </message>
    <message>
      <source>Go back and check</source>
      <translation>Quay lại kiểm tra</translation>
    </message>
    <message>
      <source>Unsaved changes</source>
      <translation>Thay đổi chưa lưu</translation>
    </message>
    <message>
      <source>This form has changes that are not saved.</source>
      <translation>Biểu mẫu này có thay đổi chưa được lưu.</translation>
    </message>
    <message>
      <source>Save</source>
      <translation>Lưu</translation>
    </message>
    <message>
      <source>Discard changes</source>
      <translation>Bỏ thay đổi</translation>
    </message>
    <message>
      <source>Keep editing</source>
      <translation>Tiếp tục sửa</translation>
    </message>
    <message>
      <source>Save (Ctrl+S)</source>
      <translation>Lưu (Ctrl+S)</translation>
    </message>
    <message>
      <source>Save and add new (Ctrl+Shift+S)</source>
      <translation>Lưu và thêm mới (Ctrl+Shift+S)</translation>
    </message>
    <message>
      <source>Close</source>
      <translation>Đóng</translation>
    </message>
    <message>
      <source>View</source>
      <translation>Xem</translation>
    </message>
    <message>
      <source>Check before saving</source>
      <translation>Kiểm tra trước khi lưu</translation>
    </message>
    <message>
      <source>Please check:</source>
      <translation>Xin xem lại:</translation>
    </message>
    <message>
      <source>Go back and edit</source>
      <translation>Quay lại sửa</translation>
    </message>
    <message>
      <source>ID {number}</source>
      <translation>số định danh {number}</translation>
    </message>
  </context>
<context>
    <name>Format</name>
    <message>
        <source>[Confidential]</source>
        <translation>[Bảo mật]</translation>
    </message>
</context>
</TS>