"""Run the real `danvan` command and SIGKILL it at its K-th SQL statement — a test seam, never shipped.

    python -m tests.faults.killer K ARGS…      K = 0: run to the end and print "statements=N" on stderr

A kill at a random instant rarely lands inside a save that takes a few milliseconds after half a second of
start-up; counting the statements SQLite runs (its trace callback fires as each one starts, every row of an
executemany included) puts the kill inside the write itself: between two inserts, just before COMMIT, …
The process dies by SIGKILL exactly as under `kill -9`: no finally block, no atexit, no flush runs.
"""

from __future__ import annotations

import os
import signal
import sqlite3
import sys


def main() -> int:
    target = int(sys.argv[1])
    seen = 0
    real_connect = sqlite3.connect

    def trace(_statement: str) -> None:
        nonlocal seen
        seen += 1
        if seen == target:
            os.kill(os.getpid(), signal.SIGKILL)

    def connect(*args, **kwargs):
        conn = real_connect(*args, **kwargs)
        conn.set_trace_callback(trace)
        return conn

    sqlite3.connect = connect
    from app.cli import main as danvan

    rc = danvan(sys.argv[2:])
    if target == 0:
        print(f"statements={seen}", file=sys.stderr)
    return rc


if __name__ == "__main__":
    raise SystemExit(main())
