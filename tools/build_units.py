"""Generate resources/data/admin_units.json from the pinned `vietnam-provinces` wheel.

vietnam-provinces 2026.x requires Python >= 3.12 and we run 3.11, so the wheel is not
installed: it is downloaded for a 3.12 target, unzipped, and its data files are read
without importing any of its code.

What is read from the wheel (vietnam_provinces/...):
  * data/nested-divisions.json  -> the 34 provinces and their 3,321 commune-level units
                                   (province code, name, division type; wards nested).
  * __init__.py                 -> __version__ and __data_version__ (parsed, not imported).
  * legacy/_lookup.py           -> PROVINCE_MAPPING, the pre-2025 63 provinces (parsed with
                                   `ast`, not imported); their codes, zero-padded to three
                                   digits, are the province prefix of a 12-digit CCCD number.

Note: the package's Python lookup table (_lookup.py) labels Quảng Ninh, Bắc Ninh and
Đồng Nai "Thành phố ... / thành phố trung ương", while its JSON data (used here) keeps them
as "Tỉnh ... / tỉnh", which matches Resolution 202/2025/QH15 (6 cities + 28 provinces).
The two also differ in the apostrophe of 7 ward names (JSON: U+2019, lookup: ASCII ').
One ward name in both starts lower-case ("xã Bắc Sơn", 06325); the type word is capitalised
here (see `tidy_name`), nothing else in the names is changed.

Usage:
    python tools/build_units.py                 # download the pinned wheel with pip
    python tools/build_units.py --wheel X.whl   # use a wheel already on disk (offline)
"""

from __future__ import annotations

import argparse
import ast
import hashlib
import json
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

PACKAGE = "vietnam-provinces"
VERSION = "2026.9.0"
WHEEL_NAME = "vietnam_provinces-2026.9.0-py3-none-any.whl"
# sha256 of the wheel as published on PyPI; a different file is refused.
WHEEL_SHA256 = "b5f3540a98937d38b9bebcbdb792fa4f5b9712737d41b05c7254beb2308ebcd1"

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "resources" / "data" / "admin_units.json"

EXPECTED_PROVINCES = 34
EXPECTED_WARDS = 3321
EXPECTED_LEGACY_PROVINCES = 63


def download_wheel(dest: Path) -> Path:
    cmd = [
        sys.executable, "-m", "pip", "download", "--no-deps", "--only-binary=:all:",
        "--python-version", "3.12", f"{PACKAGE}=={VERSION}", "-d", str(dest),
    ]
    subprocess.run(cmd, check=True)
    return dest / WHEEL_NAME


def check_wheel(wheel: Path) -> str:
    digest = hashlib.sha256(wheel.read_bytes()).hexdigest()
    if digest != WHEEL_SHA256:
        raise SystemExit(f"{wheel.name}: sha256 {digest} != pinned {WHEEL_SHA256}")
    return digest


def module_constants(source: str) -> dict[str, object]:
    """Top-level `NAME = <literal>` assignments of a module, without importing it."""
    out: dict[str, object] = {}
    for node in ast.parse(source).body:
        if isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(node.targets[0], ast.Name):
            try:
                out[node.targets[0].id] = ast.literal_eval(node.value)
            except ValueError:
                pass
    return out


def legacy_provinces(source: str) -> list[dict[str, str]]:
    """PROVINCE_MAPPING of legacy/_lookup.py: {code: Province('name', ProvinceCode.P_xx, ...)}."""
    for node in ast.parse(source).body:
        target = node.target if isinstance(node, ast.AnnAssign) else (
            node.targets[0] if isinstance(node, ast.Assign) else None)
        if isinstance(target, ast.Name) and target.id == "PROVINCE_MAPPING":
            mapping = node.value
            break
    else:
        raise SystemExit("legacy/_lookup.py: PROVINCE_MAPPING not found")
    out = []
    for key, call in zip(mapping.keys, mapping.values):
        code = ast.literal_eval(key)
        name = ast.literal_eval(call.args[0])
        enum_member = call.args[1].attr  # ProvinceCode.P_87
        if int(enum_member.removeprefix("P_")) != code:
            raise SystemExit(f"legacy province {code}: enum {enum_member} disagrees")
        out.append({"code": f"{code:03d}", "name": name})
    return sorted(out, key=lambda p: p["code"])


def tidy_name(name: str) -> str:
    """Capitalise the leading type word ("xã Bắc Sơn" -> "Xã Bắc Sơn"); names are otherwise kept."""
    return name[:1].upper() + name[1:]


def build(wheel: Path) -> dict:
    digest = check_wheel(wheel)
    with zipfile.ZipFile(wheel) as zf:
        def read(name: str) -> str:
            return zf.read(f"vietnam_provinces/{name}").decode("utf-8")

        meta = module_constants(read("__init__.py"))
        nested = json.loads(read("data/nested-divisions.json"))
        legacy = legacy_provinces(read("legacy/_lookup.py"))

    if meta.get("__version__") != VERSION:
        raise SystemExit(f"wheel says version {meta.get('__version__')!r}, expected {VERSION}")

    provinces, wards = [], []
    for p in nested:
        pcode = f"{int(p['code']):02d}"
        provinces.append({"code": pcode, "name": tidy_name(p["name"]), "division_type": p["division_type"]})
        for w in p["wards"]:
            wards.append({
                "code": f"{int(w['code']):05d}",
                "name": tidy_name(w["name"]),
                "province_code": pcode,
                "division_type": w["division_type"],
            })
    provinces.sort(key=lambda u: u["code"])
    wards.sort(key=lambda u: u["code"])

    counts = (len(provinces), len(wards), len(legacy))
    if counts != (EXPECTED_PROVINCES, EXPECTED_WARDS, EXPECTED_LEGACY_PROVINCES):
        raise SystemExit(f"unexpected counts (provinces, wards, legacy provinces): {counts}")
    for kind, rows in (("province", provinces), ("ward", wards), ("legacy province", legacy)):
        codes = [r["code"] for r in rows]
        if len(set(codes)) != len(codes):
            raise SystemExit(f"duplicate {kind} codes")

    return {
        "source": f"{PACKAGE} {VERSION}",
        "data_version": meta["__data_version__"],
        "wheel_sha256": digest,
        "provinces": provinces,
        "wards": wards,
        "legacy_provinces": legacy,
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--wheel", type=Path, help="use this wheel instead of downloading it")
    ap.add_argument("--out", type=Path, default=OUT)
    args = ap.parse_args(argv)

    with tempfile.TemporaryDirectory() as tmp:
        wheel = args.wheel or download_wheel(Path(tmp))
        data = build(wheel)

    args.out.parent.mkdir(parents=True, exist_ok=True)
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    args.out.write_text(text + "\n", encoding="utf-8")
    print(f"wrote {args.out} ({args.out.stat().st_size} bytes): {len(data['provinces'])} provinces, "
          f"{len(data['wards'])} wards, {len(data['legacy_provinces'])} legacy provinces, "
          f"data_version {data['data_version']}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
