"""Step-4 benchmarks: sync bundles (issue 6). Run on demand, never in CI:

    .venv/bin/python -m bench.bench_sync [--communes 600] [--records 1000] [--export-records 100000]
                                         [--quick] [--write BENCHMARKS.md]

- **Import at the upper level**: `communes` bundles of `records` records each, from as many communes, each with its
  own key pair registered at the upper level (`sync_keys.trust` of its `.dvkey`), imported in one call of
  `sync_import.import_bundles` — the real `danvan bundle import` path: one unlock of the upper level's keys, one
  backup, then per bundle verify → decrypt → validate → apply in ONE transaction → archive. Target ≤ 20 s.
- **Export of a 100,000-record commune**: `sync_export.export_bundle` (the real `danvan bundle export` path:
  unlock, pending changes, read, pseudonymise, gzip, encrypt, sign, write, fsync, read back and verify) on a
  commune database holding 100,000 records of the demo generator. Target ≤ 2 s.

Each figure is also given as a ratio against a baseline measured in the same run: a raw SQLite `executemany` of
the same rows into the same tables without indexes, triggers, search index, change log or audit (as bench_core).

How the 600 bundles are made (cached under bench/.cache/sync/, rebuilt when the code that shapes them changes):
three real commune databases ("mixes", demo generator with three seeds) are filled through the real import and
exported through the real export path; the upper level decrypts each mix's bundle, and for commune k the mix's
records get k's owner_site, ids (a 16-bit commune tag inside the UUID, references kept), case numbers (k's unit
code) and are written with `app.sync.bundle.write_bundle` under k's own key pair (signed by it, encrypted for the
upper level) — the same function the export uses. Building 600 full commune databases with scrypt-sealed keys
would take an hour and a gigabyte for the same bytes.

The timed parts run in a child process each, so their peak resident memory (ru_maxrss) is theirs alone.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
from datetime import datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CACHE = ROOT / "bench" / ".cache" / "sync"
HEADING = "## Step 4 — sync bundles"
PASSWORD = "Bench-2026!sync"
NOW = datetime(2026, 11, 23, 10, 0)
MIX_SEEDS = (11, 12, 13)
UPPER_CODE = "01"
IMPORT_TARGET_S = 20.0
EXPORT_TARGET_S = 2.0
# Bumped by hand when the way inputs are derived changes. The cache key also holds the schema version, the bundle
# format and the demo generator's source, so a new migration or generator rebuilds the inputs by itself
# (`--rebuild` forces it).
CACHE_VERSION = 1
SHAPING_SOURCES = ("app/services/demo_data.py",)


def _clock():
    from app.clock import Clock

    return Clock(NOW)


def _cache_key(*parts) -> str:
    from app.storage.migrations import SCHEMA_VERSION
    from app.sync.bundle import BUNDLE_FORMAT

    h = hashlib.sha256(repr((CACHE_VERSION, SCHEMA_VERSION, BUNDLE_FORMAT, parts)).encode())
    for rel in SHAPING_SOURCES:
        p = ROOT / rel
        if p.exists():
            h.update(p.read_bytes())
    return h.hexdigest()[:12]


def _copy_db(src: Path, dst: Path) -> None:
    """A database with its sealed key file (the WAL was checkpointed when the cache was made)."""
    from app.services.sync_keys import keys_path

    shutil.copyfile(src, dst)
    shutil.copyfile(keys_path(src), keys_path(dst))


def _checkpoint(path: Path) -> None:
    from app.storage.db import open_db

    db = open_db(path)
    db.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    db.close()


def _open(path: Path):
    from app.services.session import Session

    return Session.open(path, "admin", PASSWORD, clock=_clock())


def _commune_db(folder: Path, name: str, unit_code: str, n: int, seed: int, upper_keyfile: Path) -> Path:
    """A real (not demo) commune database with `n` generated records imported through the real import, its keys
    made, and its upper level's key trusted."""
    from app.services import setup, sync_keys
    from app.services.demo_data import generate
    from app.services.importing import import_file

    path = folder / f"{name}.db"
    for suffix in ("", "-wal", "-shm", ".keys"):
        Path(str(path) + suffix).unlink(missing_ok=True)
    info = setup.init(path, unit_code, "commune", "admin", PASSWORD, clock=_clock())
    src = folder / f"{name}.ndjson"
    unit_name = info.get("unit_name") if isinstance(info, dict) else None
    with open(src, "w", encoding="utf-8") as fh:
        for rec in generate(n, seed=seed, today=NOW.date(), **({"unit_name": unit_name} if unit_name else {})):
            fh.write(json.dumps(rec, ensure_ascii=False) + "\n")
    s = _open(path)
    try:
        res = import_file(s, src)
        assert not res.errors, res.errors[:3]
        sync_keys.trust(s, upper_keyfile)
        sync_keys.unlock(s, PASSWORD)  # keys made now, not inside the timed export
    finally:
        s.close()
    src.unlink()
    _checkpoint(path)
    return path


def _upper_db(folder: Path) -> Path:
    from app.services import setup, sync_keys

    path = folder / "upper.db"
    for suffix in ("", "-wal", "-shm", ".keys"):
        Path(str(path) + suffix).unlink(missing_ok=True)
    setup.init(path, UPPER_CODE, "upper", "admin", PASSWORD, clock=_clock())
    s = _open(path)
    try:
        sync_keys.export_keyfile(s, folder / "upper.dvkey", password=PASSWORD)
    finally:
        s.close()
    return path


# -- deriving one commune's bundle from a mix -----------------------------------------------------------------------

def _retag(record_id, k: int):
    """The mix record's id for commune k: its UUID with a 16-bit commune tag in the last group (order kept)."""
    if not isinstance(record_id, str) or len(record_id) != 36:
        return record_id
    return f"{record_id[:24]}{k:04x}{record_id[28:]}"


def derive_records(payload: list[dict], k: int, site_id: str, unit_code: str, mix_unit_code: str) -> list[dict]:
    """Commune k's copy of a mix's payload lines: its site, its ids, its case numbers."""
    out = []
    for line in payload:
        rec = dict(line["record"])
        rec["id"] = _retag(rec["id"], k)
        for ref in ("duplicate_of", "reception_id"):
            if rec.get(ref):
                rec[ref] = _retag(rec[ref], k)
        cn = rec.get("case_no")
        if isinstance(cn, str) and cn.startswith(mix_unit_code + "-"):
            rec["case_no"] = unit_code + cn[len(mix_unit_code):]
        out.append(dict(line, id=rec["id"], owner_site=site_id, record=rec))
    return out


def communes(n: int) -> list:
    """The first n commune-level units of the official list (realistic codes and names)."""
    from app.domain import units

    out = []
    for p in units.provinces():
        out.extend(units.communes_of(p.code))
    if n > len(out):
        raise SystemExit(f"only {len(out)} communes exist")
    return out[:n]


def build_import_inputs(n_communes: int, n_records: int, log=print) -> Path:
    """bench/.cache/sync/import-<key>/: upper.db (+ .keys) with every commune's key registered, and bundles/*.dvb.
    Made once per key; reused when complete (a `done` marker is written last)."""
    from uuid import UUID, uuid5

    from app.services import sync_export, sync_import, sync_keys
    from app.storage.migrations import EXCHANGE_SCHEMA_VERSION
    from app.sync import keyfile, keys
    from app.sync.bundle import verify_and_open, write_bundle

    folder = CACHE / f"import-{n_communes}x{n_records}-{_cache_key(n_communes, n_records, MIX_SEEDS)}"
    if (folder / "done").exists():
        return folder
    for old in CACHE.glob(f"import-{n_communes}x{n_records}-*"):
        shutil.rmtree(old, ignore_errors=True)
    (folder / "bundles").mkdir(parents=True)
    t0 = time.perf_counter()
    units = communes(n_communes + len(MIX_SEEDS))
    mix_units, units = units[-len(MIX_SEEDS):], units[:n_communes]
    upper = _upper_db(folder)
    u = _open(upper)
    try:
        upper_keys = sync_keys.unlock(u, PASSWORD).keypair
        mixes = []
        for seed, unit in zip(MIX_SEEDS, mix_units):
            log(f"mix {seed}: a {n_records:,}-record commune database, exported through the real path…")
            mix_db = _commune_db(folder, f"mix{seed}", unit.code, n_records, seed, folder / "upper.dvkey")
            s = _open(mix_db)
            try:
                (folder / "mix-out").mkdir(exist_ok=True)
                res = sync_export.export_bundle(s, folder / "mix-out", password=PASSWORD)
                sync_keys.export_keyfile(s, folder / "mix.dvkey", password=PASSWORD)
            finally:
                s.close()
            identity = keyfile.read_keyfile((folder / "mix.dvkey").read_bytes())
            manifest, stream = verify_and_open(Path(res["file"]), trusted={identity.fingerprint: identity},
                                               our_keys=upper_keys)
            mixes.append((manifest, list(stream), unit.code))
            for p in folder.glob(f"mix{seed}.db*"):
                p.unlink()
        shutil.rmtree(folder / "mix-out", ignore_errors=True)
        (folder / "mix.dvkey").unlink(missing_ok=True)
        upper_identity = sync_peers_identity(u)
        log(f"{n_communes} communes: key pairs, key files trusted at the upper level, bundles written…")
        kf_dir = folder / "keyfiles"
        kf_dir.mkdir()
        clock = _clock()
        for k, unit in enumerate(units):
            pair = keys.generate()
            site_id = str(uuid5(UUID(int=0), f"bench-commune-{unit.code}"))
            identity = keyfile.make_identity(pair, unit_code=unit.code, unit_name=unit.name, level="commune",
                                             site_id=site_id, clock=clock)
            kf = kf_dir / f"{unit.code}.dvkey"
            kf.write_bytes(keyfile.export_keyfile(pair, identity))
            sync_keys.trust(u, kf)
            manifest, payload, mix_code = mixes[k % len(mixes)]
            records = derive_records(payload, k, site_id, unit.code, mix_code)
            write_bundle(folder / "bundles", records, keys=pair, sender=identity, recipients=[upper_identity],
                         kind="changes", seq_from=manifest.seq_from, seq_to=manifest.seq_to, last_ack_seq=0,
                         schema_version=EXCHANGE_SCHEMA_VERSION, clock=clock)
            if (k + 1) % 100 == 0:
                log(f"  {k + 1} bundles")
        shutil.rmtree(kf_dir)
        # Sanity: the upper level accepts them (checked on the first bundle only, on a throwaway copy).
        first = sorted((folder / "bundles").glob("*.dvb"))[0]
        check = sync_import.verify_file(u, first)
        assert check["ok"], check
    finally:
        u.close()
    _checkpoint(upper)
    (folder / "done").write_text(f"built in {time.perf_counter() - t0:.0f} s\n")
    log(f"inputs built in {time.perf_counter() - t0:.0f} s")
    return folder


def sync_peers_identity(session):
    from app.storage import sync_peers

    return sync_peers.site_identity(session.db)[0]


def build_export_input(n_records: int, log=print) -> Path:
    """bench/.cache/sync/export-<key>/commune.db (+ .keys): a real commune with n_records records, keys made, its
    upper level's key trusted, nothing exported yet."""
    folder = CACHE / f"export-{n_records}-{_cache_key(n_records)}"
    if (folder / "done").exists():
        return folder
    for old in CACHE.glob(f"export-{n_records}-*"):
        shutil.rmtree(old, ignore_errors=True)
    folder.mkdir(parents=True)
    t0 = time.perf_counter()
    log(f"a {n_records:,}-record commune database for the export (imported through the real import)…")
    _upper_db(folder)
    _commune_db(folder, "commune", "00004", n_records, 1, folder / "upper.dvkey")
    (folder / "done").write_text(f"built in {time.perf_counter() - t0:.0f} s\n")
    log(f"built in {time.perf_counter() - t0:.0f} s")
    return folder


# -- the timed parts (each in its own child process) ----------------------------------------------------------------

def _maxrss_mb() -> float | None:
    """Peak resident memory of this process. VmHWM, not ru_maxrss: on Linux ru_maxrss survives exec, so a child
    would report its parent's peak when that was larger."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except (OSError, ValueError, IndexError):
        pass
    try:
        import resource
    except ImportError:  # Windows
        return None
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux


def measure_import(inputs: Path, work: Path) -> dict:
    """Copy the upper level's database, then import every bundle through `import_bundles` (timed)."""
    from app.services import sync_import

    db = work / "upper.db"
    _copy_db(inputs / "upper.db", db)
    files = sorted((inputs / "bundles").glob("*.dvb"))
    s = _open(db)
    try:
        t0, c0 = time.perf_counter(), time.process_time()
        res = sync_import.import_bundles(s, files, password=PASSWORD)
        seconds, cpu = time.perf_counter() - t0, time.process_time() - c0
        totals = {k: sum(b[k] for b in res["bundles"]) for k in ("imported", "updated", "ignored", "conflicts",
                                                                  "quarantined")}
        statuses = sorted({b["status"] for b in res["bundles"]})
    finally:
        s.close()
    return {"seconds": seconds, "cpu_s": cpu, "bundles": len(files), "totals": totals, "statuses": statuses,
            "bundle_mb": sum(f.stat().st_size for f in files) / 1e6, "db_mb": db.stat().st_size / 1e6,
            "rss_mb": _maxrss_mb()}


def measure_export(inputs: Path, work: Path, runs: int) -> dict:
    """Copy the commune's database, then export its pending changes `runs` times (each a complete bundle: no
    receipt comes back in between); the best run."""
    from app.services import sync_export

    db = work / "commune.db"
    _copy_db(inputs / "commune.db", db)
    s = _open(db)
    times, cpus, res = [], [], {}
    try:
        for k in range(runs):
            out = work / f"out{k}"
            out.mkdir()
            t0, c0 = time.perf_counter(), time.process_time()
            res = sync_export.export_bundle(s, out, password=PASSWORD)
            times.append(time.perf_counter() - t0)
            cpus.append(time.process_time() - c0)
    finally:
        s.close()
    size = Path(res["file"]).stat().st_size / 1e6
    return {"seconds": min(times), "cpu_s": cpus[times.index(min(times))], "runs": times, "records": res["records"],
            "bundle_mb": size,
            "file": res["file"], "rss_mb": _maxrss_mb()}


# -- baselines: raw executemany of the same rows --------------------------------------------------------------------

def _bare_tables(conn: sqlite3.Connection) -> None:
    from bench.bare_schema import bare_tables_sql

    for s in bare_tables_sql():
        conn.execute(s)


def _rows(records: list[dict]) -> tuple[dict, dict]:
    """Table rows of payload lines {entity, id, rev, owner_site, …, record}, as bench_core's baseline builds them."""
    from app.storage import records as store

    rows: dict[str, list[tuple]] = {}
    prows: dict[str, list[tuple]] = {}
    for line in records:
        e, rec = line["entity"], line["record"]
        der = store.derive(e, rec)
        rows.setdefault(e, []).append(
            (rec["id"], line["rev"], line["owner_site"], line["deleted"], line["created_at"], line["created_by"],
             line["updated_at"], line["updated_by"])
            + tuple(store._to_column(store._KINDS[e][c], rec.get(c)) for c in store.EXCHANGE_COLUMNS[e])
            + tuple(der[c] for c in store.DERIVED_COLUMNS[e]))
        for role, pos, p in store.persons_of(e, rec):
            prows.setdefault(e, []).append((rec["id"], role, pos) + tuple(p.get(c) for c in store.PERSON_COLUMNS)
                                           + (None, None))
    return rows, prows


def _insert(conn: sqlite3.Connection, rows: dict, prows: dict) -> float:
    from app.storage import records as store

    t0 = time.perf_counter()
    conn.execute("BEGIN")
    for e, rs in rows.items():
        cols = store.META_COLUMNS + store.EXCHANGE_COLUMNS[e] + store.DERIVED_COLUMNS[e]
        conn.executemany(f"INSERT INTO {store.TABLES[e]} ({', '.join(store.q(c) for c in cols)}) "
                         f"VALUES ({', '.join('?' * len(cols))})", rs)
    for e, rs in prows.items():
        pcols = ("record_id", "role", "pos") + store.PERSON_COLUMNS + ("name_fold", "name_sort")
        conn.executemany(f"INSERT INTO {store.PERSON_TABLES[e]} ({', '.join(pcols)}) "
                         f"VALUES ({', '.join('?' * len(pcols))})", rs)
    conn.execute("COMMIT")
    return time.perf_counter() - t0


def _bare_db(path: Path) -> sqlite3.Connection:
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA synchronous = NORMAL")
    _bare_tables(conn)
    return conn


def _decrypt(upper_db: Path, files: list[Path]) -> list[list[dict]]:
    from app.services import sync_import, sync_keys

    s = _open(upper_db)
    try:
        ours = sync_keys.unlock(s, PASSWORD).keypair
        out = []
        for f in files:
            from app.sync.bundle import verify_and_open

            _m, stream = verify_and_open(f, trusted=sync_import.trusted_communes(s), our_keys=ours)
            out.append(list(stream))
        return out
    finally:
        s.close()


def baseline_import(inputs: Path, work: Path) -> dict:
    """The same rows (every bundle's records, decrypted beforehand, untimed) inserted with bare executemany, one
    transaction per bundle as the import does; only the inserts and commits are timed."""
    files = sorted((inputs / "bundles").glob("*.dvb"))
    conn = _bare_db(work / "baseline-import.db")
    total, n = 0.0, 0
    for i in range(0, len(files), 50):  # decrypt in slices: never all records in memory at once
        for records in _decrypt(inputs / "upper.db", files[i:i + 50]):
            rows, prows = _rows(records)
            total += _insert(conn, rows, prows)
            n += len(records)
    conn.close()
    return {"seconds": total, "records": n}


def baseline_export(export_file: Path, inputs: Path, work: Path) -> dict:
    """The exported bundle's rows inserted with bare executemany (one transaction), and read back with a bare
    SELECT of every column of the commune's own tables (the read the export starts with)."""
    from app.services import sync_keys
    from app.storage import records as store
    from app.sync import keyfile
    from app.sync.bundle import verify_and_open

    # The commune's bundle is addressed to the upper level of the export cache; decrypt it there.
    s = _open(inputs / "upper.db")
    try:
        ours = sync_keys.unlock(s, PASSWORD).keypair
    finally:
        s.close()
    c = _open(work / "commune.db")
    try:
        sender = keyfile.read_keyfile(keyfile.export_keyfile(sync_keys.unlock(c, PASSWORD).keypair,
                                                             sync_peers_identity(c)))
    finally:
        c.close()
    _m, stream = verify_and_open(Path(export_file), trusted={sender.fingerprint: sender}, our_keys=ours)
    records = list(stream)
    rows, prows = _rows(records)
    conn = _bare_db(work / "baseline-export.db")
    insert_s = _insert(conn, rows, prows)
    conn.close()
    src = sqlite3.connect(work / "commune.db")
    t0 = time.perf_counter()
    n = 0
    for table in list(store.TABLES.values()) + list(store.PERSON_TABLES.values()):
        n += len(src.execute(f"SELECT * FROM {table}").fetchall())
    select_s = time.perf_counter() - t0
    src.close()
    return {"seconds": insert_s, "records": len(records), "select_s": select_s, "select_rows": n}


def child(argv: list[str]) -> int:
    """`python -m bench.bench_sync --child WHAT INPUTS [RUNS]`: one timed part in this fresh process; JSON out."""
    what, inputs = argv[0], Path(argv[1])
    with tempfile.TemporaryDirectory(dir=CACHE) as tmp:
        work = Path(tmp)
        if what == "import":
            r = measure_import(inputs, work)
        elif what == "export":
            r = measure_export(inputs, work, int(argv[2]))
            r["baseline"] = baseline_export(Path(r["file"]), inputs, work)
        elif what == "baseline-import":
            r = baseline_import(inputs, work)
        else:
            raise SystemExit(f"unknown part {what}")
    print(json.dumps(r))
    return 0


def _run_child(*args) -> dict:
    proc = subprocess.run([sys.executable, "-m", "bench.bench_sync", "--child", *map(str, args)], cwd=ROOT,
                          capture_output=True, text=True)
    if proc.returncode != 0:
        raise SystemExit(f"bench_sync child {args[0]} failed:\n{proc.stderr[-4000:]}")
    return json.loads(proc.stdout.strip().splitlines()[-1])


def run(n_communes: int = 600, n_records: int = 1000, export_records: int = 100_000, runs: int = 3,
        log=None) -> dict:
    log = log or (lambda m: print(m, file=sys.stderr))
    CACHE.mkdir(parents=True, exist_ok=True)
    imp_inputs = build_import_inputs(n_communes, n_records, log)
    exp_inputs = build_export_input(export_records, log)
    log("timing the import…")
    imp = _run_child("import", imp_inputs)
    log(f"  {imp['seconds']:.1f} s; baseline…")
    base = _run_child("baseline-import", imp_inputs)
    log(f"  baseline {base['seconds']:.1f} s; timing the export…")
    exp = _run_child("export", exp_inputs, runs)
    log(f"  {exp['seconds']:.2f} s")
    return {"communes": n_communes, "records_per_commune": n_records, "export_records": export_records,
            "runs": runs, "import": imp, "import_baseline": base, "export": exp}


# -- the report -------------------------------------------------------------------------------------------------------

def _per_record_us(m: dict) -> float:
    n = max(m["totals"]["imported"] + m["totals"]["updated"], 1)
    return 1e6 * (m.get("cpu_s") or m["seconds"]) / n


def _cpu(m: dict) -> str:
    return f"; CPU {m['cpu_s']:.{1 if m['cpu_s'] >= 10 else 2}f} s" if m.get("cpu_s") else ""


def section(r: dict):
    """This benchmark's section of BENCHMARKS.md (bench.report.Section)."""
    from bench.report import Figure, Section

    imp, base, exp = r["import"], r["import_baseline"], r["export"]
    n_imp = imp["totals"]["imported"]
    eb = exp["baseline"]
    figures = [
        Figure(f"Import {r['communes']} bundles × {r['records_per_commune']:,} records at the upper level",
               f"{imp['seconds']:.1f} s ({n_imp / imp['seconds']:,.0f} records/s){_cpu(imp)}",
               f"{base['seconds']:.1f} s raw `executemany` of the same {base['records']:,} rows",
               imp["seconds"] / base["seconds"], f"≤ {IMPORT_TARGET_S:.0f} s", imp["seconds"] <= IMPORT_TARGET_S),
        Figure(f"Export a {exp['records']:,}-record bundle",
               f"{exp['seconds']:.2f} s (best of {r['runs']}; {exp['bundle_mb']:.1f} MB){_cpu(exp)}",
               f"{eb['seconds']:.2f} s raw `executemany` of the same rows",
               exp["seconds"] / eb["seconds"], f"≤ {EXPORT_TARGET_S:.0f} s", exp["seconds"] <= EXPORT_TARGET_S),
    ]
    mem = []
    if imp.get("rss_mb"):
        mem.append(f"import {imp['rss_mb']:.0f} MB")
    if exp.get("rss_mb"):
        mem.append(f"export {exp['rss_mb']:.0f} MB")
    ok_import = imp["statuses"] == ["imported"] and n_imp == r["communes"] * r["records_per_commune"]
    notes = [
        f"Import: {imp['bundles']} bundles ({imp['bundle_mb']:.0f} MB), each from its own commune key registered at "
        f"the upper level, through `sync_import.import_bundles` (the `danvan bundle import` path: one key unlock and "
        f"one backup, then per bundle verify, decrypt, validate every record, apply in one transaction, archive); "
        f"result: {', '.join(f'{k} {v:,}' for k, v in imp['totals'].items())}"
        f"{'' if ok_import else ' — **NOT every record was imported**'}; upper-level database "
        f"{imp['db_mb']:.0f} MB afterwards. Export: `sync_export.export_bundle` on a commune holding "
        f"{r['export_records']:,} demo records (unlock, read, pseudonymise, gzip, encrypt, sign, write, fsync, read "
        f"back and verify); a bare `SELECT *` of its tables takes {eb['select_s']:.2f} s.",
        "",
        ("Peak resident memory of each timed process (VmHWM): " + ", ".join(mem) + ".") if mem else "",
        "",
        "CPU is the timed process's own processor time: on a machine shared with other work the wall time grows "
        "while it waits for a core, the CPU time much less, so it is what an idle laptop would roughly see.",
        "",
        f"Where the import's time goes (cProfile of 10 bundles; about {_per_record_us(imp):.0f} µs of CPU a record "
        f"here, against {1e6 * base['seconds'] / max(base['records'], 1):.0f} µs for the bare insert; 20 bundles "
        "into an empty upper level cost about 220 µs a record: the cost grows with the database — part of it was "
        "SQLite folding the WAL into the file (and syncing it) after every bundle's commit; an import run now folds "
        "it every 64 MB (`db.fewer_checkpoints`, −10 %); the rest is index and FTS upkeep on a 1.3 GB file): "
        "validating and normalising each record (`app/domain/validation.py`) ~30 %; building and writing the rows "
        "(`app/storage/records.py` `WritePlan`: derived columns, folding and sort keys, sealing the people's "
        "fields, then the inserts into tables with their indexes, FTS5 entries and change-log triggers) ~40 %; "
        "legal due dates of petitions (`app/domain/deadlines.py`) ~8 %; the audit chain ~4 %; decrypting, "
        "gunzipping and parsing the payload ~4 %; the sync import's own checks and bookkeeping under 10 %. "
        "Already done: orjson for the payload lines, one query per bundle for case numbers (was two per record), "
        "the export's payload streamed (its peak memory was 574 MB), fewer WAL folds. 20 s for 600,000 records "
        "leaves 33 µs a record — a bare `executemany` alone takes about that —, so no per-record validation fits: "
        "SYNC.md's prototype (~25 s) had no validation, search index or audit. A ratio target (as step 1's ≤ 10× "
        "the bare insert) would measure the code rather than the machine.",
        "",
        "Where the export's time goes now (100,000 records; timed by parts on this machine, 2026-12-06): SQLite "
        "writing the payload lines itself (`app/storage/payload_lines.py`: `json_object` per record and person, "
        "returned as UTF-8 bytes — no Python object per value) ~60 %, opening the 73,000 sealed ID numbers and "
        "making 9,000 pseudonyms (Python functions called from that query) ~15 %, the rest key unlock (scrypt, "
        "~50 ms), writing, fsync and the read-back check; gzip (level 3) runs on a worker thread beside the "
        "query. Done on 2026-12-06: rows read as tuples, a first export read in one walk, `binascii` for sealed "
        "values, the gzip thread (5.0–5.8 s → 3.3 s); then the lines built by SQLite (3.3 s → 1.4–1.8 s). Absent "
        "fields now travel as null (the exchange format reads null as absent): leaving each one out cost "
        "SQLite a third more time than building the whole line.",
    ]
    return Section(HEADING, "python -m bench.bench_sync", figures, notes=[n for n in notes if n is not None])


def main(argv=None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["--child"]:
        return child(argv[1:])
    ap = argparse.ArgumentParser()
    ap.add_argument("--communes", type=int, default=600)
    ap.add_argument("--records", type=int, default=1000)
    ap.add_argument("--export-records", type=int, default=100_000)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--quick", action="store_true", help="20 communes and a 10,000-record export (smoke)")
    ap.add_argument("--write", type=Path, help="BENCHMARKS.md to update (this section only)")
    ap.add_argument("--rebuild", action="store_true", help="make the cached inputs again")
    ap.add_argument("--json", type=Path, help="write the figures as JSON here (used by `python -m bench`)")
    args = ap.parse_args(argv)
    if args.rebuild:
        shutil.rmtree(CACHE, ignore_errors=True)
    if args.quick:
        args.communes, args.export_records, args.runs = 20, 10_000, 1
    r = run(args.communes, args.records, args.export_records, args.runs)
    print(json.dumps(r, indent=1))
    if args.json:
        args.json.write_text(json.dumps(r), encoding="utf-8")
    from bench.report import render_section, replace_section

    sec = section(r)
    print("\n".join(render_section(sec)))
    if args.write:
        replace_section(args.write, HEADING, render_section(sec))
    return 0 if all(f.ok for f in sec.figures) else 1


if __name__ == "__main__":
    sys.exit(main())
