<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="vi_VN">
  <context>
    <name>RecoveryKeyDialog</name>
    <message>
      <source>Recovery key — Sổ Dân Vận</source>
      <translation>Khóa khôi phục — Sổ Dân Vận</translation>
    </message>
    <message>
      <source>ID numbers and denouncers' identities are stored encrypted. If every administrator password is forgotten, this recovery key is the only way to open them again.

Print it or copy it onto paper now and keep it locked away, apart from this computer. It is shown only this once and is not saved anywhere.</source>
      <translation>Số định danh cá nhân và danh tính người tố cáo được lưu ở dạng mã hóa. Nếu quên hết mật khẩu của quản trị, khóa khôi phục này là cách duy nhất để mở lại.

Hãy in hoặc chép khóa ra giấy ngay bây giờ và cất giữ ở nơi an toàn, tách khỏi máy tính này. Khóa chỉ hiện một lần này và không được lưu ở đâu cả.</translation>
    </message>
    <message>
      <source>&amp;Copy</source>
      <translation>&amp;Sao chép</translation>
    </message>
    <message>
      <source>&amp;Print…</source>
      <translation>&amp;In…</translation>
    </message>
    <message>
      <source>I have printed or written down the recovery key and put it in a safe place</source>
      <translation>Tôi đã in hoặc chép khóa khôi phục và cất ở nơi an toàn</translation>
    </message>
    <message>
      <source>Continue</source>
      <translation>Tiếp tục</translation>
    </message>
    <message>
      <source>Sổ Dân Vận — recovery key</source>
      <translation>Sổ Dân Vận — khóa khôi phục</translation>
    </message>
    <message>
      <source>Keep this sheet locked away. To use it: danvan recovery-key use ADMIN-NAME, or ask the district IT staff.</source>
      <translation>Cất giữ tờ này ở nơi an toàn. Cách dùng: danvan recovery-key use TÊN-QUẢN-TRỊ, hoặc nhờ cán bộ công nghệ thông tin cấp trên.</translation>
    </message>
  </context>
</TS>