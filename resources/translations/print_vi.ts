<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="vi_VN">
  <context>
    <name>PrintDocuments</name>
    <message>
      <source>Dialogues with the people held in a period, their commitments</source>
      <translation>Các buổi đối thoại với nhân dân trong kỳ, nội dung cam kết</translation>
    </message>
    <message>
      <source>Dialogue register</source>
      <translation>Sổ theo dõi đối thoại</translation>
    </message>
    <message>
      <source>Citizen reception book</source>
      <translation>Sổ tiếp công dân</translation>
    </message>
    <message>
      <source>Petition register</source>
      <translation>Sổ theo dõi đơn</translation>
    </message>
    <message>
      <source>"Dân vận khéo" models register</source>
      <translation>Sổ mô hình "Dân vận khéo"</translation>
    </message>
    <message>
      <source>Periodic report</source>
      <translation>Báo cáo định kỳ</translation>
    </message>
    <message>
      <source>Form 03, Circular 04/2021/TT-TTCP</source>
      <translation>Mẫu số 03, Thông tư 04/2021/TT-TTCP</translation>
    </message>
    <message>
      <source>Petitions received in a period</source>
      <translation>Đơn thư tiếp nhận trong kỳ</translation>
    </message>
    <message>
      <source>Models of a year, by field</source>
      <translation>Mô hình trong năm, theo lĩnh vực</translation>
    </message>
    <message>
      <source>Statistics for a period: PDF, Excel or Word</source>
      <translation>Số liệu thống kê của kỳ: PDF, Excel hoặc Word</translation>
    </message>
  </context>
  <context>
    <name>PrintScreen</name>
    <message>
      <source>Type the start and end dates as day/month/year, for example 05/11/2026.</source>
      <translation>Gõ ngày bắt đầu và ngày kết thúc theo ngày/tháng/năm, ví dụ 05/11/2026.</translation>
    </message>
    <message>
      <source>Month</source>
      <translation>Tháng</translation>
    </message>
    <message>
      <source>Quarter</source>
      <translation>Quý</translation>
    </message>
    <message>
      <source>6 months</source>
      <translation>6 tháng</translation>
    </message>
    <message>
      <source>9 months</source>
      <translation>9 tháng</translation>
    </message>
    <message>
      <source>Year</source>
      <translation>Năm</translation>
    </message>
    <message>
      <source>Month {n}</source>
      <translation>Tháng {n}</translation>
    </message>
    <message>
      <source>Quarter {n}</source>
      <translation>Quý {n}</translation>
    </message>
    <message>
      <source>First 6 months</source>
      <translation>6 tháng đầu năm</translation>
    </message>
    <message>
      <source>Last 6 months</source>
      <translation>6 tháng cuối năm</translation>
    </message>
    <message>
      <source>PDF (preview and print)</source>
      <translation>PDF (xem trước và in)</translation>
    </message>
    <message>
      <source>Excel (.xlsx)</source>
      <translation>Excel (.xlsx)</translation>
    </message>
    <message>
      <source>Word (.docx)</source>
      <translation>Word (.docx)</translation>
    </message>
    <message>
      <source>No document can be printed yet.</source>
      <translation>Chưa có giấy tờ nào in được.</translation>
    </message>
    <message>
      <source>The start date is after the end date.</source>
      <translation>Ngày bắt đầu sau ngày kết thúc.</translation>
    </message>
    <message>
      <source>Only PDF documents are printed from here: save the file and print it from Excel or Word.</source>
      <translation>Chỉ in trực tiếp được tệp PDF: hãy lưu tệp rồi in từ Excel hoặc Word.</translation>
    </message>
    <message>
      <source>This document contains no denouncer's identity.</source>
      <translation>Giấy tờ này không có thông tin người tố cáo.</translation>
    </message>
    <message>
      <source>Denouncers' names, ID numbers and addresses are printed instead of "[Bảo mật]"; the pages bear the "MẬT" mark and the choice is recorded in the activity log.</source>
      <translation>In họ tên, số định danh và địa chỉ của người tố cáo thay cho "[Bảo mật]"; các trang có dấu "MẬT" và lựa chọn này được ghi vào nhật ký.</translation>
    </message>
    <message>
      <source>Preparing the document…</source>
      <translation>Đang chuẩn bị giấy tờ…</translation>
    </message>
    <message>
      <source>The choices or the data changed: press Preview to see the new pages.</source>
      <translation>Lựa chọn hoặc dữ liệu đã thay đổi: bấm Xem trước để xem các trang mới.</translation>
    </message>
    <message>
      <source>{document}: choices</source>
      <translation>{document}: tùy chọn</translation>
    </message>
    <message>
      <source>Choices</source>
      <translation>Tùy chọn</translation>
    </message>
    <message>
      <source>Print &amp; reports</source>
      <translation>In &amp; báo cáo</translation>
    </message>
    <message>
      <source>Document</source>
      <translation>Loại giấy tờ</translation>
    </message>
    <message>
      <source>From</source>
      <translation>Từ ngày</translation>
    </message>
    <message>
      <source>To</source>
      <translation>Đến ngày</translation>
    </message>
    <message>
      <source>This month</source>
      <translation>Tháng này</translation>
    </message>
    <message>
      <source>This quarter</source>
      <translation>Quý này</translation>
    </message>
    <message>
      <source>This year</source>
      <translation>Năm nay</translation>
    </message>
    <message>
      <source>The statistical period containing today (cut-off day of the unit's settings)</source>
      <translation>Kỳ thống kê chứa ngày hôm nay (theo ngày chốt số liệu của đơn vị)</translation>
    </message>
    <message>
      <source>Period</source>
      <translation>Kỳ báo cáo</translation>
    </message>
    <message>
      <source>Which</source>
      <translation>Kỳ</translation>
    </message>
    <message>
      <source>File format</source>
      <translation>Định dạng tệp</translation>
    </message>
    <message>
      <source>Unit</source>
      <translation>Đơn vị</translation>
    </message>
    <message>
      <source>Every commune</source>
      <translation>Mọi xã, phường</translation>
    </message>
    <message>
      <source>A book of one unit, or of every commune kept together commune by commune, each entry naming its unit</source>
      <translation>Sổ của một đơn vị, hoặc của mọi xã, phường xếp liền theo từng xã, mỗi hồ sơ ghi tên đơn vị</translation>
    </message>
    <message>
      <source>Include the denouncer's identity</source>
      <translation>In cả thông tin người tố cáo</translation>
    </message>
    <message>
      <source>Preview</source>
      <translation>Xem trước</translation>
    </message>
    <message>
      <source>Print…</source>
      <translation>In…</translation>
    </message>
    <message>
      <source>Save as…</source>
      <translation>Lưu thành…</translation>
    </message>
    <message>
      <source>Choose a document and its period, then press Preview to see its pages.</source>
      <translation>Chọn loại giấy tờ và thời gian, rồi bấm Xem trước để xem các trang.</translation>
    </message>
    <message>
      <source>Excel and Word files have no preview here. Save the file, or open it with the program your computer uses for it, to check and edit it before signing.</source>
      <translation>Tệp Excel và Word không xem trước được tại đây. Hãy lưu tệp, hoặc mở bằng chương trình trên máy để kiểm tra, chỉnh sửa trước khi ký.</translation>
    </message>
    <message>
      <source>Open with the computer's program</source>
      <translation>Mở bằng chương trình trên máy</translation>
    </message>
  </context>
  <context>
    <name>Printing</name>
    <message>
      <source>{n} entries</source>
      <translation>{n} mục</translation>
    </message>
    <message>
      <source>{n} entries, {pages} pages</source>
      <translation>{n} mục, {pages} trang</translation>
    </message>
    <message>
      <source>The printer could not be started.</source>
      <translation>Không khởi động được máy in.</translation>
    </message>
    <message>
      <source>Print</source>
      <translation>In</translation>
    </message>
    <message>
      <source>Sending the pages to the printer…</source>
      <translation>Đang gửi các trang tới máy in…</translation>
    </message>
    <message>
      <source>PDF document (*.pdf)</source>
      <translation>Tài liệu PDF (*.pdf)</translation>
    </message>
    <message>
      <source>Excel workbook (*.xlsx)</source>
      <translation>Bảng tính Excel (*.xlsx)</translation>
    </message>
    <message>
      <source>Word document (*.docx)</source>
      <translation>Văn bản Word (*.docx)</translation>
    </message>
    <message>
      <source>Save as</source>
      <translation>Lưu thành</translation>
    </message>
    <message>
      <source>Include the denouncer's identity?</source>
      <translation>In cả thông tin người tố cáo?</translation>
    </message>
    <message>
      <source>The printed document will show the name, ID number and address of denouncers, which the law requires to be kept secret. It will bear the "MẬT" (confidential) mark and this choice is recorded in the activity log. Include them?</source>
      <translation>Giấy tờ in ra sẽ có họ tên, số định danh và địa chỉ của người tố cáo — thông tin mà pháp luật yêu cầu giữ bí mật. Giấy tờ sẽ mang dấu "MẬT" và lựa chọn này được ghi vào nhật ký. In cả các thông tin này?</translation>
    </message>
  </context>
  <context>
    <name>RecordPrintButton</name>
    <message>
      <source>Save the record first, then print it.</source>
      <translation>Hãy lưu hồ sơ trước, rồi mới in.</translation>
    </message>
    <message>
      <source>Preview, print or save this document</source>
      <translation>Xem trước, in hoặc lưu giấy tờ này</translation>
    </message>
    <message>
      <source>Notice</source>
      <translation>Thông báo</translation>
    </message>
    <message>
      <source>Record sheet</source>
      <translation>Phiếu</translation>
    </message>
    <message>
      <source>Print notice</source>
      <translation>In thông báo</translation>
    </message>
    <message>
      <source>Accepted for handling</source>
      <translation>Thụ lý</translation>
    </message>
    <message>
      <source>Not accepted</source>
      <translation>Không thụ lý</translation>
    </message>
    <message>
      <source>Returned with guidance</source>
      <translation>Trả lại đơn và hướng dẫn</translation>
    </message>
    <message>
      <source>Forwarded</source>
      <translation>Chuyển đơn</translation>
    </message>
    <message>
      <source>Print sheet</source>
      <translation>In phiếu</translation>
    </message>
  </context>
  <context>
    <name>RecordPrintDialog</name>
    <message>
      <source>Preparing the document…</source>
      <translation>Đang chuẩn bị giấy tờ…</translation>
    </message>
    <message>
      <source>Record sheet</source>
      <translation>Phiếu</translation>
    </message>
    <message>
      <source>Notice to the citizen</source>
      <translation>Thông báo cho công dân</translation>
    </message>
    <message>
      <source>Print</source>
      <translation>In</translation>
    </message>
    <message>
      <source>Include the denouncer's identity</source>
      <translation>In cả thông tin người tố cáo</translation>
    </message>
    <message>
      <source>Print…</source>
      <translation>In…</translation>
    </message>
    <message>
      <source>Save as…</source>
      <translation>Lưu thành…</translation>
    </message>
    <message>
      <source>Close</source>
      <translation>Đóng</translation>
    </message>
  </context>
</TS>