<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="vi_VN">
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
  </context>
  <context>
    <name>RecordForm</name>
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
  </context>
<context>
    <name>Format</name>
    <message>
        <source>[Confidential]</source>
        <translation>[Bảo mật]</translation>
    </message>
</context>
</TS>