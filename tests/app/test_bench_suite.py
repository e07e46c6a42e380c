"""The benchmark suite's writer (`python -m bench` → BENCHMARKS.md) on tiny made-up figures: every target of steps
1–4 is listed with PASS/FAIL, its baseline and ratio, with the machine and the date. Nothing here is timed."""

from __future__ import annotations

import re
from datetime import datetime

from bench import bench_core, bench_gui, bench_reports, bench_sync
from bench.report import Section, render_all, render_section, replace_section

CORE = {"records": 2000, "generate_s": 0.1, "import_s": 0.5, "import_rate": 4000, "baseline_s": 0.05,
        "import_ratio": 10.5, "search_median_ms": 4.0, "search_p95_ms": 9.5, "search_max_ms": 12.0,
        "search_queries": 20, "search_hit_rate": 0.9, "db_mb": 4.0, "list_ms": {"count": 1.0, "first page": 0.5}}
GUI = {"db": "x.db", "db_mb": 40.0, "runs": 2, "start_s": 0.6, "bare_s": 0.2, "start_ratio": 3.0, "window_ms": 150,
       "rss_mb": 90.0, "bare_rss_mb": 60.0, "list_first_ms": 80.0, "list_warm_ms": 40.0, "list_rows": 1000,
       "list_fetched": 200, "records": 20000}
REPORTS = {"runs": 1, "t1": 1.0, "p1": 140, "t10": 12.5, "p10": 1387}
SYNC = {"communes": 2, "records_per_commune": 5, "export_records": 10, "runs": 1,
        "import": {"seconds": 0.4, "bundles": 2, "totals": {"imported": 10, "updated": 0, "ignored": 0,
                                                            "conflicts": 0, "quarantined": 0},
                   "statuses": ["imported"], "bundle_mb": 0.01, "db_mb": 1.0, "rss_mb": 100.0},
        "import_baseline": {"seconds": 0.01, "records": 10},
        "export": {"seconds": 2.5, "runs": [2.5], "records": 10, "bundle_mb": 0.01, "file": "x.dvb", "rss_mb": 90.0,
                   "baseline": {"seconds": 0.01, "records": 10, "select_s": 0.001, "select_rows": 12}}}


def sections() -> list[Section]:
    return [bench_core.section(CORE), bench_gui.section(GUI), bench_reports.section(REPORTS),
            bench_sync.section(SYNC)]


def _rows(text: str) -> list[list[str]]:
    return [[c.strip() for c in line.strip("|").split(" | ")] for line in text.splitlines()
            if line.startswith("| ") and not line.startswith("| figure") and not line.startswith("| step")]


def test_every_target_of_steps_1_to_4_is_listed_with_pass_or_fail():
    """Each step's targets appear in the summary and in its section's table, each with PASS or FAIL."""
    text = render_all(sections(), command="python -m bench", when=datetime(2026, 11, 23, 21, 0))
    expected_targets = ["≥ 30,000 records/s", "≤ 10×", "≤ 10 ms", "≤ 30 ms",  # step 1
                        "≤ 2.5× the bare window", "≤ 100 ms", "≤ 200 MB",  # step 2
                        "≤ 1.5 s", "≤ 12 s", "≤ 11×",  # step 3
                        "≤ 20 s", "≤ 2 s"]  # step 4
    summary = text.split("## Summary", 1)[1].split("\n## ", 1)[0]
    for target in expected_targets:
        assert re.search(rf"\| [^\n]*: {re.escape(target)} \|[^\n]*\| (PASS|\*\*FAIL\*\*) \|", summary), target
    figure_rows = [r for r in _rows(text) if len(r) == 6]
    assert len(figure_rows) == len(expected_targets)
    assert sorted(r[4] for r in figure_rows) == sorted(expected_targets)
    assert all(r[5] in ("PASS", "**FAIL**") for r in figure_rows)
    for heading in ("## Step 1 — core", "## Step 2 — GUI", "## Step 3 — printing", "## Step 4 — sync bundles"):
        assert heading in text


def test_verdicts_follow_the_figures():
    """A figure within its target is PASS, one beyond it FAIL (import 10.5× > 10×, export 2.5 s > 2 s, …)."""
    rows = {r[0]: r for r in _rows(render_all(sections(), command="c", when=datetime(2026, 1, 1))) if len(r) == 6}
    assert rows["Import time ÷ raw `executemany` of the same rows"][5] == "**FAIL**"
    assert rows["Search median"][5] == "PASS"
    assert rows["Import 2 bundles × 5 records at the upper level"][5] == "PASS"
    assert rows["Export a 10-record bundle"][5] == "**FAIL**"
    assert rows["Reception book, 10,000 entries (1387 pages)"][5] == "**FAIL**"
    assert rows["10,000 entries ÷ 1,000 entries"][3] == "12.5×"  # the ratio against the same run's baseline
    assert rows["Cold start to the main window (20,000 records)"][2].startswith("0.20 s")


def test_the_page_names_the_machine_and_the_date_and_counts_the_targets():
    """The machine line has CPU, cores, RAM, OS, Python and PySide6; the date; "N of M targets met"."""
    text = render_all(sections(), command="python -m bench", when=datetime(2026, 11, 23, 21, 5),
                      noisy="shared machine")
    assert "- **Date**: 2026-11-23 21:05" in text
    machine = next(line for line in text.splitlines() if line.startswith("- **Machine**"))
    for word in ("cores", "Python", "PySide6", "SQLite"):
        assert word in machine
    assert "- **Note**: shared machine" in text
    assert re.search(r"^\d+ of 12 targets met\.$", text, re.M)


def test_a_benchmark_that_did_not_run_is_listed_as_fail():
    """A benchmark that crashed leaves a FAIL row naming why, and the others' figures stay."""
    text = render_all(sections()[:3], command="python -m bench", when=datetime(2026, 1, 1),
                      missing={bench_sync.HEADING: "child exited 1"})
    assert "not run: child exited 1 | **FAIL** |" in text
    assert "## Step 3 — printing" in text


def test_one_module_write_replaces_only_its_own_section(tmp_path):
    """`python -m bench.<module> --write F` rewrites its section and keeps the others as they were."""
    out = tmp_path / "BENCHMARKS.md"
    out.write_text(render_all(sections(), command="python -m bench", when=datetime(2026, 1, 1)), encoding="utf-8")
    before = out.read_text(encoding="utf-8")
    better = dict(REPORTS, t10=9.0)
    replace_section(out, bench_reports.HEADING, render_section(bench_reports.section(better)))
    after = out.read_text(encoding="utf-8")
    def part(text, heading):
        return text.split(heading, 1)[1].split("\n## ", 1)[0]

    assert "| 9.00 s |" in part(after, "## Step 3") and "| 12.50 s |" not in part(after, "## Step 3")
    for heading in ("## Summary", "## Step 1 — core", "## Step 2 — GUI", "## Step 4 — sync bundles"):
        assert part(after, heading) == part(before, heading)
    assert after.count("## Step 3 — printing") == 1


def test_a_commune_bundle_derived_from_a_mix_is_that_commune_s_own():
    """Derived bundles (600 communes from three real exports): the commune's site, ids, references and case
    numbers; the mix's own lines untouched."""
    rid, pid = "01936c6c-5bc3-78fc-bab9-4e4987e0809f", "01936b9e-4c53-7732-bbae-2fd240377d59"
    mix = [{"entity": "reception", "id": rid, "owner_site": "mix", "rev": 1,
            "record": {"type": "reception", "id": rid, "case_no": "00004-2024-4"}},
           {"entity": "petition", "id": pid, "owner_site": "mix", "rev": 1,
            "record": {"type": "petition", "id": pid, "case_no": "00004-2024-5", "reception_id": rid}}]
    out = bench_sync.derive_records(mix, 7, "site-7", "00010", "00004")
    assert [o["owner_site"] for o in out] == ["site-7", "site-7"]
    assert out[0]["id"] == out[0]["record"]["id"] != rid and len(out[0]["id"]) == 36
    assert out[1]["record"]["reception_id"] == out[0]["id"]
    assert [o["record"]["case_no"] for o in out] == ["00010-2024-4", "00010-2024-5"]
    assert bench_sync.derive_records(mix, 8, "s", "00010", "00004")[0]["id"] != out[0]["id"]
    assert mix[0]["record"]["id"] == rid and mix[0]["owner_site"] == "mix"


def test_the_suite_writes_benchmarks_md_from_saved_figures(tmp_path):
    """`python -m bench --from-json F --out O` writes the whole page from a run's figures, nothing run; a
    benchmark that crashed in that run is a FAIL row; the exit status says whether every target was met."""
    import json

    from bench.__main__ import main

    run = {"when": "2026-11-23T21:00", "code": "commit abc1234", "quick": False, "loads": [3.9, 4.2],
           "results": {"core": CORE, "gui": GUI, "reports": REPORTS}, "missing": {"sync": "exited 1"}}
    saved = tmp_path / "last-run.json"
    saved.write_text(json.dumps(run), encoding="utf-8")
    out = tmp_path / "BENCHMARKS.md"
    assert main(["--from-json", str(saved), "--out", str(out)]) == 1
    text = out.read_text(encoding="utf-8")
    assert "- **Date**: 2026-11-23 21:00" in text and "- **Code**: commit abc1234" in text
    assert "load average up to 4.2" in text
    assert "| Step 4 | Step 4 — sync bundles | not run: exited 1 | **FAIL** |" in text
    assert text.count("| PASS |") + text.count("| **FAIL** |") == 2 * 10 + 1  # summary + tables, + the missing one


def test_a_partial_run_is_merged_into_the_last_full_one(tmp_path):
    """`--only gui` after a full run: the saved figures keep every benchmark (the summary then lists them all),
    each with the date it was measured; without an earlier run of the same kind nothing is merged."""
    import json

    from bench.__main__ import _merge_into_saved

    saved = tmp_path / "last-run.json"
    full = {"when": "2026-12-06T06:54", "code": "commit a", "quick": False, "loads": [0.5],
            "results": {"core": CORE, "gui": GUI, "reports": REPORTS, "sync": SYNC}, "missing": {}}
    part = {"when": "2026-12-06T07:07", "code": "commit b", "quick": False, "loads": [0.4],
            "results": {"gui": {**GUI, "start_s": 0.5}}, "missing": {}}
    assert _merge_into_saved(saved, part, ["gui"]) is None  # nothing saved yet
    saved.write_text(json.dumps(full), encoding="utf-8")
    assert _merge_into_saved(saved, {**part, "quick": True}, ["gui"]) is None  # a quick run never mixes in
    merged = _merge_into_saved(saved, part, ["gui"])
    assert list(merged["results"]) == ["core", "gui", "reports", "sync"]
    assert merged["results"]["gui"]["start_s"] == 0.5 and merged["results"]["core"] == CORE
    assert merged["whens"] == {"core": "2026-12-06T06:54", "gui": "2026-12-06T07:07",
                               "reports": "2026-12-06T06:54", "sync": "2026-12-06T06:54"}
    assert "commit b" in merged["code"] and "gui" in merged["code"]


def test_the_baselines_take_the_rows_of_the_current_schema(tmp_path):
    """The bare executemany baselines build their tables from the migrations: a column added by a later
    migration (receptions' notified_on, schema 4) must be there, or the benchmark stops before it measures."""
    import sqlite3

    from app.domain.validation import validate
    from app.services.demo_data import generate

    records = [validate(r, bench_core.TODAY).record for r in generate(60, seed=3, today=bench_core.TODAY)]
    assert bench_core.baseline_executemany(records, tmp_path) >= 0
    conn = sqlite3.connect(tmp_path / "baseline0.db")
    stored = sum(conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
                 for t in ("receptions", "petitions", "models", "dialogues"))
    conn.close()
    assert stored == 60
    lines = [{"entity": r["type"], "id": r["id"], "rev": 1, "owner_site": "s", "deleted": 0, "created_at": "t",
              "created_by": "u", "updated_at": "t", "updated_by": "u", "record": r} for r in records]
    conn = bench_sync._bare_db(tmp_path / "bare-sync.db")
    assert bench_sync._insert(conn, *bench_sync._rows(lines)) >= 0
    assert conn.execute("SELECT count(*) FROM receptions").fetchone()[0] == sum(
        r["type"] == "reception" for r in records)
    conn.close()


def test_the_sync_benchmark_inputs_are_accepted_by_the_upper_level(tmp_path, monkeypatch):
    """The step-4 benchmark writes its communes' bundles itself (write_bundle under each commune's own key): they
    must look like a real export, or the benchmark stops at its sanity check — after migration 0006 they declared
    the database schema (6) instead of the exchange schema (5) and the upper level refused them as newer. Two
    communes of a few records, imported through the real `import_bundles`."""
    monkeypatch.setattr(bench_sync, "CACHE", tmp_path / "cache")
    inputs = bench_sync.build_import_inputs(2, 8, log=lambda _m: None)
    measured = bench_sync.measure_import(inputs, tmp_path)
    assert measured["bundles"] == 2
    assert measured["statuses"] == ["imported"]
    assert measured["totals"]["imported"] == 16 and measured["totals"]["quarantined"] == 0
