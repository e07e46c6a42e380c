"""One window per data file: a second window is asked to use the first; a lock left by a program that died is
taken over without a question."""

from __future__ import annotations

import subprocess
import sys

from ui.instance_lock import lock_data_file, lock_path


def test_a_second_window_on_one_file_is_asked_first(qt_app, tmp_path, answer_boxes):
    db = tmp_path / "sodanvan.db"
    first = lock_data_file(db)
    assert first is not None and first.isLocked() and lock_path(db).exists()
    answer_boxes.push("Thoát")
    assert lock_data_file(db) is None
    assert answer_boxes.asked[-1]["text"].startswith("Sổ Dân Vận đang mở tệp dữ liệu này ở một cửa sổ khác")
    answer_boxes.push("Vẫn mở ở đây")  # the other computer was switched off without closing the program
    second = lock_data_file(db)
    assert second is not None  # opened, at the officer's word (the live first lock itself cannot be taken over)
    first.unlock()


def test_a_lock_left_by_a_program_that_died_is_taken_over(qt_app, tmp_path, answer_boxes):
    db = tmp_path / "sodanvan.db"
    code = ("import os, sys\nfrom PySide6.QtCore import QLockFile\n"
            f"lock = QLockFile({str(lock_path(db))!r}); lock.setStaleLockTime(0)\n"
            "assert lock.tryLock(100)\nos._exit(0)  # no unlock: a crash or a power cut\n")
    subprocess.run([sys.executable, "-c", code], check=True, timeout=60)
    assert lock_path(db).exists()
    asked = len(answer_boxes.asked)
    lock = lock_data_file(db)
    assert lock is not None and lock.isLocked() and len(answer_boxes.asked) == asked
    lock.unlock()
