<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="vi_VN">
<context>
    <name>CheckPage</name>
    <message>
        <source>Check</source>
        <translation>Kiểm tra</translation>
    </message>
    <message>
        <source>Every row is read and checked; nothing is stored. Errors must be put right before importing; warnings do not stop the import.</source>
        <translation>Mọi dòng được đọc và kiểm tra, chưa lưu gì. Phải sửa hết lỗi mới nhập được; cảnh báo không cản việc nhập.</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>Dừng</translation>
    </message>
    <message>
        <source>Check again</source>
        <translation>Kiểm tra lại</translation>
    </message>
    <message>
        <source>Read the file again (after correcting it in Excel) and check it</source>
        <translation>Đọc lại tệp (sau khi đã sửa trong Excel) và kiểm tra lại</translation>
    </message>
    <message>
        <source>Reading and checking the file…</source>
        <translation>Đang đọc và kiểm tra tệp…</translation>
    </message>
    <message>
        <source>Check stopped. Nothing was stored.</source>
        <translation>Đã dừng kiểm tra. Không có gì được lưu.</translation>
    </message>
    <message>
        <source>The check could not be completed.</source>
        <translation>Không kiểm tra được hết tệp.</translation>
    </message>
    <message>
        <source>{errors} error(s) and {warnings} warning(s). Nothing can be imported until the errors are corrected — correct the file, then Check again.</source>
        <translation>{errors} lỗi và {warnings} cảnh báo. Chưa thể nhập cho đến khi sửa hết lỗi — sửa tệp rồi bấm Kiểm tra lại.</translation>
    </message>
    <message>
        <source>No errors: {count} record(s) ready to import, {warnings} warning(s). Press Import to store them.</source>
        <translation>Không có lỗi: {count} bản ghi sẵn sàng để nhập, {warnings} cảnh báo. Bấm Nhập dữ liệu để lưu.</translation>
    </message>
</context>
<context>
    <name>FilePage</name>
    <message>
        <source>Choose the file</source>
        <translation>Chọn tệp</translation>
    </message>
    <message>
        <source>An Excel workbook (.xlsx) or CSV file kept as a book, or an exchange file (.json, .ndjson) from Sổ Dân Vận.</source>
        <translation>Sổ theo dõi lập bằng Excel (.xlsx) hoặc tệp CSV, hoặc tệp trao đổi (.json, .ndjson) xuất từ Sổ Dân Vận.</translation>
    </message>
    <message>
        <source>File:</source>
        <translation>Tệp:</translation>
    </message>
    <message>
        <source>No file chosen yet</source>
        <translation>Chưa chọn tệp</translation>
    </message>
    <message>
        <source>Choose file…</source>
        <translation>Chọn tệp…</translation>
    </message>
    <message>
        <source>Choose the kind of records each sheet holds. A sheet set to &quot;Do not import&quot; is left out.</source>
        <translation>Chọn loại bản ghi của từng trang tính. Trang tính để &quot;Không nhập&quot; sẽ được bỏ qua.</translation>
    </message>
    <message>
        <source>Choose the file to import</source>
        <translation>Chọn tệp để nhập</translation>
    </message>
    <message>
        <source>Books and exchange files (*.xlsx *.csv *.json *.ndjson *.jsonl);;All files (*)</source>
        <translation>Sổ và tệp trao đổi (*.xlsx *.csv *.json *.ndjson *.jsonl);;Tất cả các tệp (*)</translation>
    </message>
    <message>
        <source>An exchange file: its records are read as they are, no columns to map.</source>
        <translation>Tệp trao đổi: các bản ghi được đọc nguyên trạng, không cần ghép cột.</translation>
    </message>
    <message>
        <source>The file has no filled rows.</source>
        <translation>Tệp không có dòng nào có dữ liệu.</translation>
    </message>
    <message>
        <source>Recognised as the reception book (Form 03): its columns are found by their headings.</source>
        <translation>Nhận dạng là Sổ tiếp công dân (Mẫu 03): các cột được nhận theo tiêu đề.</translation>
    </message>
    <message>
        <source>{count} table(s) found.</source>
        <translation>Tìm thấy {count} bảng.</translation>
    </message>
</context>
<context>
    <name>ImportPage</name>
    <message>
        <source>Import</source>
        <translation>Nhập dữ liệu</translation>
    </message>
    <message>
        <source>The records are stored all together, or not at all.</source>
        <translation>Các bản ghi được lưu cùng một lúc, hoặc không lưu bản ghi nào.</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>Dừng</translation>
    </message>
    <message>
        <source>Importing…</source>
        <translation>Đang nhập…</translation>
    </message>
    <message>
        <source>Import stopped. Nothing was stored.</source>
        <translation>Đã dừng nhập. Không có gì được lưu.</translation>
    </message>
    <message>
        <source>The import failed. Nothing was stored.</source>
        <translation>Nhập không thành công. Không có gì được lưu.</translation>
    </message>
    <message>
        <source>The file changed since the check and now has {errors} error(s). Nothing was stored.</source>
        <translation>Tệp đã thay đổi sau khi kiểm tra và nay có {errors} lỗi. Không có gì được lưu.</translation>
    </message>
    <message>
        <source>Import complete: {added} added, {updated} updated, {same} unchanged.</source>
        <translation>Đã nhập xong: thêm mới {added}, cập nhật {updated}, không đổi {same}.</translation>
    </message>
</context>
<context>
    <name>ImportPreview</name>
    <message>
        <source>(column {letter})</source>
        <translation>(cột {letter})</translation>
    </message>
    <message>
        <source>Sheet</source>
        <translation>Trang tính</translation>
    </message>
    <message>
        <source>Layout</source>
        <translation>Cách đọc</translation>
    </message>
    <message>
        <source>Record type</source>
        <translation>Loại bản ghi</translation>
    </message>
    <message>
        <source>Do not import</source>
        <translation>Không nhập</translation>
    </message>
    <message>
        <source>Reception book (Form 03)</source>
        <translation>Sổ tiếp công dân (Mẫu 03)</translation>
    </message>
    <message>
        <source>Table, headers on row {row}</source>
        <translation>Bảng, tiêu đề cột ở dòng {row}</translation>
    </message>
    <message>
        <source>Column</source>
        <translation>Cột</translation>
    </message>
    <message>
        <source>Title in the file</source>
        <translation>Tiêu đề trong tệp</translation>
    </message>
    <message>
        <source>Example value</source>
        <translation>Giá trị mẫu</translation>
    </message>
    <message>
        <source>Read into field</source>
        <translation>Đọc vào trường</translation>
    </message>
    <message>
        <source>Recognised by</source>
        <translation>Cách nhận</translation>
    </message>
    <message>
        <source>Skip</source>
        <translation>Bỏ qua</translation>
    </message>
    <message>
        <source>Not read</source>
        <translation>Không đọc</translation>
    </message>
    <message>
        <source>Book heading</source>
        <translation>Tiêu đề của sổ</translation>
    </message>
    <message>
        <source>Chosen by you</source>
        <translation>Bạn chọn</translation>
    </message>
    <message>
        <source>Same title</source>
        <translation>Trùng tiêu đề</translation>
    </message>
    <message>
        <source>Title without diacritics</source>
        <translation>Tiêu đề không dấu</translation>
    </message>
    <message>
        <source>Similar title (check)</source>
        <translation>Tiêu đề gần giống (cần xem lại)</translation>
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
        <source>Row</source>
        <translation>Dòng</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Mức độ</translation>
    </message>
    <message>
        <source>Field</source>
        <translation>Trường</translation>
    </message>
    <message>
        <source>Problem</source>
        <translation>Nội dung</translation>
    </message>
    <message>
        <source>Error</source>
        <translation>Lỗi</translation>
    </message>
    <message>
        <source>Warning</source>
        <translation>Cảnh báo</translation>
    </message>
    <message>
        <source>Added</source>
        <translation>Thêm mới</translation>
    </message>
    <message>
        <source>Updated</source>
        <translation>Cập nhật</translation>
    </message>
    <message>
        <source>Unchanged</source>
        <translation>Không đổi</translation>
    </message>
</context>
<context>
    <name>ImportWizard</name>
    <message>
        <source>Import records</source>
        <translation>Nhập dữ liệu</translation>
    </message>
    <message>
        <source>&lt; Back</source>
        <translation>&lt; Quay lại</translation>
    </message>
    <message>
        <source>Next &gt;</source>
        <translation>Tiếp theo &gt;</translation>
    </message>
    <message>
        <source>Import</source>
        <translation>Nhập dữ liệu</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Đóng</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Hủy</translation>
    </message>
</context>
<context>
    <name>MappingPage</name>
    <message>
        <source>Match the columns</source>
        <translation>Ghép cột</translation>
    </message>
    <message>
        <source>Each column of the file is read into the field chosen beside it; guesses come from the column titles. Fields marked * are required.</source>
        <translation>Mỗi cột của tệp được đọc vào trường chọn bên cạnh; chương trình đoán theo tiêu đề cột. Trường có dấu * là bắt buộc.</translation>
    </message>
    <message>
        <source>Sheet:</source>
        <translation>Trang tính:</translation>
    </message>
    <message>
        <source>Column titles on row:</source>
        <translation>Tiêu đề cột ở dòng:</translation>
    </message>
    <message>
        <source>Received by (for rows without one):</source>
        <translation>Người tiếp (cho các dòng không ghi):</translation>
    </message>
    <message>
        <source>The file has no column for who received the citizens: type their name here to go on.</source>
        <translation>Tệp không có cột người tiếp công dân: hãy gõ họ tên người tiếp vào đây để tiếp tục.</translation>
    </message>
    <message>
        <source>Full name of the person who received citizens</source>
        <translation>Họ và tên người tiếp công dân</translation>
    </message>
    <message>
        <source>Record type: {type}</source>
        <translation>Loại bản ghi: {type}</translation>
    </message>
    <message>
        <source>This sheet is the reception book (Form 03). Its columns are read by their headings, as shown; the name and address cell is split.</source>
        <translation>Trang tính này là Sổ tiếp công dân (Mẫu 03). Các cột được đọc theo tiêu đề như dưới đây; ô họ tên - địa chỉ được tách làm hai.</translation>
    </message>
    <message>
        <source>Choose &quot;Skip&quot; for a column that should not be read.</source>
        <translation>Chọn &quot;Bỏ qua&quot; cho cột không cần đọc.</translation>
    </message>
    <message>
        <source>No column is read into these required fields: {fields}.</source>
        <translation>Chưa có cột nào đọc vào các trường bắt buộc: {fields}.</translation>
    </message>
</context>
<context>
    <name>PreviewPage</name>
    <message>
        <source>Preview</source>
        <translation>Xem trước</translation>
    </message>
    <message>
        <source>The first rows as they will be read. Nothing is stored yet.</source>
        <translation>Những dòng đầu tiên như sẽ được đọc. Chưa lưu gì.</translation>
    </message>
    <message>
        <source>{count} first row(s) shown. If a value sits in the wrong column, go back and change the matching.</source>
        <translation>Hiển thị {count} dòng đầu. Nếu giá trị nằm sai cột, quay lại bước Ghép cột để sửa.</translation>
    </message>
</context>
</TS>
