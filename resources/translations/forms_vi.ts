<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="vi_VN">
<context>
    <name>UnitPicker</name>
    <message>
        <source>{n} communes have this name: pick one from the list (type the province to narrow it).</source>
        <translation>Có {n} xã, phường cùng tên này: chọn một trong danh sách (gõ thêm tên tỉnh để lọc).</translation>
    </message>
    <message>
        <source>No commune or ward of this name: type part of it and pick from the list.</source>
        <translation>Không có xã, phường nào tên này: gõ một phần tên rồi chọn trong danh sách.</translation>
    </message>
    <message>
        <source>Type part of the name, then pick</source>
        <translation>Gõ một phần tên rồi chọn</translation>
    </message>
    <message>
        <source>The commune or ward where the person lives, from the official list of units</source>
        <translation>Xã, phường nơi người này cư trú, chọn trong danh mục đơn vị hành chính</translation>
    </message>
</context>
<context>
    <name>DateEdit</name>
    <message>
        <source>dd/mm/yyyy</source>
        <translation>dd/mm/yyyy</translation>
    </message>
    <message>
        <source>dd/mm/yyyy hh:mm</source>
        <translation>dd/mm/yyyy hh:mm</translation>
    </message>
    <message>
        <source>Choose on a calendar (F4)</source>
        <translation>Chọn trên lịch (F4)</translation>
    </message>
    <message>
        <source>There is no month {month}: type day/month/year, for example {example}.</source>
        <translation>Không có tháng {month}: gõ ngày/tháng/năm, ví dụ {example}.</translation>
    </message>
    <message>
        <source>Month {month}/{year} has only {days} days.</source>
        <translation>Tháng {month}/{year} chỉ có {days} ngày.</translation>
    </message>
    <message>
        <source>Not a date. Type day/month/year, for example {example}.</source>
        <translation>Chưa đúng ngày. Gõ ngày/tháng/năm, ví dụ {example}.</translation>
    </message>
</context>
<context>
    <name>DeadlineStrip</name>
    <message>
        <source>A duplicate of an earlier petition: it is filed with it, has no deadline of its own and is not counted as a new case.</source>
        <translation>Đơn trùng với một đơn trước: lưu cùng đơn đó, không có thời hạn riêng và không tính là vụ việc mới.</translation>
    </message>
    <message>
        <source>(overdue by {n} working days)</source>
        <translation>(quá hạn {n} ngày làm việc)</translation>
    </message>
    <message>
        <source>(due today)</source>
        <translation>(đến hạn hôm nay)</translation>
    </message>
    <message>
        <source>({n} working days left)</source>
        <translation>(còn {n} ngày làm việc)</translation>
    </message>
    <message>
        <source>The notice to the citizen is followed on the petition {case_no} made from this reception.</source>
        <translation>Việc thông báo cho công dân được theo dõi ở đơn {case_no} lập từ lượt tiếp này.</translation>
    </message>
    <message>
        <source>The citizen has been answered.</source>
        <translation>Đã trả lời, thông báo cho công dân.</translation>
    </message>
    <message>
        <source>No reply is owed: nobody came to this session.</source>
        <translation>Không phải trả lời: buổi tiếp này không có công dân đến.</translation>
    </message>
    <message>
        <source>No reply deadline is followed: this unit follows them for receptions from {day} (Administration → Unit).</source>
        <translation>Không theo dõi hạn trả lời: đơn vị theo dõi hạn cho các lượt tiếp từ ngày {day} (Quản trị → Đơn vị).</translation>
    </message>
    <message>
        <source>Every legal deadline of this petition is met on time.</source>
        <translation>Đơn đã đáp ứng đúng hạn mọi thời hạn theo quy định.</translation>
    </message>
    <message>
        <source>Done, but late: {items}</source>
        <translation>Đã thực hiện nhưng trễ hạn: {items}</translation>
    </message>
    <message>
        <source>{what} due {due}, done {done} {late}</source>
        <translation>{what}: {due}, thực hiện {done} {late}</translation>
    </message>
    <message>
        <source>({n} working days late)</source>
        <translation>(trễ {n} ngày làm việc)</translation>
    </message>
    <message>
        <source>({n} days late)</source>
        <translation>(trễ {n} ngày)</translation>
    </message>
    <message>
        <source>done late: {item}</source>
        <translation>đã thực hiện trễ: {item}</translation>
    </message>
    <message>
        <source>(late)</source>
        <translation>(trễ hạn)</translation>
    </message>
    <message>
        <source>No legal deadline is pending.</source>
        <translation>Không có thời hạn nào đang chờ.</translation>
    </message>
    <message>
        <source>Deadlines appear once the received date is set.</source>
        <translation>Thời hạn sẽ hiện khi có ngày nhận đơn.</translation>
    </message>
    <message>
        <source>Accepted on {day}; recommendations and reflections have no legal deadline for resolving them.</source>
        <translation>Đã thụ lý ngày {day}; kiến nghị, phản ánh không có thời hạn giải quyết luật định.</translation>
    </message>
    <message>
        <source>Accepted on {day}; no further legal deadline runs yet and the case is not finished.</source>
        <translation>Đã thụ lý ngày {day}; chưa có thời hạn luật định nào khác đang chạy, vụ việc chưa kết thúc.</translation>
    </message>
    <message>
        <source>Deadlines so far met on time; recommendations and reflections have no legal deadline for resolving them.</source>
        <translation>Các thời hạn đến nay đã đáp ứng đúng hạn; kiến nghị, phản ánh không có thời hạn giải quyết luật định.</translation>
    </message>
    <message>
        <source>Deadlines so far met on time; the case is not finished.</source>
        <translation>Các thời hạn đến nay đã đáp ứng đúng hạn; vụ việc chưa kết thúc.</translation>
    </message>
</context>
<context>
    <name>PetitionForm</name>
    <message>
        <source>Notice to the citizen</source>
        <translation>Thông báo cho công dân</translation>
    </message>
    <message>
        <source>Record {day} as the day the citizen was notified?</source>
        <translation>Ghi ngày {day} là ngày thông báo cho công dân?</translation>
    </message>
    <message>
        <source>The notice deadline is then met. Change the date if the letter goes out another day; it is kept when you save the petition.</source>
        <translation>Khi đó hạn thông báo được tính là đã đáp ứng. Nếu thư gửi đi vào ngày khác thì sửa lại ngày; ngày được lưu khi bấm Lưu đơn.</translation>
    </message>
    <message>
        <source>Record the date</source>
        <translation>Ghi ngày</translation>
    </message>
    <message>
        <source>Not now</source>
        <translation>Để sau</translation>
    </message>
    <message>
        <source>Open petition {what}</source>
        <translation>Mở đơn {what}</translation>
    </message>
    <message>
        <source>Not a duplicate</source>
        <translation>Không phải đơn trùng</translation>
    </message>
    <message>
        <source>Mark as a duplicate…</source>
        <translation>Ghi là đơn trùng…</translation>
    </message>
    <message>
        <source>It repeats one of them…</source>
        <translation>Đơn này lặp lại một đơn trong số đó…</translation>
    </message>
    <message>
        <source>Duplicate of</source>
        <translation>Đơn trùng</translation>
    </message>
    <message>
        <source>Open reception {what}</source>
        <translation>Mở lượt tiếp {what}</translation>
    </message>
    <message>
        <source>None</source>
        <translation>Không có</translation>
    </message>
    <message>
        <source>Not saved yet</source>
        <translation>Chưa lưu</translation>
    </message>
    <message>
        <source>Change the status</source>
        <translation>Đổi trạng thái</translation>
    </message>
    <message>
        <source>Change the status of this petition from &quot;{old}&quot; to &quot;{new}&quot;?</source>
        <translation>Đổi trạng thái của đơn từ &quot;{old}&quot; sang &quot;{new}&quot;?</translation>
    </message>
    <message>
        <source>Go back</source>
        <translation>Quay lại</translation>
    </message>
    <message>
        <source>Petition {case_no}</source>
        <translation>Đơn thư {case_no}</translation>
    </message>
    <message>
        <source>New petition</source>
        <translation>Thêm đơn thư</translation>
    </message>
    <message>
        <source>Receipt</source>
        <translation>Tiếp nhận đơn</translation>
    </message>
    <message>
        <source>Status and outcome</source>
        <translation>Trạng thái và kết quả</translation>
    </message>
    <message>
        <source>Content and handling</source>
        <translation>Nội dung và hướng xử lý</translation>
    </message>
    <message>
        <source>Dates and deadlines</source>
        <translation>Ngày xử lý và thời hạn</translation>
    </message>
    <message>
        <source>Yes</source>
        <translation>Có</translation>
    </message>
    <message>
        <source>No</source>
        <translation>Không</translation>
    </message>
    <message>
        <source>History</source>
        <translation>Lịch sử</translation>
    </message>
    <message>
        <source>Identity protected</source>
        <translation>Thông tin người tố cáo được giữ bí mật</translation>
    </message>
    <message>
        <source>(reached this level {day})</source>
        <translation>(cấp trên nhận ngày {day})</translation>
    </message>
</context>
<context>
    <name>ReceptionForm</name>
    <message>
        <source>No handling chosen yet (a choice made by mistake is taken back)</source>
        <translation>Chưa chọn hướng xử lý (bỏ lựa chọn đã đánh dấu nhầm)</translation>
    </message>
    <message>
        <source>Clear</source>
        <translation>Bỏ chọn</translation>
    </message>
    <message>
        <source>Petition saved: {case_no}.</source>
        <translation>Đã lưu đơn: {case_no}.</translation>
    </message>
    <message>
        <source>Petition already made</source>
        <translation>Đã tạo đơn từ lượt tiếp này</translation>
    </message>
    <message>
        <source>Petition {case_no} was already made from this reception.</source>
        <translation>Đơn {case_no} đã được tạo từ lượt tiếp này.</translation>
    </message>
    <message>
        <source>Make another only if the citizen brought a second matter.</source>
        <translation>Chỉ tạo thêm khi công dân có thêm một việc khác.</translation>
    </message>
    <message>
        <source>Make another petition</source>
        <translation>Tạo thêm đơn</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Hủy</translation>
    </message>
    <message>
        <source>Commune, ward</source>
        <translation>Xã, phường</translation>
    </message>
    <message>
        <source>Save and make a petition</source>
        <translation>Lưu và tạo đơn</translation>
    </message>
    <message>
        <source>Saves this reception (the form stays open), then opens a new petition filled in from it</source>
        <translation>Lưu lượt tiếp này (biểu mẫu vẫn mở), rồi mở đơn thư mới điền sẵn thông tin từ lượt tiếp</translation>
    </message>
    <message>
        <source>A new petition filled in from this reception</source>
        <translation>Tạo đơn thư mới, điền sẵn thông tin từ lượt tiếp này</translation>
    </message>
    <message>
        <source>Citizen reception {case_no}</source>
        <translation>Lượt tiếp công dân {case_no}</translation>
    </message>
    <message>
        <source>New citizen reception</source>
        <translation>Thêm lượt tiếp công dân</translation>
    </message>
    <message>
        <source>Reception</source>
        <translation>Lượt tiếp</translation>
    </message>
    <message>
        <source>Content and handling</source>
        <translation>Nội dung và hướng xử lý</translation>
    </message>
    <message>
        <source>Group of many people</source>
        <translation>Đoàn đông người</translation>
    </message>
    <message>
        <source>Identity protected</source>
        <translation>Thông tin người tố cáo được giữ bí mật</translation>
    </message>
    <message>
        <source>12 digits</source>
        <translation>12 chữ số</translation>
    </message>
    <message>
        <source>Make a petition from this reception</source>
        <translation>Tạo đơn từ lượt tiếp này</translation>
    </message>
</context>
<context>
    <name>RowsEditor</name>
    <message>
      <source>{column}, row {row}</source>
      <translation>{column}, dòng {row}</translation>
    </message>
    <message>
        <source>Add</source>
        <translation>Thêm</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Xóa</translation>
    </message>
    <message>
        <source>Add a row</source>
        <translation>Thêm một dòng</translation>
    </message>
    <message>
        <source>Remove the selected rows</source>
        <translation>Xóa các dòng đang chọn</translation>
    </message>
</context>
</TS>
