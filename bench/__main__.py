"""Every benchmark of steps 1–4 in one command, rewriting BENCHMARKS.md (issue 8):

    .venv/bin/python -m bench [--quick] [--only core,gui,reports,sync] [--out BENCHMARKS.md]

Each benchmark runs in its own process (`python -m bench.bench_<name> … --json F`), one after the other, so one's
memory and caches never colour the next; the figures come back as JSON and `bench.report.write_all` writes the
whole file: date, machine, a summary of every target with PASS/FAIL, then each step's section with its figures,
their baselines measured in the same run and the ratios. A benchmark that fails to run is listed as FAIL with the
reason. The figures are kept in bench/out/last-run.json (last-run.quick.json for --quick); `--from-json` writes the Markdown again from them (after a
change of wording) without running anything. `--quick` runs small sizes as a smoke test and writes bench/out/BENCHMARKS.quick.md unless --out is given
(its figures are not comparable with the targets). `--only` runs just those benchmarks and merges their figures
into the last run's, so the whole file — summary included — is written again, each section with its own date
(with no earlier run saved, it replaces just those sections). Exit status 0 when every target is met.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from datetime import datetime
from pathlib import Path

from bench import bench_core, bench_gui, bench_reports, bench_sync
from bench.report import render_section, replace_section, write_all

ROOT = Path(__file__).resolve().parent.parent

# name: (module, its section heading, full-size arguments, quick arguments)
BENCHES = {
    "core": (bench_core, bench_core.HEADING, [], ["--records", "20000"]),
    "gui": (bench_gui, bench_gui.HEADING, [], ["--records", "20000", "--runs", "2", "--list-runs", "2"]),
    "reports": (bench_reports, bench_reports.HEADING, [], ["--runs", "1"]),
    "sync": (bench_sync, bench_sync.HEADING, [], ["--quick"]),
}


def _load() -> float | None:
    try:
        return os.getloadavg()[0]
    except (OSError, AttributeError):
        return None


def code_state() -> str | None:
    """The commit measured, and whether the program's own files differed from it."""
    try:
        head = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True,
                              check=True).stdout.strip()
        dirty = subprocess.run(["git", "status", "--porcelain", "--", "app", "ui"], cwd=ROOT, capture_output=True,
                               text=True, check=True).stdout.splitlines()
    except (OSError, subprocess.CalledProcessError):
        return None
    return f"commit {head}" + (f" with uncommitted changes to {len(dirty)} file(s) of app/ and ui/ (work in "
                               "progress measured as it stood)" if dirty else "")


def run_one(name: str, quick: bool, folder: Path, log) -> dict:
    module, _heading, full, small = BENCHES[name]
    out = folder / f"{name}.json"
    cmd = [sys.executable, "-m", module.__name__, *(small if quick else full), "--json", str(out)]
    log(f"== {name}: {' '.join(cmd[1:])}")
    t0 = time.perf_counter()
    proc = subprocess.run(cmd, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=None)
    log(f"   {time.perf_counter() - t0:.0f} s, exit {proc.returncode}")
    if not out.exists():
        raise RuntimeError(f"`{' '.join(cmd[1:3])}` exited {proc.returncode} without figures")
    return json.loads(out.read_text(encoding="utf-8"))


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(prog="python -m bench", description=__doc__.split("\n\n")[0])
    ap.add_argument("--quick", action="store_true", help="small sizes, a smoke test")
    ap.add_argument("--only", help=f"comma-separated subset of {','.join(BENCHES)}")
    ap.add_argument("--from-json", type=Path, metavar="RESULTS",
                    help="write the Markdown from a run's saved figures (bench/out/last-run.json) without running")
    ap.add_argument("--note", help="a remark printed under the machine (e.g. what else the tree held)")
    ap.add_argument("--out", type=Path, help="the Markdown file to write (default BENCHMARKS.md, or "
                                             "bench/out/BENCHMARKS.quick.md with --quick)")
    args = ap.parse_args(argv)
    names = [n.strip() for n in args.only.split(",")] if args.only else list(BENCHES)
    unknown = [n for n in names if n not in BENCHES]
    if unknown:
        ap.error(f"unknown benchmark(s) {unknown}; choose among {list(BENCHES)}")

    def log(msg):
        print(msg, file=sys.stderr, flush=True)

    saved = ROOT / "bench" / "out" / ("last-run.quick.json" if args.quick else "last-run.json")
    if args.from_json:
        run_data = json.loads(args.from_json.read_text(encoding="utf-8"))
    else:
        run_data = {"when": datetime.now().isoformat(timespec="minutes"), "code": code_state(), "quick": args.quick,
                    "results": {}, "missing": {}, "loads": []}
        with tempfile.TemporaryDirectory() as tmp:
            for name in names:
                run_data["loads"].append(_load())
                try:
                    run_data["results"][name] = run_one(name, args.quick, Path(tmp), log)
                except Exception as exc:  # one benchmark failing must not lose the others' figures
                    log(f"   {name} failed: {exc}")
                    run_data["missing"][name] = str(exc)
                run_data["loads"].append(_load())
        merged = _merge_into_saved(saved, run_data, names) if args.only else None
        run_data = merged or run_data
        saved.parent.mkdir(parents=True, exist_ok=True)
        saved.write_text(json.dumps(run_data, indent=1), encoding="utf-8")
    if args.note:
        run_data["note"] = args.note
    when, code, quick = datetime.fromisoformat(run_data["when"]), run_data.get("code"), run_data.get("quick")
    out = args.out or (ROOT / "bench" / "out" / "BENCHMARKS.quick.md" if quick else ROOT / "BENCHMARKS.md")
    out.parent.mkdir(parents=True, exist_ok=True)
    sections = [BENCHES[n][0].section(r) for n, r in run_data["results"].items()]
    whens = run_data.get("whens") or {}
    for name, s in zip(run_data["results"], sections):
        s.when = datetime.fromisoformat(whens[name]) if name in whens else when
    missing = {BENCHES[n][1]: why for n, why in run_data["missing"].items()}
    loads = [x for x in run_data["loads"] if x is not None]
    cores = os.cpu_count() or 1
    noisy = None
    if loads and max(loads) > 0.75 * cores:
        noisy = (f"the machine was shared with other work during this run (1-minute load average up to "
                 f"{max(loads):.1f} on {cores} cores): absolute times are inflated and noisy; the ratios against "
                 "baselines measured in the same run are the steadier figures.")
    if quick:
        noisy = ("QUICK RUN (`--quick`): small sizes for a smoke test; the figures are not comparable with the "
                 "targets. " + (noisy or ""))
    if run_data.get("note"):
        noisy = f"{noisy} {run_data['note']}" if noisy else run_data["note"]
    if args.only and out.exists() and not run_data.get("whens"):
        # A subset: only those sections are replaced (each then names its own machine); the rest stays as it was.
        for s in sections:
            replace_section(out, s.heading, render_section(s))
    else:
        command = "python -m bench" + (" --quick" if quick else "")
        write_all(out, sections, command=command, when=when, missing=missing, noisy=noisy, code=code)
    log(f"wrote {out}")
    ok = not missing and all(f.ok for s in sections for f in s.figures)
    return 0 if ok else 1


def _merge_into_saved(saved: Path, run_data: dict, names: list[str]) -> dict | None:
    """`--only`: this run's figures merged into the last full run's (bench/out/last-run.json), so the file —
    summary included — always holds every benchmark; each section keeps the date it was measured. None when there
    is no earlier run of the same kind to merge into (then only the sections are replaced)."""
    try:
        prev = json.loads(saved.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if prev.get("quick") != run_data["quick"] or not prev.get("results"):
        return None
    whens = prev.get("whens") or {n: prev["when"] for n in prev["results"]}
    whens.update({n: run_data["when"] for n in run_data["results"]})
    results = {**prev["results"], **run_data["results"]}
    missing = {**{k: v for k, v in prev.get("missing", {}).items() if k not in names}, **run_data["missing"]}
    return {**run_data, "results": {n: results[n] for n in BENCHES if n in results}, "whens": whens,
            "missing": missing, "loads": prev.get("loads", []) + run_data["loads"],
            "code": f"{run_data['code']} for {', '.join(names)}; the other sections as dated in them"}


if __name__ == "__main__":
    sys.exit(main())
