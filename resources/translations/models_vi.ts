<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="vi_VN">
  <context>
    <name>DialogueForm</name>
    <message>
      <source>Dialogue of {date}</source>
      <translation>Buổi đối thoại ngày {date}</translation>
    </message>
    <message>
      <source>New dialogue</source>
      <translation>Thêm buổi đối thoại</translation>
    </message>
    <message>
      <source>e.g. Party Secretary, Chairman of the People's Committee</source>
      <translation>Ví dụ: Bí thư Đảng ủy, Chủ tịch UBND</translation>
    </message>
  </context>
  <context>
    <name>ModelForm</name>
    <message>
      <source>Model already registered?</source>
      <translation>Mô hình đã đăng ký?</translation>
    </message>
    <message>
      <source>A model named "{name}" is already registered for {year} ({owner}). Save this one as well?</source>
      <translation>Mô hình "{name}" đã được đăng ký năm {year} ({owner}). Vẫn lưu thêm mô hình này?</translation>
    </message>
    <message>
      <source>Go back and check</source>
      <translation>Quay lại kiểm tra</translation>
    </message>
    <message>
      <source>Save as another model</source>
      <translation>Lưu thành mô hình khác</translation>
    </message>
    <message>
      <source>"Dân vận khéo" model — {name}</source>
      <translation>Mô hình "Dân vận khéo" — {name}</translation>
    </message>
    <message>
      <source>Register a "Dân vận khéo" model</source>
      <translation>Đăng ký mô hình "Dân vận khéo"</translation>
    </message>
    <message>
      <source>General</source>
      <translation>Thông tin chung</translation>
    </message>
    <message>
      <source>Registration</source>
      <translation>Nội dung đăng ký</translation>
    </message>
    <message>
      <source>Evaluation</source>
      <translation>Đánh giá, công nhận</translation>
    </message>
    <message>
      <source>— choose —</source>
      <translation>— chọn —</translation>
    </message>
    <message>
      <source>e.g. typical model, commended</source>
      <translation>Ví dụ: mô hình tiêu biểu, được biểu dương</translation>
    </message>
  </context>
  <context>
    <name>ModelsScreen</name>
    <message>
      <source>"Dân vận khéo" models</source>
      <translation>Mô hình "Dân vận khéo"</translation>
    </message>
    <message>
      <source>All years</source>
      <translation>Tất cả các năm</translation>
    </message>
    <message>
      <source>Print the register…</source>
      <translation>In sổ…</translation>
    </message>
    <message>
      <source>Export to Excel…</source>
      <translation>Xuất Excel…</translation>
    </message>
    <message>
      <source>{n} models: {collective} collective, {individual} individual</source>
      <translation>{n} mô hình: {collective} tập thể, {individual} cá nhân</translation>
    </message>
    <message>
      <source>No model matches these filters — change or clear them.</source>
      <translation>Không có mô hình nào khớp với bộ lọc — hãy đổi hoặc xóa bộ lọc.</translation>
    </message>
    <message>
      <source>No models registered yet — press Register a model (Ctrl+N).</source>
      <translation>Chưa có mô hình nào — bấm Đăng ký mô hình (Ctrl+N).</translation>
    </message>
    <message>
      <source>No models registered for {year} — press Register a model (Ctrl+N), or choose another year.</source>
      <translation>Chưa có mô hình nào đăng ký năm {year} — bấm Đăng ký mô hình (Ctrl+N) hoặc chọn năm khác.</translation>
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
      <source>Delete model</source>
      <translation>Xóa mô hình</translation>
    </message>
    <message>
      <source>Delete the model "{name}"? It disappears from lists and reports; the audit log keeps the deletion and the upper level receives it with the next bundle.</source>
      <translation>Xóa mô hình "{name}"? Mô hình sẽ không còn trong danh sách và báo cáo; nhật ký vẫn ghi lại việc xóa và cấp trên sẽ nhận được thay đổi này trong gói dữ liệu tiếp theo.</translation>
    </message>
    <message>
      <source>Search: model name, owner, content…  (Ctrl+F)</source>
      <translation>Tìm: tên mô hình, đơn vị thực hiện, nội dung…  (Ctrl+F)</translation>
    </message>
    <message>
      <source>Year</source>
      <translation>Năm</translation>
    </message>
    <message>
      <source>Status</source>
      <translation>Trạng thái</translation>
    </message>
    <message>
      <source>Unit</source>
      <translation>Đơn vị</translation>
    </message>
    <message>
      <source>All units</source>
      <translation>Tất cả đơn vị</translation>
    </message>
    <message>
      <source>All</source>
      <translation>Tất cả</translation>
    </message>
    <message>
      <source>Clear filters</source>
      <translation>Xóa bộ lọc</translation>
    </message>
    <message>
      <source>+ Register a model  (Ctrl+N)</source>
      <translation>+ Đăng ký mô hình  (Ctrl+N)</translation>
    </message>
  </context>
</TS>