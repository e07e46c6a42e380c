<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="vi_VN">
  <context>
    <name>DashboardScreen</name>
    <message>
      <source>Communes with the most late records (today)</source>
      <translation>Xã, phường có nhiều hồ sơ quá hạn nhất (tính đến hôm nay)</translation>
    </message>
    <message>
      <source>No commune has a late record today.</source>
      <translation>Hôm nay không xã, phường nào có hồ sơ quá hạn.</translation>
    </message>
    <message>
      <source>{unit}: {petitions} overdue petitions, {receptions} receptions not answered in time, {commitments} dialogues with late commitments</source>
      <translation>{unit}: {petitions} đơn quá hạn, {receptions} lượt tiếp quá hạn trả lời, {commitments} cuộc đối thoại có cam kết quá hạn</translation>
    </message>
    <message>
      <source>Overview</source>
      <translation>Tổng quan</translation>
    </message>
    <message>
      <source>Statistical period: {period} ({start} – {end})</source>
      <translation>Kỳ thống kê: {period} ({start} – {end})</translation>
    </message>
    <message>
      <source>{n} overdue</source>
      <translation>{n} đơn quá hạn</translation>
    </message>
    <message>
      <source>{n} due within 7 days</source>
      <translation>{n} đơn đến hạn trong 7 ngày tới</translation>
    </message>
    <message>
      <source>listed: the {n} longest overdue.</source>
      <translation>danh sách chỉ hiện {n} đơn quá hạn lâu nhất.</translation>
    </message>
    <message>
      <source>{n} receptions not answered in time</source>
      <translation>{n} lượt tiếp quá hạn trả lời công dân</translation>
    </message>
    <message>
      <source>Dialogues: {open} with commitments not yet followed up, {late} past their deadline</source>
      <translation>Đối thoại: {open} buổi có cam kết chưa có kết quả, {late} buổi đã quá hạn</translation>
    </message>
    <message>
      <source>Dialogues: {open} with commitments not yet followed up</source>
      <translation>Đối thoại: {open} buổi có cam kết chưa có kết quả</translation>
    </message>
    <message>
      <source>All overdue petitions</source>
      <translation>Xem tất cả đơn quá hạn</translation>
    </message>
    <message>
      <source>{month}: {n} receptions ({start} – {end})</source>
      <translation>Tháng {month}: {n} lượt tiếp ({start} – {end})</translation>
    </message>
    <message>
      <source>Models of {year} by status — {parts}</source>
      <translation>Mô hình năm {year} theo trạng thái — {parts}</translation>
    </message>
    <message>
      <source>No model registered in {year}.</source>
      <translation>Chưa có mô hình nào đăng ký năm {year}.</translation>
    </message>
    <message>
      <source>Citizen receptions</source>
      <translation>Lượt tiếp công dân</translation>
    </message>
    <message>
      <source>in this period</source>
      <translation>trong kỳ</translation>
    </message>
    <message>
      <source>Petitions received</source>
      <translation>Đơn thư tiếp nhận</translation>
    </message>
    <message>
      <source>Overdue petitions</source>
      <translation>Đơn quá hạn</translation>
    </message>
    <message>
      <source>as of today · click to see them</source>
      <translation>tính đến hôm nay · bấm để xem</translation>
    </message>
    <message>
      <source>Every petition whose deadline has passed, whenever it was received</source>
      <translation>Mọi đơn đã quá hạn xử lý, dù nhận vào kỳ nào</translation>
    </message>
    <message>
      <source>Models being carried out</source>
      <translation>Mô hình đang thực hiện</translation>
    </message>
    <message>
      <source>as of today</source>
      <translation>tính đến hôm nay</translation>
    </message>
    <message>
      <source>Due soon / Overdue</source>
      <translation>Sắp đến hạn / Quá hạn</translation>
    </message>
    <message>
      <source>No petition is overdue or due within the next 7 days.</source>
      <translation>Không có đơn nào quá hạn hoặc đến hạn trong 7 ngày tới.</translation>
    </message>
    <message>
      <source>Click a petition (or press Enter) to open it.</source>
      <translation>Bấm vào một đơn (hoặc nhấn Enter) để mở đơn.</translation>
    </message>
    <message>
      <source>Petitions received in this period</source>
      <translation>Đơn thư tiếp nhận trong kỳ</translation>
    </message>
    <message>
      <source>By category</source>
      <translation>Theo phân loại</translation>
    </message>
    <message>
      <source>By status</source>
      <translation>Theo trạng thái</translation>
    </message>
    <message>
      <source>No petitions in this period.</source>
      <translation>Chưa có đơn nào trong kỳ này.</translation>
    </message>
    <message>
      <source>Citizen receptions per month (last 12 statistical months)</source>
      <translation>Lượt tiếp công dân theo tháng (12 kỳ thống kê gần nhất)</translation>
    </message>
    <message>
      <source>No receptions in the last 12 months.</source>
      <translation>Chưa có lượt tiếp nào trong 12 tháng qua.</translation>
    </message>
    <message>
      <source>Models being carried out, by field</source>
      <translation>Mô hình đang thực hiện theo lĩnh vực</translation>
    </message>
    <message>
      <source>No model is being carried out.</source>
      <translation>Chưa có mô hình nào đang thực hiện.</translation>
    </message>
  </context>
  <context>
    <name>DueList</name>
    <message>
      <source>Case no.</source>
      <translation>Số hồ sơ</translation>
    </message>
    <message>
      <source>Petitioner</source>
      <translation>Người gửi đơn</translation>
    </message>
    <message>
      <source>Category</source>
      <translation>Phân loại</translation>
    </message>
    <message>
      <source>Due</source>
      <translation>Hạn giải quyết</translation>
    </message>
    <message>
      <source>Working days</source>
      <translation>Ngày làm việc</translation>
    </message>
    <message>
      <source>Working days left until the deadline</source>
      <translation>Số ngày làm việc còn lại đến hạn</translation>
    </message>
    <message>
      <source>The denouncer's identity is kept confidential.</source>
      <translation>Thông tin người tố cáo được giữ bí mật.</translation>
    </message>
    <message>
      <source>Anonymous</source>
      <translation>Nặc danh</translation>
    </message>
    <message>
      <source>Overdue</source>
      <translation>Quá hạn</translation>
    </message>
    <message>
      <source>{n} left</source>
      <translation>Còn {n}</translation>
    </message>
    <message>
      <source>Today</source>
      <translation>Hôm nay</translation>
    </message>
    <message>
      <source>{n} overdue</source>
      <translation>Quá {n}</translation>
    </message>
  </context>
</TS>