"""Bad input and awkward situations met by a district script or a careless user: each gets a clear sentence and
the right exit code, and changes nothing it should not (found by an adversarial review of the command)."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
import time
import unicodedata
from pathlib import Path

import openpyxl
import pytest

from tests.app.test_cli import run


def _init(tmp_path, name="t.db", *extra):
    path = tmp_path / name
    rc, _d, proc = run(["--db", str(path), "--json", "init", "--admin", "admin", *(extra or ("--unit-code", "4"))],
                       tmp_path)
    assert rc == 0, proc.stderr
    return path


def _ndjson(tmp_path, *lines, name="in.ndjson"):
    f = tmp_path / name
    f.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return f


RECEPTION = ('{"type":"reception","received_at":"2026-03-02T08:00","host_name":"Lê Văn An",'
             '"citizen":{"name":"Trần Thị Bình"},"content":"Phản ánh đường xá hư hỏng"}')


def _records(db, tmp_path) -> int:
    rc, data, proc = run(["--db", str(db), "--json", "stats"], tmp_path)
    assert rc == 0, proc.stderr
    return sum(data["total"].values())


def test_a_bad_setting_is_a_sentence_not_a_traceback(tmp_path):
    db = _init(tmp_path)
    rc, data, proc = run(["--db", str(db), "--json", "setting", "report_cutoff_day", "31"], tmp_path)
    assert rc == 1 and "Traceback" not in proc.stderr  # a value refused: bad input; an unknown setting: usage
    assert data["error"]["message"] == ('Giá trị "31" không hợp lệ cho report_cutoff_day: cần một số nguyên '
                                        'từ 1 đến 28.')
    # the upper unit's code is a province of the list ("99" is none), stored as the list writes it
    rc, data, proc = run(["--db", str(db), "--json", "setting", "upper_unit_code", "99"], tmp_path)
    assert rc == 1 and data["error"]["message"].startswith('Không có tỉnh, thành phố nào mã "99" trong danh mục')
    rc, data, proc = run(["--db", str(db), "--json", "setting", "upper_unit_code", "1"], tmp_path)
    assert rc == 0 and data == {"key": "upper_unit_code", "value": "01"}
    rc, data, proc = run(["--db", str(db), "--json", "setting", "upper_unit_code", ""], tmp_path)
    assert rc == 0 and data["value"] == ""  # not set again
    rc, data, proc = run(["--db", str(db), "--json", "setting", "sync_send_identity", "yes"], tmp_path)
    assert rc == 1 and data["error"]["message"].endswith("dùng 1 (bật) hoặc 0 (tắt).")
    rc, data, proc = run(["--db", str(db), "--json", "--lang", "en", "setting", "nosuchkey", "1"], tmp_path)
    assert rc == 2 and data["error"]["message"].startswith('There is no setting "nosuchkey"')


def _backup(db, tmp_path, name):
    out = tmp_path / name
    rc, _d, proc = run(["--db", str(db), "--json", "backup", "--out", str(out)], tmp_path)
    assert rc == 0, proc.stderr
    return out


def test_restore_refuses_a_demo_or_another_units_database_and_changes_nothing(tmp_path):
    db = _init(tmp_path)
    run(["--db", str(db), "import", str(_ndjson(tmp_path, RECEPTION))], tmp_path)
    demo = tmp_path / "demo.db"
    rc, _d, proc = run(["--db", str(demo), "demo", "--records", "20"], tmp_path, password=None, user=None)
    assert rc == 0, proc.stderr
    other = _init(tmp_path, "other.db", "--unit-code", "23425")
    upper = _init(tmp_path, "upper.db", "--unit-code", "1", "--level", "upper")
    for source, words in ((demo, "cơ sở dữ liệu mẫu"), (other, "đơn vị khác"), (upper, "đơn vị khác")):
        rc, data, proc = run(["--db", str(db), "--json", "restore", str(source)], tmp_path)
        assert rc == 1, proc.stderr
        assert words in data["error"]["message"] and "không bị thay đổi" in data["error"]["message"]
        assert _records(db, tmp_path) == 1


def test_restore_refuses_a_backup_edited_behind_the_applications_back(tmp_path):
    """`restore` runs `check` on what it restores: a tampered backup is refused and the current data stays."""
    db = _init(tmp_path)
    run(["--db", str(db), "import", str(_ndjson(tmp_path, RECEPTION))], tmp_path)
    backup = _backup(db, tmp_path, "b.db")
    conn = sqlite3.connect(backup)
    conn.execute("UPDATE receptions SET content = 'tampered'")
    conn.commit()
    conn.close()
    run(["--db", str(db), "import", str(_ndjson(tmp_path, RECEPTION.replace("Bình", "Bảo"), name="two.ndjson"))],
        tmp_path)
    rc, data, proc = run(["--db", str(db), "--json", "restore", str(backup)], tmp_path)
    assert rc == 1, proc.stdout
    assert "không qua được bước kiểm tra" in data["error"]["message"]
    assert not Path(str(db) + ".restoring").exists()  # put right at once: nothing for the next log-in to undo
    assert _records(db, tmp_path) == 2
    rc, data, _p = run(["--db", str(db), "--json", "check"], tmp_path)
    assert rc == 0 and data["ok"]
    rc, data, _p = run(["--db", str(db), "--json", "search", "tampered"], tmp_path)
    assert data["results"] == []


def test_two_restores_in_one_second_keep_both_previous_contents(tmp_path):
    db = _init(tmp_path)
    run(["--db", str(db), "import", str(_ndjson(tmp_path, RECEPTION))], tmp_path)
    empty = _backup(_init(tmp_path, "empty.db"), tmp_path, "empty-backup.db")  # the same unit, nothing in it
    from app.services.backups import _safety_copy_path

    first = _safety_copy_path(db)
    first.parent.mkdir(parents=True, exist_ok=True)
    first.write_bytes(b"earlier safety copy")
    assert _safety_copy_path(db) != first
    rc, data, proc = run(["--db", str(db), "--json", "restore", str(empty)], tmp_path)
    assert rc == 0, proc.stderr
    assert data["saved_previous"] != str(first) and first.read_bytes() == b"earlier safety copy"


def test_text_starting_with_equals_survives_an_xlsx_round_trip_as_text(tmp_path):
    db = _init(tmp_path)
    rec = RECEPTION[:-1] + ',"result":"=> đã trả lời","note":"=HYPERLINK(\\"http://x\\",\\"y\\")"}'
    rc, _d, proc = run(["--db", str(db), "import", str(_ndjson(tmp_path, rec))], tmp_path)
    assert rc == 0, proc.stderr
    out = tmp_path / "out.xlsx"
    rc, _d, proc = run(["--db", str(db), "export", str(out)], tmp_path)
    assert rc == 0, proc.stderr
    ws = openpyxl.load_workbook(out)["reception"]
    header = [c.value for c in ws[1]]
    note = ws.cell(2, header.index("note") + 1)
    assert note.data_type == "s" and note.value.startswith("=HYPERLINK")  # text, not a formula Excel would run
    rc, data, proc = run(["--db", str(db), "--json", "import", str(out)], tmp_path)
    assert rc == 0, proc.stderr
    assert data["unchanged"]["reception"] == 1 and data["updated"]["reception"] == 0


def _cp1258(text: str) -> bytes:
    """Text as Vietnamese Windows stores it: letters with their tone mark written apart."""
    tones = "\u0300\u0301\u0303\u0309\u0323"
    out = []
    for ch in unicodedata.normalize("NFC", text):
        d = unicodedata.normalize("NFD", ch)
        out.append(unicodedata.normalize("NFC", "".join(c for c in d if c not in tones))
                   + "".join(c for c in d if c in tones))
    return "".join(out).encode("cp1258")


def test_a_windows_1258_csv_is_read_as_vietnamese_with_a_warning(tmp_path):
    db = _init(tmp_path)
    f = tmp_path / "so.csv"
    f.write_bytes(_cp1258("type,received_at,host_name,citizen.name,content\n"
                          "reception,2026-03-02T08:00,Lê Văn An,Nguyễn Văn Bình,Phản ánh đường xá hư hỏng\n"))
    rc, data, proc = run(["--db", str(db), "--json", "import", str(f)], tmp_path)
    assert rc == 0, proc.stderr
    assert any("Windows-1258" in w["message"] for w in data["warnings"])
    rc, data, _p = run(["--db", str(db), "--json", "search", "nguyen van binh"], tmp_path)
    assert [r["person"] for r in data["results"]] == ["Nguyễn Văn Bình"]


def test_a_missing_output_folder_is_named_in_the_users_words(tmp_path):
    db = _init(tmp_path)
    rc, data, proc = run(["--db", str(db), "--json", "keys", "export", "--out", str(tmp_path / "nodir" / "k.dvkey")],
                         tmp_path)
    assert rc == 1 and data["error"]["code"] == "os_error"
    message = data["error"]["message"]
    assert str(tmp_path / "nodir" / "k.dvkey") in message and "không có tệp hoặc thư mục này" in message
    assert not (tmp_path / "nodir").exists()


def test_an_unreadable_import_file_still_answers_in_the_import_shape(tmp_path):
    db = _init(tmp_path)
    fake = tmp_path / "so.xlsx"
    fake.write_text("not a workbook", encoding="utf-8")
    rc, data, _p = run(["--db", str(db), "--json", "import", str(fake)], tmp_path)
    assert rc == 1
    assert data["imported"] == {"reception": 0, "petition": 0, "model": 0, "dialogue": 0}
    assert "không phải tệp Excel (.xlsx) hợp lệ" in data["errors"][0]["message"]


def test_usage_slips_exit_2(tmp_path):
    db = _init(tmp_path)
    assert run(["--db", str(db), "search", "a", "--limit", "0"], tmp_path)[0] == 2
    rc, _d, proc = run(["--db", str(db), "export", str(tmp_path / "e.ndjson"), "--from", "2026-05-01", "--to",
                        "2026-01-01"], tmp_path)
    assert rc == 2 and "sau ngày kết thúc" in proc.stderr and not (tmp_path / "e.ndjson").exists()
    rc, _d, proc = run(["--db", str(db), "stats"], tmp_path, env_extra={"DANVAN_NOW": "garbage"})
    assert rc == 2 and "DANVAN_NOW" in proc.stderr and "Traceback" not in proc.stderr


def test_reading_commands_work_while_another_program_writes(tmp_path):
    """The GUI or an import holding the write lock must not stop a search or the statistics."""
    db = _init(tmp_path)
    run(["--db", str(db), "import", str(_ndjson(tmp_path, RECEPTION))], tmp_path)
    holder = subprocess.Popen([sys.executable, "-c", (
        "import sqlite3, sys, time\n"
        f"c = sqlite3.connect({str(db)!r}, isolation_level=None)\n"
        "c.execute('BEGIN IMMEDIATE'); print('locked', flush=True); time.sleep(20)\n")],
        stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "locked"
        t0 = time.monotonic()
        rc, data, proc = run(["--db", str(db), "--json", "search", "Bình"], tmp_path)
        assert rc == 0, proc.stderr
        assert len(data["results"]) == 1 and time.monotonic() - t0 < 15
        assert run(["--db", str(db), "stats"], tmp_path)[0] == 0
        rc, _d, proc = run(["--db", str(db), "import", str(_ndjson(tmp_path, RECEPTION, name="b.ndjson"))], tmp_path)
        assert rc == 1 and "đang được một chương trình khác ghi" in proc.stderr  # a writer still waits, then says so
        # a backup or a key file whose audit entry cannot be written is not made: refused means nothing there
        rc, _d, proc = run(["--db", str(db), "backup", "--out", "bk/b.db"], tmp_path)
        assert rc == 1 and "đang được một chương trình khác ghi" in proc.stderr
        assert not [p.name for p in (tmp_path / "bk").iterdir()]
        rc, _d, proc = run(["--db", str(db), "keys", "export", "--out", "bk/k.dvkey"], tmp_path)
        assert rc == 1 and not [p.name for p in (tmp_path / "bk").iterdir()], proc.stderr
    finally:
        holder.kill()
        holder.wait()



def test_messages_say_the_right_thing(tmp_path):
    rc, _d, proc = run(["--db", str(tmp_path / "z.db"), "init", "--unit-code", "99999", "--admin", "admin"], tmp_path)
    assert rc == 1 and "trong danh mục xã, phường." in proc.stderr and "danh mục danh mục" not in proc.stderr
    upper = _init(tmp_path, "upper.db", "--unit-code", "001", "--level", "upper")  # extra zeros never matter
    rc, data, _p = run(["--db", str(upper), "--json", "stats"], tmp_path)
    assert rc == 0 and list(data["units"]) == ["01"]
    db = _init(tmp_path)
    rc, _d, proc = run(["--db", str(db), "print", "reception-log", "--from", "2026-01-01", "--to", "2026-03-31",
                        "--out", str(tmp_path / "so.txt")], tmp_path)
    assert rc == 2 and "dùng .pdf" in proc.stderr and ".ndjson" not in proc.stderr
    rc, data, _p = run(["--db", str(db), "--json", "import",
                        str(_ndjson(tmp_path, '{"received_at":"2026-01-01T08:00"}'))], tmp_path)
    assert rc == 1 and data["errors"][0]["field"] == "type" and "None" not in data["errors"][0]["message"]


def test_check_of_a_damaged_file_keeps_its_result_shape(tmp_path):
    db = _init(tmp_path)
    with open(db, "r+b") as fh:  # a damaged page in the middle of the file
        fh.seek(8192)
        fh.write(b"\xff" * 4096)
    rc, data, _p = run(["--db", str(db), "--json", "check"], tmp_path)
    assert rc == 1 and data["ok"] is False and data["problems"][0]["kind"] == "damaged"


def test_argparse_slips_are_explained_in_vietnamese(tmp_path):
    rc, _d, proc = run(["--db", str(tmp_path / "q.db"), "init", "--unit-code", "4"], tmp_path)
    assert rc == 2 and "thiếu tham số bắt buộc: --admin" in proc.stderr and "required" not in proc.stderr
    rc, data, _p = run(["--json", "--lang", "en", "--db", str(tmp_path / "q.db"), "search", "a", "--limit", "x"],
                       tmp_path)
    assert rc == 2 and "invalid int value" in data["error"]["message"]


def test_errors_met_while_cleaning_up_go_to_the_log_not_under_the_message(tmp_path):
    """An .xlsx export on a full disk printed three tracebacks ("Exception ignored in: <function
    ZipFile.__del__>") under its clean message: such clean-up errors go to danvan.log."""
    code = ("from app.errorlog import install_log_file\n"
            "install_log_file()\n"
            "class Writer:\n"
            "    def __del__(self):\n"
            "        raise OSError(28, 'No space left on device')\n"
            "Writer()\n")
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DANVAN_", "XDG_"))}
    env.update({"XDG_STATE_HOME": str(tmp_path / "state"), "XDG_DATA_HOME": str(tmp_path / "data")})
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, cwd=tmp_path)
    assert proc.returncode == 0 and proc.stderr == ""
    logs = list((tmp_path / "state").rglob("danvan.log"))
    assert len(logs) == 1 and "No space left on device" in logs[0].read_text(encoding="utf-8")


def test_a_read_only_database_is_named_with_what_to_do(tmp_path):
    """"Không ghi được vào  (chỉ đọc…)" named no file: the message names it and says to copy it somewhere
    writable. (The immutable flag stops root too; where it cannot be set the test is skipped.)"""
    db = _init(tmp_path)
    for extra in ("-wal", "-shm"):
        Path(str(db) + extra).unlink(missing_ok=True)
    if subprocess.run(["chattr", "+i", str(db)], capture_output=True).returncode != 0:
        pytest.skip("chattr +i is not available here")
    try:
        rc, data, proc = run(["--db", str(db), "--json", "stats"], tmp_path)
    finally:
        subprocess.run(["chattr", "-i", str(db)], capture_output=True)
    assert rc == 1 and str(db) in data["error"]["message"] and "chép nó vào một thư mục" in data["error"]["message"]


def test_unreadable_import_files_are_refused_in_the_officers_words(tmp_path):
    """A folder, JSON nested 100,000 deep, NaN, a .docx renamed .xlsx and a CSV cell over 128 KB each printed
    Python's or a library's own English ("RecursionError", "File contains no valid workbook part", "field larger
    than field limit", "nested too deeply", "?"); each now gets a sentence that says what it is."""
    import zipfile

    db = _init(tmp_path)
    (tmp_path / "folder").mkdir()
    (tmp_path / "deep.json").write_text("[" * 100_000 + "]" * 100_000, encoding="utf-8")
    (tmp_path / "nan.ndjson").write_text('{"type": "dialogue", "participants": NaN}\n', encoding="utf-8")
    with zipfile.ZipFile(tmp_path / "letter.xlsx", "w") as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("word/document.xml", "<w:document/>")
    (tmp_path / "dialogue.csv").write_text("held_on,chair,topics\n2026-06-19,An," + "x" * 200_000 + "\n",
                                           encoding="utf-8")
    expected = {"folder": "là một thư mục", "deep.json": "dòng 1: không đọc được JSON: lồng quá nhiều tầng",
                "nan.ndjson": "dòng 1: không đọc được JSON: có giá trị JSON chuẩn không cho phép",
                "letter.xlsx": "không phải tệp Excel (.xlsx) hợp lệ", "dialogue.csv": "quá dài (tối đa"}
    for name, words in expected.items():
        rc, _d, proc = run(["--db", str(db), "import", name], tmp_path)
        assert rc == 1 and words in proc.stderr, (name, proc.stderr)
        assert not any(w in proc.stderr for w in ("Error", "``", "field limit", "workbook part", "Traceback"))


def test_a_missing_backup_or_bundle_is_called_missing_in_one_language(tmp_path):
    """`restore nonexist.db` mixed "không tìm thấy tệp / file not found"; `bundle import nope.dvb` said the file
    was not a bundle. Each now says it is not there, in the session's language."""
    db = _init(tmp_path)
    rc, _d, proc = run(["--db", str(db), "restore", "nonexist.db"], tmp_path)
    assert rc == 1 and "Không tìm thấy tệp nonexist.db" in proc.stderr and "file not found" not in proc.stderr
    rc, _d, proc = run(["--db", str(db), "--lang", "en", "restore", "nonexist.db"], tmp_path)
    assert rc == 1 and "nonexist.db not found" in proc.stderr and "không" not in proc.stderr
    upper = _init(tmp_path, "upper.db", "--unit-code", "01", "--level", "upper")
    rc, data, proc = run(["--db", str(upper), "--json", "bundle", "import", "nope.dvb"], tmp_path)
    assert rc == 1 and "Không tìm thấy tệp nope.dvb" in data["bundles"][0]["message"], proc.stdout


def test_an_xlsx_that_would_unpack_to_gigabytes_is_refused_before_it_is_read(tmp_path):
    """A 2 MB workbook whose one cell unpacks to 2 GB took minutes and 5 GB of memory before "no records";
    the zip directory's sizes refuse it at once. A real book still imports."""
    import zipfile

    db = _init(tmp_path)
    bomb = tmp_path / "bomb.xlsx"
    with zipfile.ZipFile(bomb, "w", compression=zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        with z.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as member:
            chunk = b"A" * (1024 * 1024)
            for _ in range(64):  # 64 MB of one letter: about 64 KB packed
                member.write(chunk)
    t0 = time.monotonic()
    rc, _d, proc = run(["--db", str(db), "import", "bomb.xlsx"], tmp_path)
    assert rc == 1 and "bung ra tới 64 MB" in proc.stderr and time.monotonic() - t0 < 20
    book = tmp_path / "reception.xlsx"
    wb = openpyxl.Workbook()
    wb.active.append(["Ngày tiếp", "Họ và tên", "Nội dung vụ việc", "Người tiếp"])
    wb.active.append(["15/11/2026", "Nguyễn Văn Hùng", "Tranh chấp đất", "Trần Văn Cán"])
    wb.save(book)
    rc, _d, proc = run(["--db", str(db), "import", "reception.xlsx"], tmp_path)
    assert rc == 0, proc.stderr


def test_a_folder_given_as_the_database_is_called_a_folder(tmp_path):
    """`--db FOLDER` read "Lỗi cơ sở dữ liệu: unable to open database file", and `init` on it "Đã có cơ sở dữ
    liệu"."""
    (tmp_path / "dulieu").mkdir()
    rc, _d, proc = run(["--db", "dulieu", "stats"], tmp_path)
    assert rc == 1 and "dulieu là một thư mục: --db cần tên một tệp" in proc.stderr
    rc, _d, proc = run(["--db", "dulieu", "init", "--unit-code", "4", "--admin", "admin"], tmp_path)
    assert rc == 1 and "là một thư mục" in proc.stderr and "Đã có" not in proc.stderr
