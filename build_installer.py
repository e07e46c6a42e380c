#!/usr/bin/env python3
"""Build Sổ Dân Vận for Windows: tests first, then the frozen one-folder program, then the NSIS installer.

    python build_installer.py                 # tests, bundle, checks of the frozen program, installer
    python build_installer.py --skip-tests    # development only: packages without running the tests

Steps, each refusing to go on when the one before failed:
  1. the test suite (the command .ci/run runs: `python -m pytest`); any failure → nothing is packaged;
  2. PyInstaller builds dist/SoDanVan/ from packaging/SoDanVan.spec: SoDanVan(.exe) windowed, danvan(.exe)
     console, one shared folder, trimmed of the Qt modules, plugins and translations a widgets program never
     loads (`trim_toc` below: --exclude-module alone leaves the plugins in);
  3. the frozen program is checked in a temporary folder: `--smoke` offscreen, then `init`, `keys`, `import`,
     `bundle export`/`import` and `print reception-log` (the PDF must embed Be Vietnam Pro); size ≤ 150 MB;
  4. build/installer.nsi is written from packaging/installer.nsi.in and compiled with makensis into
     dist/SoDanVan-Setup-<version>.exe. On Linux the same script is compiled against the Linux bundle (so both
     halves are exercised here); that file is named …-linux-test.exe and is not for anyone's laptop.

Needs `pip install -e ".[build]"` (PyInstaller) and NSIS (`apt-get install nsis`, `choco install nsis`).
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent
PACKAGING = ROOT / "packaging"
BUILD = ROOT / "build"
DIST = ROOT / "dist"
SPEC = PACKAGING / "SoDanVan.spec"
NSI_TEMPLATE = PACKAGING / "installer.nsi.in"
ICON = ROOT / "resources" / "icons" / "sodanvan.ico"

APP_NAME = "SoDanVan"  # folder, executable and platformdirs name (app/paths.py APP_NAME)
DISPLAY_NAME = "Sổ Dân Vận"
GUI_EXE = "SoDanVan"
CLI_EXE = "danvan"
SIZE_LIMIT_MB = 150
TEST_COMMAND = [sys.executable, "-m", "pytest"]  # .ci/run's command, with this interpreter

# Files Windows opens with the program: (suffix, ProgID, Vietnamese name, English name) — GLOSSARY.md wording.
ASSOCIATIONS = (
    ("dvb", "SoDanVan.Bundle", "Gói dữ liệu đồng bộ", "Sync bundle"),
    ("dvack", "SoDanVan.Receipt", "Biên nhận", "Sync receipt"),
    ("dvkey", "SoDanVan.Key", "Tệp khóa đơn vị", "Unit key file"),
)

# -- what the bundle leaves out -----------------------------------------------------------------------------------
# Qt modules a widgets program never loads. Their Python bindings are excluded from the analysis; their shared
# libraries (Qt6Network.dll, libQt6Qml.so.6, …) are filtered out of the binaries below.
UNUSED_QT_MODULES = (
    "Network", "NetworkAuth", "Qml", "QmlModels", "QmlWorkerScript", "QmlMeta", "QmlCore", "QmlLocalStorage",
    "QmlXmlListModel", "Quick", "QuickWidgets", "QuickControls2", "QuickTemplates2", "QuickLayouts",
    "QuickShapes", "QuickParticles", "QuickTest", "QuickDialogs2", "Pdf", "PdfWidgets", "PdfQuick",
    "WebEngine", "WebEngineCore", "WebEngineWidgets", "WebEngineQuick", "WebChannel", "WebSockets", "WebView",
    "Multimedia", "MultimediaWidgets", "SpatialAudio", "OpenGL", "OpenGLWidgets", "Positioning", "Location",
    "Sensors", "SerialPort", "SerialBus", "Bluetooth", "Nfc", "RemoteObjects", "Scxml", "StateMachine",
    "TextToSpeech", "Charts", "DataVisualization", "Graphs", "VirtualKeyboard", "Designer", "UiTools", "Help",
    "Sql", "Test", "Concurrent", "HttpServer", "ShaderTools", "3DCore", "3DRender", "3DInput", "3DLogic",
    "3DAnimation", "3DExtras", "Svg", "SvgWidgets", "Xml", "DBus", "WaylandClient", "WaylandCompositor",
    "WlShellIntegration", "EglFSDeviceIntegration", "EglFsKmsSupport", "EglFsKmsGbmSupport",
)
# DBus stays on Linux: the xcb platform plugin links it. Modules a kept library still needs are re-checked on
# Linux with ldd after the build (check_linked_libraries).
LINUX_NEEDED_QT = {"dbus"}

EXCLUDED_MODULES = [f"PySide6.Qt{m}" for m in UNUSED_QT_MODULES] + [
    "tkinter", "_tkinter", "pytest", "_pytest", "pytestqt", "hypothesis", "wsgidav", "cheroot", "numpy",
    "PyInstaller", "IPython", "setuptools", "pip", "readline", "pydoc_data",
    # Pillow's AVIF/WebP codecs and Tk glue, lxml's objectify/html: nothing here reads or writes those.
    "PIL._avif", "PIL.AvifImagePlugin", "PIL._webp", "PIL.WebPImagePlugin", "PIL._imagingtk", "PIL.ImageTk",
    "lxml.objectify", "lxml.html", "lxml.isoschematron", "PIL._imagingcms", "PIL.ImageCms",
    # East-Asian codecs: books are read as UTF-8, UTF-16, cp1258/cp1252 or the old Vietnamese fonts (app/io).
    "_codecs_jp", "_codecs_kr", "_codecs_cn", "_codecs_tw", "_codecs_hk", "_codecs_iso2022",
]
# Qt plugin folders a widgets program uses; inside them, only these plugins (by name, without lib/.so/.dll).
KEEP_PLUGINS = {
    "platforms": {"qoffscreen", "qxcb", "qwindows", "qminimal"},
    "imageformats": {"qico", "qjpeg", "qgif"},
    "styles": None,  # all of them (qmodernwindowsstyle on Windows)
    "printsupport": None,  # CUPS on Linux (printing the books)
    "platforminputcontexts": None,  # Linux input methods (ibus) — how a Linux user types Vietnamese
}
KEEP_QT_TRANSLATIONS = {"qtbase_vi.qm", "qtbase_en.qm"}
DROPPED_FILES = {"opengl32sw.dll"}

_QT_LIB = re.compile(r"^(?:lib)?qt6([a-z0-9]+)(?:\.so(?:\.[\d.]+)?|\.dll)$")
_PYSIDE_MODULE = re.compile(r"^qt([a-z0-9]+)\.(?:abi3\.so|pyd|pyi|cpython-[^.]+\.so)$")


def keep_file(dest: str, platform: str = sys.platform) -> bool:
    """Whether one file of the analysis (its destination path inside the bundle) goes into the bundle."""
    parts = dest.replace("\\", "/").lower().split("/")
    name = parts[-1]
    if name in DROPPED_FILES:
        return False
    in_pyside = "pyside6" in parts
    if in_pyside and "plugins" in parts:
        i = parts.index("plugins")
        if len(parts) <= i + 2:  # a file directly in plugins/: keep
            return True
        folder = parts[i + 1]
        if folder not in KEEP_PLUGINS:
            return False
        wanted = KEEP_PLUGINS[folder]
        if wanted is None:
            return True
        stem = re.sub(r"\.(so|dll)$", "", name)
        stem = stem[3:] if stem.startswith("lib") else stem
        return stem in wanted
    if in_pyside and "translations" in parts:
        return name in KEEP_QT_TRANSLATIONS
    unused = {m.lower() for m in UNUSED_QT_MODULES}
    if not platform.startswith("win"):
        unused -= LINUX_NEEDED_QT
    m = _QT_LIB.match(name)
    if m and m.group(1) in unused:
        return False
    m = _PYSIDE_MODULE.match(name)
    if in_pyside and m and m.group(1) in unused:
        return False
    return True


def trim_toc(toc, platform: str = sys.platform) -> list:
    """PyInstaller's binaries or datas (tuples whose first item is the destination) without what keep_file drops."""
    return [entry for entry in toc if keep_file(entry[0], platform)]


# Loaded with dlopen or ctypes by name, so no other library names them: pruning must keep them.
DLOPENED = {"libpdfium.so", "pdfium.dll"}
QT_PACKAGES = ("pyside6/", "shiboken6/")


def _norm(dest: str) -> str:
    return dest.replace("\\", "/").lower()


def _base(dest: str) -> str:
    return _norm(dest).rsplit("/", 1)[-1]


def prune_unreachable(binaries, imports_of=None, platform: str = sys.platform) -> list:
    """Keep only the shared libraries some kept binary still links. Roots: Python extensions, the Python library,
    the Qt plugins left by keep_file, DLOPENED. PyInstaller had collected libraries for the plugins trimmed above
    (GTK, cairo, pango… for the gtk3 theme); they go.

    On Linux, a library that only Qt's own binaries link (X11, xcb, fontconfig, glib, dbus, cups…) is not copied
    either: the PySide6 wheel itself takes those from the system (.ci/run installs them), so the bundle relies on
    exactly what `pip install PySide6-Essentials` relies on."""
    if imports_of is None:
        from PyInstaller.depend.bindepend import get_imports

        def imports_of(src):
            return [name for name, _full in get_imports(src)]
    linux = platform.startswith("linux")
    by_name: dict[str, list] = {}
    for e in binaries:
        if e[2] != "SYMLINK":
            by_name.setdefault(_base(e[0]), []).append(e)

    def is_root(e) -> bool:
        dest, _src, kind = e
        base = _base(dest)
        return (kind == "EXTENSION" or base in DLOPENED or "/plugins/" in _norm(dest)
                or base.startswith(("libpython", "python")))

    def in_qt(dest: str) -> bool:
        return _norm(dest).startswith(QT_PACKAGES)

    kept: set[str] = set()
    todo = [e for e in binaries if e[2] != "SYMLINK" and is_root(e)]
    while todo:
        e = todo.pop()
        if e[0] in kept:
            continue
        kept.add(e[0])
        for dep in imports_of(e[1]):
            for d in by_name.get(_base(dep), []):
                if d[0] in kept or (linux and in_qt(e[0]) and not in_qt(d[0])):
                    continue
                todo.append(d)
    names = {_norm(b[0]) for b in binaries}
    out = []
    for e in binaries:
        if e[2] == "SYMLINK":  # a link stays with the library it points at
            if _norm(e[1]) in {_norm(k) for k in kept} or _norm(e[1]) not in names:
                out.append(e)
        elif e[0] in kept:
            out.append(e)
    return out


def drop_dangling_links(toc, present) -> list:
    """TOC without the SYMLINK entries whose target (its second item) is no longer among `present`'s files."""
    names = {_norm(e[0]) for e in present if e[2] != "SYMLINK"}
    return [e for e in toc if e[2] != "SYMLINK" or _norm(e[1]) in names]


def library_datas() -> list[tuple[str, str]]:
    """Data files of libraries that no PyInstaller hook collects: the Vietnamese holiday names (holidays' .mo
    catalogues for "VN" only — the package carries every country's)."""
    from PyInstaller.utils.hooks import collect_data_files

    return [(src, dest) for src, dest in collect_data_files("holidays") if Path(src).name == "VN.mo"]


def resource_datas(root: Path = ROOT) -> list[tuple[str, str]]:
    """(source file, destination folder) for everything under resources/ the program reads: fonts with their
    licences, the compiled .qm translations (not the .ts sources), data, icons."""
    out = []
    for f in sorted((root / "resources").rglob("*")):
        if f.is_file() and f.suffix not in (".ts", ".tmp") and "__pycache__" not in f.parts:
            out.append((str(f), str(f.parent.relative_to(root)).replace("\\", "/")))
    return out


# -- version ---------------------------------------------------------------------------------------------------------
class BuildError(Exception):
    """A step cannot go on; the message says what to do."""


def read_version(root: Path = ROOT) -> str:
    """The version of pyproject.toml, which must equal app.__version__ (the one `danvan --version` prints)."""
    project = tomllib.loads((root / "pyproject.toml").read_text(encoding="utf-8"))["project"]["version"]
    m = re.search(r'^__version__\s*=\s*["\']([^"\']+)["\']', (root / "app" / "__init__.py").read_text(encoding="utf-8"),
                  re.MULTILINE)
    if not m:
        raise BuildError("app/__init__.py has no __version__ = \"…\" line: "
                         "add one equal to pyproject.toml's version.")
    if m.group(1) != project:
        raise BuildError(f"pyproject.toml says version {project} but app/__init__.py says {m.group(1)}: "
                         "make them the same, then build again.")
    return project


def windows_version(version: str) -> tuple[int, int, int, int]:
    """The four numbers of a Windows version resource: "1.2.3" → (1, 2, 3, 0); "2.0rc1" → (2, 0, 0, 0)."""
    nums = []
    for part in version.split(".")[:4]:
        m = re.match(r"\d+", part)
        if not m:
            break
        nums.append(min(int(m.group()), 65535))
        if m.group() != part:  # "0rc1": a pre-release suffix ends the numbers
            break
    if not nums:
        raise BuildError(f"version {version!r} does not start with a number: use MAJOR.MINOR.PATCH.")
    return tuple((nums + [0, 0, 0, 0])[:4])


def version_info_text(version: str, exe_name: str, description: str) -> str:
    """The Windows version resource as PyInstaller's VSVersionInfo text (language Vietnamese, Unicode)."""
    v = windows_version(version)
    strings = {
        "CompanyName": DISPLAY_NAME, "FileDescription": description, "FileVersion": version,
        "InternalName": exe_name, "LegalCopyright": DISPLAY_NAME, "OriginalFilename": f"{exe_name}.exe",
        "ProductName": DISPLAY_NAME, "ProductVersion": version,
    }
    rows = ",\n".join(f"        StringStruct({k!r}, {val!r})" for k, val in strings.items())
    return f"""# Generated by build_installer.py — do not edit.
VSVersionInfo(
  ffi=FixedFileInfo(filevers={v}, prodvers={v}, mask=0x3f, flags=0x0, OS=0x40004, fileType=0x1,
                    subtype=0x0, date=(0, 0)),
  kids=[
    StringFileInfo([
      StringTable('042a04b0', [
{rows}
      ])
    ]),
    VarFileInfo([VarStruct('Translation', [0x042a, 1200])])
  ]
)
"""


def write_text_atomic(path: Path, text: str, encoding: str = "utf-8") -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".tmp")
    with open(tmp, "w", encoding=encoding, newline="\n") as f:
        f.write(text)
        f.flush()
        os.fsync(f.fileno())
    os.replace(tmp, path)
    return path


def write_version_files(version: str, build_dir: Path = BUILD) -> dict[str, Path]:
    """build/version-<exe>.txt for both executables; the spec hands them to PyInstaller."""
    return {
        GUI_EXE: write_text_atomic(build_dir / f"version-{GUI_EXE}.txt",
                                   version_info_text(version, GUI_EXE, DISPLAY_NAME)),
        CLI_EXE: write_text_atomic(build_dir / f"version-{CLI_EXE}.txt",
                                   version_info_text(version, CLI_EXE, f"{DISPLAY_NAME} — dòng lệnh")),
    }


# -- NSIS ------------------------------------------------------------------------------------------------------------
def nsis_escape(text: str) -> str:
    """A value for a double-quoted NSIS string: $ doubled, quotes and line breaks escaped."""
    return text.replace("$", "$$").replace('"', '$\\"').replace("\n", "$\\n")


def _association_lines(install: bool) -> str:
    out = []
    for ext, progid, vi, en in ASSOCIATIONS:
        if install:
            out += [
                f'  WriteRegStr HKCU "Software\\Classes\\.{ext}" "" "{progid}"',
                f'  WriteRegStr HKCU "Software\\Classes\\.{ext}\\OpenWithProgids" "{progid}" ""',
                f'  WriteRegStr HKCU "Software\\Classes\\{progid}" "" "$(ASSOC_{ext.upper()})"',
                f'  WriteRegStr HKCU "Software\\Classes\\{progid}\\DefaultIcon" "" "$INSTDIR\\{GUI_EXE}.exe,0"',
                f'  WriteRegStr HKCU "Software\\Classes\\{progid}\\shell\\open\\command" "" '
                f'\'"$INSTDIR\\{GUI_EXE}.exe" "%1"\'',
            ]
        else:  # take back only what still points at us: another program may have taken the suffix since
            out += [
                f'  ReadRegStr $0 HKCU "Software\\Classes\\.{ext}" ""',
                f'  ${{If}} $0 == "{progid}"',
                f'    DeleteRegValue HKCU "Software\\Classes\\.{ext}" ""',
                "  ${EndIf}",
                f'  DeleteRegValue HKCU "Software\\Classes\\.{ext}\\OpenWithProgids" "{progid}"',
                f'  DeleteRegKey /ifempty HKCU "Software\\Classes\\.{ext}\\OpenWithProgids"',
                f'  DeleteRegKey /ifempty HKCU "Software\\Classes\\.{ext}"',
                f'  DeleteRegKey HKCU "Software\\Classes\\{progid}"',
            ]
    return "\n".join(out)


def _association_strings() -> str:
    out = []
    for ext, _progid, vi, en in ASSOCIATIONS:
        out.append(f'LangString ASSOC_{ext.upper()} ${{LANG_VIETNAMESE}} "{nsis_escape(vi)} (.{ext})"')
        out.append(f'LangString ASSOC_{ext.upper()} ${{LANG_ENGLISH}} "{nsis_escape(en)} (.{ext})"')
    return "\n".join(out)


def nsis_script(version: str, source_dir: Path, outfile: Path, *, template: Path = NSI_TEMPLATE,
                icon: Path = ICON) -> str:
    """The installer script: packaging/installer.nsi.in with its @NAME@ placeholders filled in."""
    values = {
        "APP_NAME": APP_NAME,
        "DISPLAY_NAME": nsis_escape(DISPLAY_NAME),
        "VERSION": version,
        "VI_VERSION": ".".join(str(n) for n in windows_version(version)),
        "SOURCE_DIR": str(source_dir),
        "OUTFILE": str(outfile),
        "ICON": str(icon),
        "GUI_EXE": f"{GUI_EXE}.exe",
        "CLI_EXE": f"{CLI_EXE}.exe",
        "ASSOCIATIONS_INSTALL": _association_lines(True),
        "ASSOCIATIONS_UNINSTALL": _association_lines(False),
        "ASSOCIATION_STRINGS": _association_strings(),
    }
    text = template.read_text(encoding="utf-8")
    for key, value in values.items():
        text = text.replace(f"@{key}@", value)
    left = sorted(set(re.findall(r"@([A-Z_]+)@", text)))
    if left:
        raise BuildError(f"{template.name} has placeholders nobody fills: {', '.join(left)}")
    return text


def installer_name(version: str, platform: str = sys.platform) -> str:
    suffix = "" if platform.startswith("win") else "-linux-test"
    return f"{APP_NAME}-Setup-{version}{suffix}.exe"


def makensis_command() -> str | None:
    found = shutil.which("makensis")
    if found:
        return found
    for base in (os.environ.get("ProgramFiles(x86)"), os.environ.get("ProgramFiles")):
        if base and (Path(base) / "NSIS" / "makensis.exe").exists():
            return str(Path(base) / "NSIS" / "makensis.exe")
    return None


def build_installer(version: str, bundle: Path, dist: Path = DIST, build_dir: Path = BUILD) -> Path:
    makensis = makensis_command()
    if makensis is None:
        raise BuildError("makensis (NSIS) is not installed. Install it — Debian/Ubuntu: `sudo apt-get install nsis`; "
                         "Windows: `choco install nsis` or https://nsis.sourceforge.io — then build again "
                         "(the bundle in dist/ is kept; add --skip-tests to go faster while developing).")
    outfile = dist / installer_name(version)
    outfile.parent.mkdir(parents=True, exist_ok=True)
    script = nsis_script(version, bundle.resolve(), outfile.resolve())
    nsi = write_text_atomic(build_dir / "installer.nsi", script, encoding="utf-8-sig")  # BOM: makensis reads UTF-8
    partial = outfile.with_name(outfile.name + ".part")
    nsi_text = nsi.read_text(encoding="utf-8-sig").replace(str(outfile.resolve()), str(partial.resolve()))
    write_text_atomic(nsi, nsi_text, encoding="utf-8-sig")
    step(f"makensis {nsi.relative_to(ROOT) if nsi.is_relative_to(ROOT) else nsi}")
    proc = subprocess.run([makensis, "-V2", "-INPUTCHARSET", "UTF8", str(nsi)], cwd=build_dir)
    if proc.returncode != 0 or not partial.exists():
        partial.unlink(missing_ok=True)
        raise BuildError(f"makensis failed (exit {proc.returncode}): read its message above; {nsi} is kept.")
    os.replace(partial, outfile)
    return outfile


# -- steps -----------------------------------------------------------------------------------------------------------
def step(text: str) -> None:
    print(f"\n== {text}", flush=True)


def run_tests(runner=subprocess.call) -> bool:
    """The test suite, as .ci/run runs it; True when it passed."""
    step("tests: " + " ".join(TEST_COMMAND[1:]))
    return runner(TEST_COMMAND, cwd=str(ROOT)) == 0


def freeze(version: str) -> Path:
    """PyInstaller on packaging/SoDanVan.spec; returns dist/SoDanVan."""
    if importlib.util.find_spec("PyInstaller") is None:
        raise BuildError("PyInstaller is not installed in this Python: run `pip install -e \".[build]\"`, "
                         "then build again.")
    write_version_files(version)
    step("PyInstaller (one folder, windowed) — a few minutes")
    cmd = [sys.executable, "-m", "PyInstaller", "--noconfirm", "--clean", "--log-level", "WARN",
           "--distpath", str(DIST), "--workpath", str(BUILD / "pyinstaller"), str(SPEC)]
    if subprocess.call(cmd, cwd=str(ROOT)) != 0:
        raise BuildError("PyInstaller failed: read its message above, fix, build again.")
    bundle = DIST / APP_NAME
    if not (bundle / exe_file(GUI_EXE)).exists():
        raise BuildError(f"PyInstaller ran but {bundle / exe_file(GUI_EXE)} is missing.")
    if not sys.platform.startswith("win"):  # one program does both here (see the spec): danvan is a link to it
        link = bundle / CLI_EXE
        if not link.exists():
            link.symlink_to(GUI_EXE)
    return bundle


def exe_file(name: str) -> str:
    return name + (".exe" if sys.platform.startswith("win") else "")


def folder_size_mb(folder: Path) -> float:
    return sum(f.stat().st_size for f in folder.rglob("*") if f.is_file() and not f.is_symlink()) / 1e6


def check_linked_libraries(bundle: Path) -> list[str]:
    """Linux: every shared library of the bundle finds what it links (ldd), so trimming removed nothing needed."""
    if not sys.platform.startswith("linux") or shutil.which("ldd") is None:
        return []
    internal = bundle / "_internal"
    dirs = sorted({str(p.parent) for p in internal.rglob("*.so*")} | {str(internal)})
    env = dict(os.environ, LD_LIBRARY_PATH=os.pathsep.join(dirs))
    missing = []
    for lib in sorted(internal.rglob("*.so*")):
        if not lib.is_file():
            continue
        out = subprocess.run(["ldd", str(lib)], capture_output=True, text=True, env=env).stdout
        for line in out.splitlines():
            if "not found" in line:
                missing.append(f"{lib.relative_to(bundle)}: {line.strip()}")
    return missing


def frozen_env(home: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("DANVAN_")}
    env.update({"QT_QPA_PLATFORM": "offscreen", "DANVAN_PASSWORD": "Kiem-tra-dong-goi-2026!",
                "DANVAN_USER": "admin", "XDG_DATA_HOME": str(home / "data"),
                "XDG_CONFIG_HOME": str(home / "config"), "XDG_STATE_HOME": str(home / "state"),
                "XDG_CACHE_HOME": str(home / "cache"), "PYTHONIOENCODING": "utf-8"})
    return env


def check_frozen(bundle: Path, root: Path = ROOT, runner=subprocess.run) -> list[str]:
    """Run the frozen program as an officer's machine would (offscreen, in a temporary folder); the failures."""
    failures = []
    cli = bundle / exe_file(CLI_EXE)
    gui = bundle / exe_file(GUI_EXE)
    book = root / "tests" / "fixtures" / "form03" / "so_tiep_cong_dan.xlsx"
    with tempfile.TemporaryDirectory(prefix="sodanvan-frozen-") as tmp:
        home = Path(tmp)
        env = frozen_env(home)

        def run(label, exe, *args, timeout=300):
            started = time.perf_counter()
            try:
                proc = runner([str(exe), *args], cwd=tmp, env=env, capture_output=True, timeout=timeout,
                              text=True, encoding="utf-8", errors="replace")
            except (OSError, subprocess.TimeoutExpired) as exc:
                failures.append(f"{label}: {exc}")
                return None
            took = time.perf_counter() - started
            ok = proc.returncode == 0
            print(f"   {'ok ' if ok else 'FAIL'} {label} ({took:.1f} s)", flush=True)
            if not ok:
                logs = "".join(f"\n{log}:\n{log.read_text(encoding='utf-8', errors='replace')[-3000:]}"
                               for log in home.rglob("danvan.log"))
                failures.append(f"{label}: exit {proc.returncode}\n{proc.stdout[-2000:]}\n{proc.stderr[-2000:]}{logs}")
            return proc

        step("checks of the frozen program (offscreen, in a temporary folder)")
        run("danvan --version", cli, "--version")
        run(f"{GUI_EXE} --smoke (builds the demo database, paints the main window)", gui, "--smoke")
        xa, tinh = str(home / "xa.db"), str(home / "tinh.db")
        run("init (commune)", cli, "--db", xa, "init", "--unit-code", "4", "--admin", "admin")
        run("init (upper level)", cli, "--db", tinh, "init", "--unit-code", "1", "--level", "upper", "--admin", "admin")
        run("keys export (upper level)", cli, "--db", tinh, "keys", "export", "--out", str(home / "tinh.dvkey"))
        run("keys trust (commune)", cli, "--db", xa, "keys", "trust", str(home / "tinh.dvkey"))
        run("keys export (commune)", cli, "--db", xa, "keys", "export", "--out", str(home / "xa.dvkey"))
        run("keys trust (upper level)", cli, "--db", tinh, "keys", "trust", str(home / "xa.dvkey"))
        run("import so_tiep_cong_dan.xlsx", cli, "--db", xa, "import", "--default-host", "Nguyễn Văn Tiếp",
            str(book))
        out = home / "out"
        out.mkdir()
        run("bundle export", cli, "--db", xa, "bundle", "export", "--out", str(out))
        bundles = sorted(out.glob("*.dvb"))
        if not bundles:
            failures.append("bundle export wrote no .dvb file")
        else:
            run("bundle import (upper level)", cli, "--db", tinh, "bundle", "import", str(bundles[0]))
        pdf = home / "so-tiep-cong-dan.pdf"
        run("print reception-log", cli, "--db", xa, "print", "reception-log", "--from", "2000-01-01",
            "--to", "2099-12-31", "--out", str(pdf))
        if pdf.exists():
            if b"BeVietnamPro" not in pdf.read_bytes():
                failures.append("print reception-log: the PDF does not embed Be Vietnam Pro")
            else:
                print("   ok  the reception log embeds Be Vietnam Pro", flush=True)
        elif not any(f.startswith("print reception-log") for f in failures):
            failures.append("print reception-log wrote no PDF")
    return failures


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--skip-tests", action="store_true",
                        help="development only: package without running the tests first")
    parser.add_argument("--no-installer", action="store_true", help="stop after the checked bundle (no makensis)")
    args = parser.parse_args(argv)
    try:
        version = read_version()
        print(f"{DISPLAY_NAME} {version} — {sys.platform}, Python {sys.version.split()[0]}")
        if args.skip_tests:
            banner = "!" * 78
            print(f"\n{banner}\n!!  --skip-tests: THE TESTS WERE NOT RUN. Development only — never hand this "
                  f"build to anyone.\n{banner}\n", flush=True)
        elif not run_tests():
            print("\nThe tests failed: nothing was packaged. Fix them (or run `python -m pytest` to see them), "
                  "then build again.", file=sys.stderr)
            return 1
        bundle = freeze(version)
        size = folder_size_mb(bundle)
        step(f"bundle {bundle}: {size:.1f} MB (limit {SIZE_LIMIT_MB} MB)")
        failures = []
        if size > SIZE_LIMIT_MB:
            failures.append(f"the bundle is {size:.1f} MB, over the {SIZE_LIMIT_MB} MB limit")
        failures += [f"missing library: {m}" for m in check_linked_libraries(bundle)]
        failures += check_frozen(bundle)
        if failures:
            print("\nThe frozen program failed its checks; no installer was made:", file=sys.stderr)
            for f in failures:
                print(f" - {f}", file=sys.stderr)
            return 1
        if args.no_installer:
            print(f"\nBundle ready: {bundle} ({size:.1f} MB); installer skipped (--no-installer).")
            return 0
        setup_exe = build_installer(version, bundle)
        print(f"\nDone: {setup_exe} ({setup_exe.stat().st_size / 1e6:.1f} MB); bundle {bundle} ({size:.1f} MB).")
        if not sys.platform.startswith("win"):
            print("This installer wraps the Linux bundle: it proves the NSIS script compiles — build on Windows "
                  "(or the windows-installer workflow) for the real one.")
        if args.skip_tests:
            print("Reminder: built with --skip-tests — the tests were NOT run.")
        return 0
    except BuildError as exc:
        print(f"\n{exc}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    raise SystemExit(main())
