"""Step-3 benchmark: printing the reception book (Sổ tiếp công dân). Run on demand, never in CI:

    .venv/bin/python -m bench.bench_reports [--runs 3] [--write BENCHMARKS.md]

Two databases of demo receptions (app.services.demo_data.generate, receptions only, written with apply_records):
1,000 and 10,000 entries in the printed period. Each is printed through the same entry point as the CLI
(app.services.printing.print_document: query, masking, layout, PDF written, audit), median of `runs`.
Targets: 1,000 entries ≤ 1.5 s; 10,000 entries ≤ 12 s and ≤ 11× the 1,000-entry time of the same run.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from datetime import datetime
from pathlib import Path

from bench.report import replace_section

ROOT = Path(__file__).resolve().parent.parent
HEADING = "## Step 3 — printing"
PASSWORD = "Bench-2026!pw"


def make_db(folder: Path, n: int):
    """A commune database with exactly n receptions (all dated within the demo's two years)."""
    from app.clock import Clock
    from app.services import setup
    from app.services.demo_data import generate
    from app.services.records import Incoming, apply_records
    from app.services.session import Session

    path = folder / f"book{n}.db"
    clock = Clock(datetime(2026, 11, 23, 10, 0))
    setup.init(path, "4", "commune", "admin", PASSWORD, clock=clock)
    session = Session.open(path, "admin", PASSWORD, clock=clock)
    batch, seen, k = [], 0, 0
    for rec in generate(n * 3, seed=7, today=clock.today(), unit_name="Phường Ba Đình"):
        if rec["type"] != "reception":
            continue
        rec = dict(rec)
        rec.pop("id", None)
        batch.append(Incoming(k + 1, rec))
        k += 1
        if k == n:
            break
    res = apply_records(session, batch)
    assert not res.errors, res.errors[:3]
    seen = len(batch)
    assert seen == n, seen
    return session


def time_print(session, out: Path, runs: int) -> tuple[float, dict]:
    from app.services.printing import print_document

    times, res = [], {}
    for _ in range(runs):
        t0 = time.perf_counter()
        res = print_document(session, "reception-log", out, {"date_from": "2020-01-01", "date_to": "2026-12-31"})
        times.append(time.perf_counter() - t0)
    return statistics.median(times), res


T1_TARGET, T10_TARGET, RATIO_TARGET = 1.5, 12, 11


def run(runs: int) -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        results = {}
        for n in (1_000, 10_000):
            session = make_db(folder, n)
            seconds, res = time_print(session, folder / f"book{n}.pdf", runs)
            assert res["entries"] == n, res
            results[n] = (seconds, res["pages"])
            print(f"{n:>6} entries: {seconds:.2f} s, {res['pages']} pages", file=sys.stderr)
            session.close()
    (t1, p1), (t10, p10) = results[1_000], results[10_000]
    return {"runs": runs, "t1": t1, "p1": p1, "t10": t10, "p10": p10}


def section(r: dict):
    """This benchmark's section of BENCHMARKS.md (bench.report.Section)."""
    from bench.report import Figure, Section

    t1, t10 = r["t1"], r["t10"]
    ratio = t10 / t1
    figures = [
        Figure(f"Reception book, 1,000 entries ({r['p1']} pages)", f"{t1:.2f} s", "", None, f"≤ {T1_TARGET} s",
               t1 <= T1_TARGET),
        Figure(f"Reception book, 10,000 entries ({r['p10']} pages)", f"{t10:.2f} s",
               f"{t1:.2f} s for 1,000 entries", ratio, f"≤ {T10_TARGET} s", t10 <= T10_TARGET),
        Figure("10,000 entries ÷ 1,000 entries", f"{ratio:.1f}×", f"{t1:.2f} s for 1,000 entries", ratio,
               f"≤ {RATIO_TARGET}×", ratio <= RATIO_TARGET),
    ]
    intro = ["The reception book (A4 landscape, Form 03) printed through `print_document` (query, masking, layout, "
             f"file, audit) from demo receptions; median of {r['runs']} runs. The baseline of the 10,000-entry book "
             "is the 1,000-entry book of the same run (the target: time grows no faster than the entries)."]
    notes = [
        "The book's table is `BookTable` (app/reports/reception_log.py): each row is made and measured once (every "
        "text cell laid out at its column width in the cell's faces), a page takes the rows whose heights fit, and "
        "each page's header, text and grid are written straight to the canvas — the header's operators once per "
        "document. ReportLab's Table measured each Paragraph about three times and restyled every page's table "
        "(9.0 s and 82 s before).",
        "Where the time goes now (cProfile, 1,000 entries): saving the file (fonts subsetted, pages compressed and "
        "ASCII85-encoded, ~30 %), laying out the cells' lines (~25 %), the query and masking, writing the pages' "
        "text; ReportLab's C accelerator (`rl-accel`) is not needed.",
    ]
    return Section(HEADING, f"python -m bench.bench_reports --runs {r['runs']} --write BENCHMARKS.md", figures,
                   intro=intro, notes=notes)


def main(argv=None) -> int:
    import json

    from bench.report import render_section

    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--write", type=Path, help="BENCHMARKS.md to update")
    ap.add_argument("--json", type=Path, help="write the figures as JSON here (used by `python -m bench`)")
    args = ap.parse_args(argv)
    r = run(args.runs)
    sec = section(r)
    lines = render_section(sec)
    print("\n".join(lines))
    if args.json:
        args.json.write_text(json.dumps(r), encoding="utf-8")
    if args.write:
        replace_section(args.write, HEADING, lines)
    return 0 if all(f.ok for f in sec.figures) else 1


if __name__ == "__main__":
    sys.exit(main())
