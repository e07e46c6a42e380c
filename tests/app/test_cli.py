"""The `danvan` command as district scripts and the acceptance checks drive it: real subprocesses, real files."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

SAMPLE = Path(__file__).resolve().parents[3] / "shared" / "domain" / "samples" / "commune-sample.ndjson"
PASSWORD = "Kiem-tra-2026!"


def run(args, tmp_path, *, password=PASSWORD, user="admin", env_extra=None, stdin=subprocess.DEVNULL, timeout=60):
    env = {k: v for k, v in os.environ.items() if not k.startswith("DANVAN_")}
    env.update({"XDG_DATA_HOME": str(tmp_path / "xdg"), "XDG_STATE_HOME": str(tmp_path / "xdg"),
                "XDG_CONFIG_HOME": str(tmp_path / "xdg"), "DANVAN_BUSY_TIMEOUT": "1"})
    if password is not None:
        env["DANVAN_PASSWORD"] = password
    if user is not None:
        env["DANVAN_USER"] = user
    env.update(env_extra or {})
    proc = subprocess.run([sys.executable, "-m", "app", *args], capture_output=True, text=True, env=env,
                          stdin=stdin, timeout=timeout, cwd=tmp_path)
    data = None
    if "--json" in args and proc.stdout.strip():
        data = json.loads(proc.stdout)
    return proc.returncode, data, proc


@pytest.fixture
def db(tmp_path):
    path = tmp_path / "t.db"
    rc, data, proc = run(["--db", str(path), "--json", "init", "--unit-code", "4", "--admin", "admin"], tmp_path)
    assert rc == 0, proc.stderr
    return path


@pytest.fixture
def sample_db(db, tmp_path):
    if not SAMPLE.exists():
        pytest.skip("shared sample not beside the checkout")
    rc, data, proc = run(["--db", str(db), "--json", "import", str(SAMPLE)], tmp_path)
    assert rc == 0, proc.stderr
    return db


def total(db, tmp_path):
    rc, data, _ = run(["--db", str(db), "--json", "stats"], tmp_path)
    assert rc == 0
    return sum(data["total"].values())


def test_init_names_the_ward(tmp_path):
    """init --unit-code 4 (commune) stores and returns Phường Ba Đình with the zero-padded code."""
    rc, data, _ = run(["--db", str(tmp_path / "a.db"), "--json", "init", "--unit-code", "4", "--admin", "admin"], tmp_path)
    assert rc == 0
    assert data["unit_name"] == "Phường Ba Đình"
    assert data["unit_code"] == "00004"
    assert data["level"] == "commune" and len(data["fingerprint"].replace(" ", "")) == 40


def test_init_upper_level_uses_province_codes(tmp_path):
    """At --level upper, code 1 is Hà Nội (and 4 would be Cao Bằng), returned as "01"."""
    rc, data, _ = run(["--db", str(tmp_path / "u.db"), "--json", "init", "--unit-code", "1", "--level", "upper",
                       "--admin", "admin"], tmp_path)
    assert rc == 0
    assert data["unit_code"] == "01" and "Hà Nội" in data["unit_name"]


def test_init_unknown_code_is_refused_and_makes_no_file(tmp_path):
    """An unknown unit code exits 1 with a sentence, and leaves no database behind."""
    path = tmp_path / "x.db"
    rc, data, proc = run(["--db", str(path), "--json", "init", "--unit-code", "99999", "--admin", "admin"], tmp_path)
    assert rc == 1
    assert "99999" in data["error"]["message"]
    assert not path.exists()


def test_init_with_a_weak_password_is_bad_input_and_makes_no_file(tmp_path):
    """A password the rules refuse is bad input (exit 1, INTERFACES.md), said in a sentence; no database is left."""
    path = tmp_path / "x.db"
    rc, data, _proc = run(["--db", str(path), "--json", "init", "--unit-code", "4", "--admin", "admin"], tmp_path,
                          password="12345678")
    assert rc == 1 and data["error"]["code"] == "refused"
    assert "mật khẩu" in data["error"]["message"].lower()
    assert not path.exists()


def test_init_on_existing_database_is_refused(db, tmp_path):
    """init never re-initialises an existing database (exit 1)."""
    rc, data, _ = run(["--db", str(db), "--json", "init", "--unit-code", "4", "--admin", "admin"], tmp_path)
    assert rc == 1 and data["error"]["message"]


def test_import_sample_gives_60_and_reimport_changes_nothing(sample_db, tmp_path):
    """The shared sample imports as 60 records; importing it again reports every record unchanged."""
    assert total(sample_db, tmp_path) == 60
    rc, data, _ = run(["--db", str(sample_db), "--json", "import", str(SAMPLE)], tmp_path)
    assert rc == 0
    assert sum(data["unchanged"].values()) == 60
    assert sum(data["imported"].values()) == 0 and sum(data["updated"].values()) == 0
    assert total(sample_db, tmp_path) == 60


def test_bad_line_refuses_whole_file_and_names_the_line(sample_db, tmp_path):
    """A file with one bad line exits 1, names that line and field, and imports nothing."""
    lines = [json.dumps({"type": "dialogue", "held_on": f"2026-05-0{i}", "chair": "Nguyễn Đình Khôi",
                         "participants": 30, "topics": f"Đối thoại số {i}"}, ensure_ascii=False) for i in range(1, 10)]
    lines.append('{"type":"reception","received_at":"2026-13-40T08:00","host_name":"X","content":"Y","category":"petition"}')
    bad = tmp_path / "bad.ndjson"
    bad.write_text("\n".join(lines) + "\n", encoding="utf-8")
    rc, data, proc = run(["--db", str(sample_db), "--json", "import", str(bad)], tmp_path)
    assert rc == 1
    assert data["errors"][0]["line"] == 10
    assert data["errors"][0]["field"] == "received_at"
    assert "error" in data
    assert "dòng 10" in proc.stderr
    assert total(sample_db, tmp_path) == 60


def test_dry_run_writes_nothing(db, tmp_path):
    """--dry-run reports what would be imported and leaves the database unchanged."""
    if not SAMPLE.exists():
        pytest.skip("no sample")
    rc, data, _ = run(["--db", str(db), "--json", "import", "--dry-run", str(SAMPLE)], tmp_path)
    assert rc == 0 and sum(data["imported"].values()) == 60
    assert total(db, tmp_path) == 0


def test_search_is_diacritic_blind_with_d_folded(db, tmp_path):
    """`search "dang van duc"` finds Đặng Văn Đức (đ = d), first."""
    f = tmp_path / "one.ndjson"
    f.write_text(json.dumps({"type": "reception", "received_at": "2026-03-02T08:00", "host_name": "Phạm Văn Lộc",
                             "content": "Hỏi thủ tục cấp đổi giấy chứng nhận", "category": "petition",
                             "citizen": {"name": "Đặng Văn Đức", "id_number": "001089012345"}},
                            ensure_ascii=False) + "\n", encoding="utf-8")
    assert run(["--db", str(db), "import", str(f)], tmp_path)[0] == 0
    rc, data, _ = run(["--db", str(db), "--json", "search", "dang van duc"], tmp_path)
    assert rc == 0
    assert data["results"][0]["person"] == "Đặng Văn Đức"
    rc, data, _ = run(["--db", str(db), "--json", "search", "ĐẶNG VĂN ĐỨC"], tmp_path)
    assert data["results"] and data["results"][0]["person"] == "Đặng Văn Đức"
    rc, data, _ = run(["--db", str(db), "--json", "search", "001089012345"], tmp_path)
    assert [r["person"] for r in data["results"]] == ["Đặng Văn Đức"]


@pytest.mark.parametrize("query", ["123/QĐ-UBND", 'a" OR *', '"', "*", "NEAR(a b)", "-", "x AND", "'", ""])
def test_search_never_errors_on_fts_syntax(sample_db, tmp_path, query):
    """User input is quoted: FTS operators and stray quotes never cause an error."""
    rc, data, proc = run(["--db", str(sample_db), "--json", "search", query], tmp_path)
    assert rc == 0, proc.stderr
    assert isinstance(data["results"], list)


def test_viewer_import_exits_3(sample_db, tmp_path):
    """A viewer may read but not import: exit 3, nothing imported."""
    rc, _, proc = run(["--db", str(sample_db), "user", "add", "xem", "--role", "viewer"], tmp_path,
                      env_extra={"DANVAN_NEW_PASSWORD": "Xem-thu-2026"})
    assert rc == 0, proc.stderr
    f = tmp_path / "d.ndjson"
    f.write_text('{"type":"dialogue","held_on":"2026-05-01","chair":"A","topics":"B"}\n', encoding="utf-8")
    rc, data, _ = run(["--db", str(sample_db), "--json", "import", str(f)], tmp_path, user="xem", password="Xem-thu-2026")
    assert rc == 3 and data["error"]["code"] == "permission"
    assert total(sample_db, tmp_path) == 60


def test_wrong_password_exits_3(db, tmp_path):
    """A wrong password exits 3."""
    rc, data, _ = run(["--db", str(db), "--json", "stats"], tmp_path, password="sai-mat-khau")
    assert rc == 3 and data["error"]["code"] == "auth"


def test_no_password_and_no_terminal_exits_3_at_once(db, tmp_path):
    """Without DANVAN_PASSWORD and without a terminal the command exits 3 instead of waiting on a prompt."""
    rc, data, _ = run(["--db", str(db), "--json", "stats"], tmp_path, password=None, timeout=20)
    assert rc == 3


def test_usage_error_exits_2(db, tmp_path):
    """An unknown option is a usage error: exit 2, with a JSON error."""
    rc, data, _ = run(["--db", str(db), "--json", "stats", "--bogus"], tmp_path)
    assert rc == 2 and data["error"]["code"] == "usage"


def test_check_detects_a_row_edited_behind_the_application(sample_db, tmp_path):
    """check is ok on a clean database and not ok after a row is changed with the sqlite3 module directly."""
    rc, data, _ = run(["--db", str(sample_db), "--json", "check"], tmp_path)
    assert rc == 0 and data["ok"] is True
    conn = sqlite3.connect(sample_db)
    conn.execute("UPDATE receptions SET content = 'Nội dung bị sửa' WHERE rid = (SELECT min(rid) FROM receptions)")
    conn.commit()
    conn.close()
    rc, data, _ = run(["--db", str(sample_db), "--json", "check"], tmp_path)
    assert rc == 1 and data["ok"] is False
    assert any(p["kind"] == "changed" for p in data["problems"])


def test_check_detects_a_person_edited_behind_the_application(sample_db, tmp_path):
    """Changing a citizen's ID number in the people table is caught too."""
    conn = sqlite3.connect(sample_db)
    conn.execute("UPDATE petitions_persons SET id_number = '001999999999' WHERE rid = (SELECT min(rid) FROM petitions_persons)")
    conn.commit()
    conn.close()
    rc, data, _ = run(["--db", str(sample_db), "--json", "check"], tmp_path)
    assert rc == 1 and not data["ok"]


def test_old_accepted_complaint_in_progress_is_overdue(db, tmp_path):
    """A complaint accepted months ago and still in progress is counted overdue; a resolved one is not."""
    recs = [
        {"type": "petition", "received_on": "2026-03-02", "source": "post", "category": "complaint",
         "petitioners": [{"name": "Trần Văn Bình"}], "content": "Khiếu nại mức bồi thường",
         "status": "in_progress", "accepted_on": "2026-03-09", "direction": "accept"},
        {"type": "petition", "received_on": "2026-03-02", "source": "post", "category": "complaint",
         "petitioners": [{"name": "Lê Thị Hoa"}], "content": "Khiếu nại đã giải quyết",
         "status": "resolved", "accepted_on": "2026-03-09", "resolved_on": "2026-04-01", "direction": "accept"},
    ]
    f = tmp_path / "p.ndjson"
    f.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in recs) + "\n", encoding="utf-8")
    assert run(["--db", str(db), "import", str(f)], tmp_path)[0] == 0
    rc, data, _ = run(["--db", str(db), "--json", "stats"], tmp_path, env_extra={"DANVAN_NOW": "2026-11-23T09:00"})
    assert rc == 0 and data["overdue"] == 1
    rc, data, _ = run(["--db", str(db), "--json", "stats"], tmp_path, env_extra={"DANVAN_NOW": "2026-03-20T09:00"})
    assert data["overdue"] == 0  # on 20 March the 30-day limit had not passed


def test_stats_counts_receptions_not_answered_in_time(db, tmp_path):
    """`stats` adds `overdue_replies` (Reception Law Art. 28: 10 working days) and says it in a line."""
    rec = {"type": "reception", "received_at": "2027-01-04T08:30", "host_name": "Nguyễn Văn An",
           "citizen": {"name": "Trần Văn Bình"}, "content": "Xin giải quyết tranh chấp đất", "direction": "accept"}
    f = tmp_path / "r.ndjson"
    f.write_text(json.dumps(rec, ensure_ascii=False) + "\n", encoding="utf-8")
    later = {"DANVAN_NOW": "2027-01-20T09:00"}
    assert run(["--db", str(db), "import", str(f)], tmp_path, env_extra=later)[0] == 0
    rc, data, _ = run(["--db", str(db), "--json", "stats"], tmp_path, env_extra=later)
    assert rc == 0 and data["overdue_replies"] == 1 and data["overdue"] == 0
    rc, _data, proc = run(["--db", str(db), "stats"], tmp_path, env_extra=later)
    assert "Lượt tiếp quá hạn trả lời công dân: 1" in proc.stdout
    rc, data, _ = run(["--db", str(db), "--json", "stats"], tmp_path, env_extra={"DANVAN_NOW": "2027-01-18T09:00"})
    assert data["overdue_replies"] == 0  # due on 18/01: still in time that day


def test_english_messages(db, tmp_path):
    """--lang en gives English messages."""
    rc, data, _ = run(["--db", str(db), "--json", "--lang", "en", "stats"], tmp_path, password="nope")
    assert rc == 3 and "password" in data["error"]["message"].lower()


def test_backup_and_restore_round_trip(sample_db, tmp_path):
    """backup makes a checked copy; restore brings it back after more records were added."""
    out = tmp_path / "b.db"
    rc, data, _ = run(["--db", str(sample_db), "--json", "backup", "--out", str(out)], tmp_path)
    assert rc == 0 and out.exists()
    f = tmp_path / "d.ndjson"
    f.write_text('{"type":"dialogue","held_on":"2026-05-01","chair":"A","topics":"B"}\n', encoding="utf-8")
    assert run(["--db", str(sample_db), "import", str(f)], tmp_path)[0] == 0
    assert total(sample_db, tmp_path) == 61
    rc, data, proc = run(["--db", str(sample_db), "--json", "restore", str(out)], tmp_path)
    assert rc == 0, proc.stderr
    assert total(sample_db, tmp_path) == 60 and data["accounts_undone"] == []
    # an account made after the backup goes again with the restore, and the command says so
    rc, _d, proc = run(["--db", str(sample_db), "user", "add", "canbo2", "--role", "officer"], tmp_path,
                       env_extra={"DANVAN_NEW_PASSWORD": "Canbo-2026!moi"})
    assert rc == 0, proc.stderr
    rc, data, proc = run(["--db", str(sample_db), "restore", str(out)], tmp_path)
    assert rc == 0 and "trở lại như trong bản sao lưu" in proc.stdout and "canbo2" in proc.stdout
    rc, data, _ = run(["--db", str(sample_db), "--json", "check"], tmp_path)
    assert data["ok"], data


def test_restore_refuses_a_damaged_file(sample_db, tmp_path):
    """A file that is not a good backup is refused (exit 1) and the database is untouched."""
    junk = tmp_path / "junk.db"
    junk.write_bytes(b"SQLite format 3\x00" + b"\x00" * 200)
    rc, data, _ = run(["--db", str(sample_db), "--json", "restore", str(junk)], tmp_path)
    assert rc == 1
    assert total(sample_db, tmp_path) == 60


def test_user_list_and_admin_only(sample_db, tmp_path):
    """user add/list work for an admin; an officer is refused with exit 3."""
    rc, data, _ = run(["--db", str(sample_db), "--json", "user", "add", "canbo", "--role", "officer"], tmp_path,
                      env_extra={"DANVAN_NEW_PASSWORD": "Can-bo-2026"})
    assert rc == 0 and data == {"user": "canbo", "role": "officer"}
    rc, data, _ = run(["--db", str(sample_db), "--json", "user", "list"], tmp_path)
    assert {u["user"] for u in data["users"]} == {"admin", "canbo"}
    rc, data, _ = run(["--db", str(sample_db), "--json", "user", "list"], tmp_path, user="canbo", password="Can-bo-2026")
    assert rc == 3


def test_demo_is_deterministic_and_documented(tmp_path):
    """demo builds a marked demo database whose documented account logs in; the same seed gives the same counts."""
    rc, a, proc = run(["--db", str(tmp_path / "d1.db"), "--json", "demo", "--records", "300", "--seed", "7"], tmp_path)
    assert rc == 0, proc.stderr
    rc, b, _ = run(["--db", str(tmp_path / "d2.db"), "--json", "demo", "--records", "300", "--seed", "7"], tmp_path)
    assert a["counts"] == b["counts"] and sum(a["counts"].values()) == 300
    rc, s, _ = run(["--db", str(tmp_path / "d1.db"), "--json", "stats"], tmp_path, user="demo", password="Demo-2026!")
    assert rc == 0 and sum(s["total"].values()) == 300
    rc, c, _ = run(["--db", str(tmp_path / "d1.db"), "--json", "check"], tmp_path, user="demo", password="Demo-2026!")
    assert c["ok"], c


def test_demo_refuses_to_overwrite_a_real_database(db, tmp_path):
    """demo never replaces a real (non-demo) database."""
    rc, data, _ = run(["--db", str(db), "--json", "demo", "--records", "10"], tmp_path)
    assert rc == 1
    assert total(db, tmp_path) == 0


def test_a_locked_database_fails_cleanly_after_waiting(sample_db, tmp_path):
    """Another process holding the write lock: import waits the busy timeout, then exits 1 with a sentence; nothing changes."""
    holder = subprocess.Popen(
        [sys.executable, "-c",
         "import sqlite3, sys, time\n"
         "c = sqlite3.connect(sys.argv[1], isolation_level=None)\n"
         "c.execute('BEGIN IMMEDIATE')\n"
         "print('locked', flush=True)\n"
         "time.sleep(30)\n", str(sample_db)],
        stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "locked"
        f = tmp_path / "d.ndjson"
        f.write_text('{"type":"dialogue","held_on":"2026-05-01","chair":"A","topics":"B"}\n', encoding="utf-8")
        rc, data, proc = run(["--db", str(sample_db), "--json", "import", str(f)], tmp_path)
        assert rc == 1
        assert data["error"]["code"] == "busy"
        assert "Traceback" not in proc.stderr
    finally:
        holder.kill()
        holder.wait()
    assert total(sample_db, tmp_path) == 60
    rc, data, _ = run(["--db", str(sample_db), "--json", "check"], tmp_path)
    assert data["ok"]


def test_form03_book_imports_with_default_host(db, tmp_path):
    """The official Form 03 reception book (xlsx) imports; without --default-host it is refused once, clearly."""
    book = Path(__file__).resolve().parents[1] / "fixtures" / "form03" / "so_tiep_cong_dan.xlsx"
    rc, data, proc = run(["--db", str(db), "--json", "import", str(book)], tmp_path)
    assert rc == 1
    assert [e["field"] for e in data["errors"]] == ["host_name"]
    rc, data, proc = run(["--db", str(db), "--json", "import", str(book), "--default-host", "Nguyễn Văn Hùng"], tmp_path)
    assert rc == 0, proc.stderr
    assert data["imported"]["reception"] >= 6
    rc, data, _ = run(["--db", str(db), "--json", "check"], tmp_path)
    assert data["ok"]


def test_calendar_day_off_moves_due_dates(db, tmp_path):
    """An extra day off declared by the unit moves a working-day deadline that spans it."""
    rec = {"type": "petition", "received_on": "2026-11-02", "source": "post", "category": "petition",
           "petitioners": [{"name": "Trần Văn Bình"}], "content": "Kiến nghị sửa đường", "status": "received"}
    f = tmp_path / "p.ndjson"
    f.write_text(json.dumps(rec, ensure_ascii=False) + "\n", encoding="utf-8")
    assert run(["--db", str(db), "import", str(f)], tmp_path, env_extra={"DANVAN_NOW": "2026-11-03T09:00"})[0] == 0
    now = {"DANVAN_NOW": "2026-11-17T09:00"}
    rc, before, _ = run(["--db", str(db), "--json", "stats"], tmp_path, env_extra=now)
    rc, data, proc = run(["--db", str(db), "--json", "calendar", "off", "2026-11-05", "--note", "Nghỉ đột xuất"],
                         tmp_path, env_extra=now)
    assert rc == 0, proc.stderr
    assert data["due_dates_changed"] == 1
    rc, data, _ = run(["--db", str(db), "--json", "check"], tmp_path)
    assert data["ok"]
    rc, _data, proc = run(["--db", str(db), "calendar", "list"], tmp_path)  # in words, dates as written
    assert rc == 0 and "05/11/2026  ngày nghỉ thêm  Nghỉ đột xuất" in proc.stdout
    rc, _data, proc = run(["--db", str(db), "calendar", "work", "2026-09-02"], tmp_path)  # Quốc khánh, worked
    assert rc == 0 and "ngày lễ (Quốc khánh" in proc.stdout and "ngày làm việc khi tính hạn" in proc.stdout


def test_import_errors_name_the_excel_column(sample_db, tmp_path):
    """A table's error says the row and the Excel column of the cell, a list column's too ("petitioners.2.…")."""
    f = tmp_path / "petition.csv"
    f.write_text("received_on,category,content,petitioners.1.name,petitioners.2.name,petitioners.2.id_number\n"
                 "2026-11-02,petition,Kiến nghị sửa đường,Trần Văn Bình,Lê Thị Hoa,12345\n", encoding="utf-8")
    rc, data, proc = run(["--db", str(sample_db), "--json", "import", str(f)], tmp_path)
    assert rc == 1 and data["errors"][0]["field"] == "petitioners[2].id_number" and data["errors"][0]["column"] == "F"
    rc, _data, proc = run(["--db", str(sample_db), "import", str(f)], tmp_path)
    assert rc == 1 and "dòng 2, cột F (`petitioners[2].id_number`)" in proc.stderr
    # with the first petitioner's columns blank, the second becomes petitioners[1]: the column is still F
    f.write_text("received_on,category,content,petitioners.1.name,petitioners.2.name,petitioners.2.id_number\n"
                 "2026-11-02,petition,Kiến nghị sửa đường,,Lê Thị Hoa,12345\n", encoding="utf-8")
    rc, data, proc = run(["--db", str(sample_db), "--json", "import", str(f)], tmp_path)
    assert rc == 1 and (data["errors"][0]["field"], data["errors"][0]["column"]) == ("petitioners[1].id_number", "F")


def test_help_is_in_vietnamese(tmp_path):
    """`danvan --help` and a sub-command's help speak Vietnamese (argparse's own chrome is English)."""
    rc, _, proc = run(["--help"], tmp_path)
    assert rc == 0 and proc.stdout.startswith("Cách dùng: danvan") and "tùy chọn:" in proc.stdout
    rc, _, proc = run(["import", "--help"], tmp_path)
    assert rc == 0 and proc.stdout.startswith("Cách dùng: danvan import") and "Cách dùng: Cách dùng" not in proc.stdout


def test_recovery_key_resets_the_admin_and_keeps_the_data(sample_db, tmp_path):
    """init prints the recovery key once; `recovery-key use` with it gives the admin a new password that opens the
    encrypted ID numbers again; a wrong key changes nothing (exit 3); `recovery-key new` replaces it."""
    init_db = tmp_path / "k.db"
    rc, _, proc = run(["--db", str(init_db), "init", "--unit-code", "4", "--admin", "admin"], tmp_path)
    assert rc == 0 and "KHÓA KHÔI PHỤC" in proc.stdout
    rc, data, _ = run(["--db", str(sample_db), "--json", "recovery-key", "new"], tmp_path)
    assert rc == 0
    key = data["recovery_key"]
    new_pw = "Mat-khau-moi-2026!"
    wrong = "A" * 40
    rc, _, proc = run(["--db", str(sample_db), "recovery-key", "use", "admin"], tmp_path, user=None,
                      env_extra={"DANVAN_RECOVERY_KEY": wrong, "DANVAN_NEW_PASSWORD": new_pw})
    assert rc == 3 and "Khóa khôi phục không đúng" in proc.stderr
    assert total(sample_db, tmp_path) > 0  # the old password still works: nothing changed
    rc, _, proc = run(["--db", str(sample_db), "recovery-key", "use", "admin"], tmp_path, user=None,
                      env_extra={"DANVAN_RECOVERY_KEY": key.lower(), "DANVAN_NEW_PASSWORD": new_pw})
    assert rc == 0, proc.stderr
    rc, data, _ = run(["--db", str(sample_db), "--json", "search", "001051464779"], tmp_path, password=new_pw)
    assert rc == 0 and data["results"], data
    rc, data, _ = run(["--db", str(sample_db), "--json", "check"], tmp_path, password=new_pw)
    assert rc == 0 and data["ok"]


@pytest.mark.parametrize("argv, gui", [
    ([], True), (["--demo"], True), (["--db", "x.db", "--lang", "en"], True), (["--db=x.db", "--smoke"], True),
    (["stats"], False), (["--db", "x.db", "stats"], False), (["--help"], False), (["--version"], False),
    (["--db"], False), (["--bogus"], False), (["x.dvb"], False),
])
def test_the_desktop_start_skips_the_commands_parser_only_when_no_command_is_named(argv, gui):
    """Starting the desktop application builds only the options parser (every command's parser was a seventh of
    the start); it reads the same values as the full parser, and anything else goes to the full parser."""
    from app.cli import build_parser, names_no_command

    assert names_no_command(argv) is gui
    if gui:
        small, full = build_parser(commands=False).parse_args(argv), build_parser().parse_args(argv)
        assert vars(small) == vars(full) and small.command is None


def test_help_in_english_has_every_text_of_the_parser(capsys):
    """`--lang en --help` is English throughout: each help text the parser holds — of every command and
    sub-command — has its English, and argparse's headings follow; without --lang it stays Vietnamese."""
    import argparse

    from app.cli import build_parser, main
    from app.cli_help_en import HELP_EN

    texts = []

    def walk(p):
        texts.extend(t for t in (p.description, *(g.title for g in p._action_groups)) if t)
        for a in p._actions:
            if a.help and a.help is not argparse.SUPPRESS:
                texts.append(a.help)
            if isinstance(a, argparse._SubParsersAction):
                texts.extend(c.help for c in a._choices_actions if c.help)
                for sub in a.choices.values():
                    walk(sub)

    walk(build_parser())
    assert len(texts) > 60 and [t for t in texts if t not in HELP_EN] == []
    with pytest.raises(SystemExit):
        main(["--lang", "en", "keys", "--help"])
    out = capsys.readouterr().out
    assert out.startswith("usage: danvan keys") and "commands and arguments" in out
    assert "revoke a unit's key" in out and "thu hồi" not in out and "Cách dùng" not in out
    with pytest.raises(SystemExit):
        main(["keys", "--help"])
    assert "thu hồi khóa" in capsys.readouterr().out


def test_import_says_how_many_warnings_it_did_not_print(db, tmp_path):
    """Past fifty warnings the command says how many more there are (it stopped without a word)."""
    lines = [json.dumps({"type": "reception", "received_at": "2026-11-20T08:30", "host_name": "Nguyễn Văn An",
                         "citizen": {"name": f"Người số {i}", "id_number": "123456789"},
                         "content": f"Việc số {i}"}, ensure_ascii=False) for i in range(60)]
    f = tmp_path / "nhieu.ndjson"
    f.write_text("\n".join(lines) + "\n", encoding="utf-8")
    rc, _data, proc = run(["--db", str(db), "import", str(f)], tmp_path)
    assert rc == 0, proc.stderr
    assert "… và 10 cảnh báo khác (xem đủ với --json)" in proc.stdout


def test_export_takes_the_lists_filters(sample_db, tmp_path):
    """`export --search/--category/--status/--overdue` select what the lists on screen select (a script can
    export what an officer sees); an unknown category is a usage error that writes nothing."""
    expected = {}
    for line in SAMPLE.read_text(encoding="utf-8").splitlines():
        r = json.loads(line)
        if r.get("type") == "reception" and r.get("category") == "reflection":
            expected[r["id"]] = r["content"]
    out = tmp_path / "r.ndjson"
    base = ["--db", str(sample_db), "--json", "export", str(out), "--type", "reception"]
    rc, data, proc = run([*base, "--category", "reflection"], tmp_path)
    assert rc == 0, proc.stderr
    got = [json.loads(x) for x in out.read_text(encoding="utf-8").splitlines()[1:]]
    assert data["count"] == len(expected) > 0 and {r["id"] for r in got} == set(expected)

    rc, data, proc = run([*base, "--search", "tieng on xuong moc"], tmp_path)
    assert rc == 0, proc.stderr
    got = [json.loads(x) for x in out.read_text(encoding="utf-8").splitlines()[1:]]
    assert got and all("tiếng ồn của xưởng mộc" in r["content"] for r in got)
    assert len(got) < 31

    rc, _data, proc = run([*base, "--overdue"], tmp_path)
    assert rc == 0, proc.stderr

    other = tmp_path / "x.ndjson"
    rc, _data, proc = run(["--db", str(sample_db), "--json", "export", str(other), "--category", "nonsense"],
                          tmp_path)
    assert rc == 2 and not other.exists()
