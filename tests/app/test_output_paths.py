"""File names as officers give them (found by a review with Vietnamese, long and undecodable paths): an output never
replaces the installation's own files, a long legal name is written, a name Linux cannot decode is audited, a
missing or mistaken file is named for what it is, and a name without an extension is said to lack one."""

from __future__ import annotations

import errno
import os
import sqlite3
from pathlib import Path

import pytest

from app.errors import os_error_text
from app.io.part_files import NAME_MAX, WINDOWS_MAX_PATH, part_name
from tests.app.test_cli import run

SAMPLE = Path(__file__).resolve().parents[3] / "shared" / "domain" / "samples" / "commune-sample.ndjson"


@pytest.fixture
def db(tmp_path):
    folder = tmp_path / "Thư mục có dấu" / "Nguyễn Văn Bình's files"
    folder.mkdir(parents=True)
    path = folder / "Sổ 2026.db"
    rc, _data, proc = run(["--db", str(path), "--json", "init", "--unit-code", "4", "--admin", "admin"], tmp_path)
    assert rc == 0, proc.stderr
    return path


def _check_ok(db, tmp_path) -> None:
    rc, data, proc = run(["--db", str(db), "--json", "check"], tmp_path)
    assert rc == 0 and data["ok"], proc.stdout + proc.stderr


@pytest.mark.parametrize("target", ["{db}", "{db}.keys", "{db}-wal"])
def test_a_key_file_is_never_written_over_the_database_or_its_keys(db, tmp_path, target):
    """`keys export --out` given the database's own name replaced the data with a 556-byte key file (exit 0)."""
    before = db.read_bytes()
    keys_before = Path(f"{db}.keys").read_bytes()
    rc, data, proc = run(["--db", str(db), "--json", "keys", "export", "--out", target.format(db=db)], tmp_path)
    assert rc == 1, proc.stdout + proc.stderr
    assert data["error"]["message"].startswith("Không ghi ra ") and "tệp dữ liệu chương trình đang dùng" in \
        data["error"]["message"]
    assert Path(f"{db}.keys").read_bytes() == keys_before
    assert db.read_bytes() == before or sqlite3.connect(db).execute("PRAGMA quick_check").fetchone()[0] == "ok"
    _check_ok(db, tmp_path)
    rc, data, proc = run(["--db", str(db), "--json", "keys", "export", "--out", str(db.parent / "khóa xã.dvkey")],
                         tmp_path)
    assert rc == 0, proc.stderr  # the key store still opens


def test_outputs_of_every_kind_refuse_the_installations_own_files(db, tmp_path):
    from app.errors import DanvanError
    from app.services.session import Session
    from tests.app.test_cli import PASSWORD

    s = Session.open(db, "admin", PASSWORD)
    try:
        for own in s.own_files():
            with pytest.raises(DanvanError) as caught:
                s.refuse_as_output(own)
            assert caught.value.key == "output.own_file"
        s.refuse_as_output(db.with_name("Sổ 2026 (xuất).ndjson"))  # beside it is fine
        if os.name == "nt":  # the same file in other letters
            with pytest.raises(DanvanError):
                s.refuse_as_output(str(db).upper())
    finally:
        s.close()


def test_a_key_file_or_receipt_without_its_extension_is_refused(db, tmp_path):
    rc, data, proc = run(["--db", str(db), "--json", "keys", "export", "--out", str(db.parent / "khoa tinh")], tmp_path)
    assert rc == 2 and data["error"]["message"].startswith("Tệp khóa phải có đuôi .dvkey (đã cho: khoa tinh)")
    assert not (db.parent / "khoa tinh").exists()


def test_a_name_without_extension_is_said_to_lack_one(db, tmp_path):
    out = db.parent / "Mô hình Dân vận khéo 2026"
    rc, data, proc = run(["--db", str(db), "--json", "print", "models", "--year", "2026", "--out", str(out)], tmp_path)
    assert rc == 2 and data["error"]["message"] == "Tên tệp Mô hình Dân vận khéo 2026 chưa có đuôi — hãy thêm một " \
                                                   "trong các đuôi .pdf."
    rc, data, proc = run(["--db", str(db), "--json", "export", str(out)], tmp_path)
    assert rc == 2 and "chưa có đuôi" in data["error"]["message"] and ".xlsx" in data["error"]["message"]


def test_a_long_legal_file_name_is_written(db, tmp_path):
    """A 250-byte Vietnamese name is legal (255 allowed): the temporary name's 15 more bytes refused it."""
    words = ("Sổ tiếp công dân phường Ba Đình năm 2026 " * 10).split()
    stem = ""
    while len((stem + " " + words[0] + ".ndjson").encode()) <= 250:
        stem = (stem + " " + words.pop(0)).strip()
    name = stem + ".ndjson"
    assert 240 < len(name.encode()) <= NAME_MAX
    out = db.parent / name
    rc, data, proc = run(["--db", str(db), "--json", "export", str(out)], tmp_path)
    assert rc == 0, proc.stdout + proc.stderr
    assert out.is_file() and not [p for p in out.parent.iterdir() if p.name.endswith(".part")]
    rc, data, proc = run(["--db", str(db), "--json", "backup", "--out", str(db.parent / (stem + ".db"))], tmp_path)
    assert rc == 0, proc.stdout + proc.stderr


def test_the_temporary_name_stays_within_the_limits():
    short = Path("C:/Users/An/Documents/xuất.xlsx")
    assert part_name(short, "0a1b2c3d") == ".0a1b2c3d.xuất.xlsx.part"
    long_name = Path("/d/" + "ổ" * 80 + ".xlsx")  # 240 + bytes
    assert part_name(long_name, "0a1b2c3d") == ".0a1b2c3d.xlsx.part"
    deep = Path("C:/" + "a" * (WINDOWS_MAX_PATH - 20) + "/b.pdf")  # the file fits 259 characters, the temp would not
    assert len(str(deep)) <= WINDOWS_MAX_PATH and part_name(deep, "0a1b2c3d") == ".0a1b2c3d.pdf.part"


def test_a_too_long_name_is_said_in_vietnamese():
    assert os_error_text(OSError(errno.ENAMETOOLONG, "File name too long")).startswith("tên tệp hoặc đường dẫn quá dài")


@pytest.mark.skipif(os.name == "nt", reason="Windows file names are always Unicode")
def test_a_file_name_linux_cannot_decode_is_written_and_audited(db, tmp_path):
    """Bytes of an old Windows code page in a name (a stick written elsewhere): the audit entry's hash could not
    encode the name (TypeError, exit 1)."""
    import subprocess
    import sys

    from tests.app.test_cli import PASSWORD

    out = os.fsencode(db.parent) + b"/xu\xf4t.ndjson"
    env = {k: v for k, v in os.environ.items() if not k.startswith("DANVAN_")}
    env.update(DANVAN_PASSWORD=PASSWORD, DANVAN_USER="admin", XDG_STATE_HOME=str(tmp_path / "xdg"),
               XDG_DATA_HOME=str(tmp_path / "xdg"))
    proc = subprocess.run([sys.executable, "-m", "app", "--db", str(db), "export", out], capture_output=True,
                          env=env, cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr.decode()
    assert os.path.exists(out)
    _check_ok(db, tmp_path)


def test_a_missing_key_file_receipt_or_bundle_is_said_to_be_missing(db, tmp_path):
    missing = db.parent / "không có.dvkey"
    rc, data, proc = run(["--db", str(db), "--json", "keys", "trust", str(missing)], tmp_path)
    assert rc == 1 and data["error"]["message"].startswith(f"Không tìm thấy tệp khóa {missing}")
    rc, data, proc = run(["--db", str(db), "--json", "keys", "trust", str(db.parent)], tmp_path)
    assert rc == 1 and "là một thư mục" in data["error"]["message"]
    rc, data, proc = run(["--db", str(db), "--json", "ack", "import", str(db.parent / "bn.dvack")], tmp_path)
    assert rc == 1 and data["error"]["message"].startswith("Không tìm thấy biên nhận")
    rc, data, proc = run(["--db", str(db), "--json", "bundle", "verify", str(db.parent / "goi.dvb")], tmp_path)
    assert rc == 1, proc.stdout
    assert "Không tìm thấy tệp" in proc.stdout + proc.stderr


def test_a_database_name_spelled_with_other_accent_code_points_is_pointed_to(tmp_path):
    """"Cấp tỉnh Cao Bằng.db" copied from a Mac (decomposed accents) and the same name typed (composed): `init`
    made a second database that looks identical in every folder listing; other commands said "no database"."""
    import unicodedata

    folder = tmp_path / "Tài liệu"
    folder.mkdir()
    name = "Cấp tỉnh Cao Bằng.db"
    mac = folder / unicodedata.normalize("NFD", name)
    rc, _d, proc = run(["--db", str(mac), "--json", "init", "--level", "upper", "--unit-code", "1", "--admin", "tinh"],
                       tmp_path, user="tinh")
    assert rc == 0, proc.stderr
    typed = folder / unicodedata.normalize("NFC", name)
    assert typed.name != mac.name
    rc, data, proc = run(["--db", str(typed), "--json", "init", "--level", "upper", "--unit-code", "1", "--admin",
                          "tinh"], tmp_path, user="tinh")
    assert rc == 1 and "đọc giống hệt" in data["error"]["message"]
    assert sorted(p.name for p in folder.iterdir()) == sorted([mac.name, mac.name + ".keys"])
    rc, data, proc = run(["--db", str(typed), "--json", "stats"], tmp_path, user="tinh")
    assert rc != 0 and "gõ dấu theo kiểu khác" in data["error"]["message"]
