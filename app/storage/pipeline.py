"""Overlapping Python work with SQLite work during a big write.

SQLite releases the GIL while it steps a statement, so one thread can prepare the next chunk of rows (validation
output → tuples, hashes) while another executes the previous chunk. Only the writer thread touches the
connection while the pipeline runs; statements keep their order; the first error stops everything and is
re-raised in the caller, whose transaction then rolls back.
"""

from __future__ import annotations

import queue
import sqlite3
import threading

_END = object()


class StatementPipeline:
    def __init__(self, conn: sqlite3.Connection, *, threaded: bool = True, depth: int = 2):
        self.conn = conn
        self.threaded = threaded
        self._queue: queue.Queue = queue.Queue(maxsize=depth)
        self._error: BaseException | None = None
        self._thread: threading.Thread | None = None

    def __enter__(self) -> "StatementPipeline":
        if self.threaded:
            self._thread = threading.Thread(target=self._run, name="danvan-writer", daemon=True)
            self._thread.start()
        return self

    def _run(self) -> None:
        while True:
            item = self._queue.get()
            if item is _END:
                return
            if self._error is not None:
                continue  # drain after a failure
            try:
                for sql, rows in item:
                    self.conn.executemany(sql, rows)
            except BaseException as exc:  # handed to the caller in __exit__
                self._error = exc

    def submit(self, statements: list[tuple[str, list[tuple]]]) -> None:
        if self._error is not None:
            raise self._error
        if not self.threaded:
            for sql, rows in statements:
                self.conn.executemany(sql, rows)
            return
        self._queue.put(statements)

    def __exit__(self, exc_type, exc, tb) -> None:
        if self._thread is not None:
            self._queue.put(_END)
            self._thread.join()
        if exc_type is None and self._error is not None:
            raise self._error
