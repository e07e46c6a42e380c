"""Maintain the Qt catalogues in resources/translations/ (English source, Vietnamese translation).

Each area of the interface has its own catalogue, so people can translate different screens at once:

  python tools/translations.py update AREA FILE.py…   extract the strings of these files into AREA_vi.ts
  python tools/translations.py todo AREA              print the untranslated strings as JSON {source: ""}
  python tools/translations.py apply AREA FILE.json   set translations from {source: translation}
  python tools/translations.py build                  compile every *_vi.ts into .qm (shipped)
  python tools/translations.py check                  fail if a string of ui/ has no finished translation
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TS_DIR = ROOT / "resources" / "translations"
LANG = "vi"


def _tool(name: str) -> str:
    for cand in (Path(sys.executable).parent / f"pyside6-{name}", shutil.which(f"pyside6-{name}")):
        if cand and Path(cand).exists():
            return str(cand)
    raise SystemExit(f"pyside6-{name} not found: install the project (pip install -e .)")


def ts_path(area: str) -> Path:
    return TS_DIR / f"{area}_{LANG}.ts"


def update(area: str, files: list[str]) -> None:
    TS_DIR.mkdir(parents=True, exist_ok=True)
    subprocess.run([_tool("lupdate"), "-no-obsolete", "-locations", "none", "-target-language", "vi_VN", *files,
                    "-ts", str(ts_path(area))], check=True)


def _messages(ts: Path):
    tree = ET.parse(ts)
    for ctx in tree.getroot().iter("context"):
        cname = ctx.findtext("name")
        for msg in ctx.iter("message"):
            yield tree, cname, msg


def todo(area: str) -> dict:
    out = {}
    for _tree, _c, msg in _messages(ts_path(area)):
        tr = msg.find("translation")
        if tr is None or tr.get("type") in ("unfinished",) or not (tr.text or "").strip():
            out[msg.findtext("source")] = ""
    return out


def apply(area: str, mapping_file: str) -> None:
    mapping = json.loads(Path(mapping_file).read_text(encoding="utf-8"))
    path = ts_path(area)
    tree = ET.parse(path)
    missing = []
    for ctx in tree.getroot().iter("context"):
        for msg in ctx.iter("message"):
            src = msg.findtext("source")
            if src in mapping and mapping[src]:
                tr = msg.find("translation")
                if tr is None:
                    tr = ET.SubElement(msg, "translation")
                tr.text = mapping[src]
                tr.attrib.pop("type", None)
            elif msg.find("translation") is None or msg.find("translation").get("type") == "unfinished":
                missing.append(src)
    ET.indent(tree)
    tree.write(path, encoding="utf-8", xml_declaration=True)
    if missing:
        print(f"{len(missing)} still untranslated in {path.name}", file=sys.stderr)


def build() -> None:
    for ts in sorted(TS_DIR.glob(f"*_{LANG}.ts")):
        subprocess.run([_tool("lrelease"), "-silent", str(ts), "-qm", str(ts.with_suffix(".qm"))], check=True)


def shipped_translations() -> dict[tuple[str, str], str]:
    """(context, source) -> finished translation, over every catalogue."""
    out = {}
    for ts in TS_DIR.glob(f"*_{LANG}.ts"):
        for _t, cname, msg in _messages(ts):
            tr = msg.find("translation")
            if tr is not None and tr.get("type") not in ("unfinished", "obsolete", "vanished") and (tr.text or "").strip():
                out[(cname, msg.findtext("source"))] = tr.text
    return out


def source_strings(paths: list[Path] | None = None) -> set[tuple[str, str]]:
    """Every (context, source) lupdate finds in ui/."""
    files = [str(p) for p in (paths or sorted((ROOT / "ui").rglob("*.py")))]
    with tempfile.TemporaryDirectory() as d:
        ts = Path(d) / "all_vi.ts"
        subprocess.run([_tool("lupdate"), "-silent", "-locations", "none", *files, "-ts", str(ts)], check=True,
                       capture_output=True)
        return {(c, m.findtext("source")) for _t, c, m in _messages(ts)}


def check() -> list[tuple[str, str]]:
    have = shipped_translations()
    return sorted(k for k in source_strings() if k not in have)


def main(argv: list[str]) -> int:
    if not argv:
        print(__doc__)
        return 2
    cmd, rest = argv[0], argv[1:]
    if cmd == "update":
        update(rest[0], rest[1:])
    elif cmd == "todo":
        print(json.dumps(todo(rest[0]), ensure_ascii=False, indent=1))
    elif cmd == "apply":
        apply(rest[0], rest[1])
    elif cmd == "build":
        build()
    elif cmd == "check":
        missing = check()
        for c, s in missing:
            print(f"{c}: {s!r}")
        return 1 if missing else 0
    else:
        print(__doc__)
        return 2
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
