"""build_installer.py's seams, without running PyInstaller: what the bundle leaves out, the version resource, the
NSIS script (languages, per-user, associations, the keep-data box) and the refusal to package when tests fail."""

from __future__ import annotations

import importlib.util
import re
import shutil
import subprocess
import sys
import types
from pathlib import Path

import pytest

import app
import build_installer as bi
from app import paths
from app import resources as app_resources

ROOT = Path(bi.__file__).resolve().parent


def entry_module():
    spec = importlib.util.spec_from_file_location("sodanvan_main", ROOT / "packaging" / "sodanvan_main.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


# -- what the bundle keeps ------------------------------------------------------------------------------------------
@pytest.mark.parametrize("dest", [
    "PySide6/Qt6Network.dll", "PySide6/Qt/lib/libQt6Network.so.6", "PySide6/QtNetwork.pyd",
    "PySide6/QtNetwork.abi3.so", "PySide6/Qt6Qml.dll", "PySide6/Qt/lib/libQt6QmlModels.so.6", "PySide6/Qt6Quick.dll",
    "PySide6/Qt6QuickWidgets.dll", "PySide6/Qt6Pdf.dll", "PySide6/QtPdf.pyd", "PySide6/Qt6WebEngineCore.dll",
    "PySide6/Qt6Multimedia.dll", "PySide6/Qt6OpenGL.dll", "PySide6/Qt6OpenGLWidgets.dll", "PySide6/Qt6Svg.dll",
    "PySide6/opengl32sw.dll", "PySide6\\opengl32sw.dll",
    "PySide6/plugins/tls/qopensslbackend.dll", "PySide6/plugins/networkinformation/qnetworklistmanager.dll",
    "PySide6/plugins/platforms/qdirect2d.dll", "PySide6/Qt/plugins/platforms/libqwayland-egl.so",
    "PySide6/Qt/plugins/platformthemes/libqgtk3.so", "PySide6/plugins/imageformats/qsvg.dll",
    "PySide6/plugins/imageformats/qpdf.dll", "PySide6/plugins/multimedia/ffmpegmediaplugin.dll",
    "PySide6/plugins/qmltooling/qmldbg_debugger.dll", "PySide6/Qt/plugins/xcbglintegrations/libqxcb-glx-integration.so",
    "PySide6/plugins/iconengines/qsvgicon.dll",
    "PySide6/translations/qtbase_de.qm", "PySide6/Qt/translations/qtwebengine_vi.qm", "PySide6/translations/qt_fr.qm",
])
def test_unused_qt_modules_plugins_and_translations_are_dropped(dest):
    """Network/Qml/Quick/Pdf/WebEngine/Multimedia/OpenGL libraries, their plugins, opengl32sw and foreign Qt
    translations stay out, on both Windows and Linux layouts."""
    assert not bi.keep_file(dest, "win32")
    assert not bi.keep_file(dest, "linux")


@pytest.mark.parametrize("dest", [
    "PySide6/Qt6Core.dll", "PySide6/Qt6Gui.dll", "PySide6/Qt6Widgets.dll", "PySide6/Qt6PrintSupport.dll",
    "PySide6/QtWidgets.pyd", "PySide6/Qt/lib/libQt6Widgets.so.6", "PySide6/QtCore.abi3.so",
    "PySide6/plugins/platforms/qwindows.dll", "PySide6/plugins/platforms/qoffscreen.dll",
    "PySide6/Qt/plugins/platforms/libqxcb.so", "PySide6/Qt/plugins/platforms/libqoffscreen.so",
    "PySide6/plugins/styles/qmodernwindowsstyle.dll", "PySide6/plugins/imageformats/qico.dll",
    "PySide6/Qt/plugins/imageformats/libqjpeg.so", "PySide6/Qt/plugins/printsupport/libcupsprintersupport.so",
    "PySide6/translations/qtbase_en.qm", "PySide6/Qt/translations/qtbase_vi.qm",
    "cryptography/hazmat/bindings/_rust.pyd", "pypdfium2_raw/pdfium.dll", "resources/fonts/Tinos/Tinos-Regular.ttf",
    "resources/translations/shell_vi.qm", "lxml/etree.pyd", "python311.dll",
])
def test_what_a_widgets_program_uses_is_kept(dest):
    """Core/Gui/Widgets/PrintSupport, the windows/xcb/offscreen platforms, styles, ico/jpeg, qtbase_vi/en and every
    non-Qt file stay in."""
    assert bi.keep_file(dest, "win32") and bi.keep_file(dest, "linux")


def test_dbus_is_kept_only_where_xcb_links_it():
    """Qt's DBus library stays on Linux (the xcb platform links it) and leaves the Windows bundle."""
    assert bi.keep_file("PySide6/Qt/lib/libQt6DBus.so.6", "linux")
    assert not bi.keep_file("PySide6/Qt6DBus.dll", "win32")


def test_trim_toc_filters_pyinstaller_entries_in_order():
    """trim_toc takes PyInstaller's (dest, src, typecode) tuples and keeps the order of what it keeps."""
    toc = [("PySide6/Qt6Core.dll", "c:/x/Qt6Core.dll", "BINARY"),
           ("PySide6/opengl32sw.dll", "c:/x/opengl32sw.dll", "BINARY"),
           ("PySide6/plugins/platforms/qwindows.dll", "c:/x/qwindows.dll", "BINARY"),
           ("PySide6/plugins/platforms/qdirect2d.dll", "c:/x/qdirect2d.dll", "BINARY")]
    kept = [e[0] for e in bi.trim_toc(toc, "win32")]
    assert kept == ["PySide6/Qt6Core.dll", "PySide6/plugins/platforms/qwindows.dll"]


def test_excluded_modules_cover_every_unused_qt_binding():
    """Every unused Qt module's Python binding is excluded from the analysis too (the spec passes this list)."""
    for m in ("Network", "Qml", "Quick", "Pdf", "WebEngineCore", "Multimedia", "OpenGL"):
        assert f"PySide6.Qt{m}" in bi.EXCLUDED_MODULES
    assert "PySide6.QtWidgets" not in bi.EXCLUDED_MODULES and "PySide6.QtPrintSupport" not in bi.EXCLUDED_MODULES


def _fake_imports(graph):
    return lambda src: graph.get(src, [])


def test_prune_drops_libraries_only_a_trimmed_plugin_needed():
    """A library collected for a dropped plugin (GTK for the gtk3 theme) goes; what extensions link stays, and so
    do the plugins kept, the ctypes-loaded pdfium and the symlinks to kept files."""
    binaries = [
        ("PySide6/QtCore.abi3.so", "/s/QtCore.abi3.so", "EXTENSION"),
        ("PySide6/Qt/lib/libQt6Core.so.6", "/s/libQt6Core.so.6", "BINARY"),
        ("PySide6/Qt/plugins/platforms/libqxcb.so", "/s/libqxcb.so", "BINARY"),
        ("python3.11/lib-dynload/_ssl.so", "/s/_ssl.so", "EXTENSION"),
        ("libssl.so.3", "/s/libssl.so.3", "BINARY"),
        ("libgtk-3.so.0", "/s/libgtk-3.so.0", "BINARY"),
        ("libpango-1.0.so.0", "/s/libpango.so", "BINARY"),
        ("pypdfium2_raw/libpdfium.so", "/s/libpdfium.so", "BINARY"),
        ("libpython3.11.so.1.0", "/s/libpython.so", "BINARY"),
        ("libQt6Core.so.6", "PySide6/Qt/lib/libQt6Core.so.6", "SYMLINK"),
        ("libQt6OpenGL.so.6", "PySide6/Qt/lib/libQt6OpenGL.so.6", "SYMLINK"),
    ]
    graph = {"/s/QtCore.abi3.so": ["libQt6Core.so.6"], "/s/_ssl.so": ["libssl.so.3"],
             "/s/libgtk-3.so.0": ["libpango-1.0.so.0"]}
    kept = [e[0] for e in bi.prune_unreachable(binaries, _fake_imports(graph), platform="win32")]
    assert "libgtk-3.so.0" not in kept and "libpango-1.0.so.0" not in kept
    for dest in ("PySide6/QtCore.abi3.so", "PySide6/Qt/lib/libQt6Core.so.6", "PySide6/Qt/plugins/platforms/libqxcb.so",
                 "libssl.so.3", "pypdfium2_raw/libpdfium.so", "libpython3.11.so.1.0", "libQt6Core.so.6"):
        assert dest in kept
    assert "libQt6OpenGL.so.6" in kept  # a link whose target was never collected is left as PyInstaller made it


def test_prune_on_linux_leaves_qts_system_libraries_to_the_system():
    """On Linux a library only Qt links (X11, fontconfig…) is not copied, as the PySide6 wheel takes it from the
    system; on Windows the same graph keeps it; a library a Python extension links is kept on both."""
    binaries = [
        ("PySide6/Qt/plugins/platforms/libqxcb.so", "/s/libqxcb.so", "BINARY"),
        ("libX11.so.6", "/s/libX11.so.6", "BINARY"),
        ("PIL/_imaging.so", "/s/_imaging.so", "EXTENSION"),
        ("libz.so.1", "/s/libz.so.1", "BINARY"),
    ]
    graph = {"/s/libqxcb.so": ["libX11.so.6", "libz.so.1"], "/s/_imaging.so": ["libz.so.1"]}
    linux = [e[0] for e in bi.prune_unreachable(binaries, _fake_imports(graph), platform="linux")]
    win = [e[0] for e in bi.prune_unreachable(binaries, _fake_imports(graph), platform="win32")]
    assert "libX11.so.6" not in linux and "libX11.so.6" in win
    assert "libz.so.1" in linux and "libz.so.1" in win


def test_dangling_links_are_dropped():
    """A symlink whose target was trimmed away leaves the bundle with it."""
    datas = [("libQt6OpenGL.so.6", "PySide6/Qt/lib/libQt6OpenGL.so.6", "SYMLINK"),
             ("libQt6Core.so.6", "PySide6/Qt/lib/libQt6Core.so.6", "SYMLINK"),
             ("resources/data/x.json", "/s/x.json", "DATA")]
    present = [("PySide6/Qt/lib/libQt6Core.so.6", "/s/core", "BINARY")] + datas
    assert [e[0] for e in bi.drop_dangling_links(datas, present)] == ["libQt6Core.so.6", "resources/data/x.json"]


def test_resources_go_where_the_frozen_program_looks(monkeypatch, tmp_path):
    """Fonts with their licences, .qm (not .ts), data and the icon are bundled under resources/, which is exactly
    where app.resources looks when frozen (sys._MEIPASS)."""
    datas = bi.resource_datas(ROOT)
    dests = {(Path(src).name, dest) for src, dest in datas}
    assert ("admin_units.json", "resources/data") in dests and ("deadline_rules.json", "resources/data") in dests
    assert ("BeVietnamPro-Regular.ttf", "resources/fonts/BeVietnamPro") in dests
    assert ("OFL.txt", "resources/fonts/BeVietnamPro") in dests and ("LICENSE.txt", "resources/fonts/Tinos") in dests
    assert ("qtbase_vi.qm", "resources/translations") in dests and ("sodanvan.ico", "resources/icons") in dests
    assert not [src for src, _d in datas if src.endswith(".ts")]
    monkeypatch.setattr(sys, "_MEIPASS", str(tmp_path), raising=False)
    assert app_resources.data_file("admin_units.json") == tmp_path / "resources" / "data" / "admin_units.json"


# -- version -------------------------------------------------------------------------------------------------------
def test_version_is_pyprojects_and_the_apps():
    """The build's version is pyproject.toml's, the same as app.__version__ (what `danvan --version` prints)."""
    assert bi.read_version(ROOT) == app.__version__


def test_version_mismatch_is_refused(tmp_path):
    """pyproject.toml and app/__init__.py disagreeing stops the build with a sentence naming both."""
    (tmp_path / "app").mkdir()
    (tmp_path / "pyproject.toml").write_text('[project]\nname = "x"\nversion = "1.2.0"\n', encoding="utf-8")
    (tmp_path / "app" / "__init__.py").write_text('__version__ = "1.1.0"\n', encoding="utf-8")
    with pytest.raises(bi.BuildError, match=r"1\.2\.0.*1\.1\.0"):
        bi.read_version(tmp_path)


@pytest.mark.parametrize("text, expected", [("0.1.0", (0, 1, 0, 0)), ("1.2", (1, 2, 0, 0)),
                                            ("1.2.3.4.5", (1, 2, 3, 4)), ("2.0rc1", (2, 0, 0, 0)),
                                            ("3.1.dev2", (3, 1, 0, 0))])
def test_windows_version_has_four_numbers(text, expected):
    """A version resource needs four numbers: missing ones are 0, a pre-release suffix ends them."""
    assert bi.windows_version(text) == expected


def test_windows_version_refuses_a_version_without_numbers():
    """A version that does not start with a number cannot become a version resource."""
    with pytest.raises(bi.BuildError):
        bi.windows_version("beta")


def _stub_eval(text):
    def make(name):
        return lambda *a, **k: {"type": name, "args": a, "kw": k}

    names = ["VSVersionInfo", "FixedFileInfo", "StringFileInfo", "StringTable", "StringStruct", "VarFileInfo",
             "VarStruct"]
    return eval(text, {n: make(n) for n in names})  # noqa: S307 — our own generated text, as PyInstaller evals it


def test_version_resource_text_names_product_and_version():
    """The version resource is Vietnamese/Unicode (042a04b0) with the product name and version in it."""
    info = _stub_eval(bi.version_info_text("0.1.0", "SoDanVan", "Sổ Dân Vận"))
    assert info["kw"]["ffi"]["kw"]["filevers"] == (0, 1, 0, 0)
    table = info["kw"]["kids"][0]["args"][0][0]
    assert table["args"][0] == "042a04b0"
    strings = dict(s["args"] for s in table["args"][1])
    assert strings["ProductName"] == "Sổ Dân Vận" and strings["ProductVersion"] == "0.1.0"
    assert strings["OriginalFilename"] == "SoDanVan.exe"


def test_version_resource_loads_with_pyinstallers_own_reader(tmp_path, monkeypatch):
    """Where PyInstaller is installed, its own reader parses the file and serialises it to a resource."""
    pytest.importorskip("PyInstaller")
    from PyInstaller import compat

    monkeypatch.setitem(sys.modules, "pefile", sys.modules.get("pefile") or types.ModuleType("pefile"))
    monkeypatch.setattr(compat, "win32api", getattr(compat, "win32api", None), raising=False)
    from PyInstaller.utils.win32.versioninfo import load_version_info_from_text_file

    files = bi.write_version_files("0.1.0", tmp_path)
    for path in files.values():
        info = load_version_info_from_text_file(str(path))
        assert len(info.toRaw()) > 500


# -- the installer script ----------------------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def script():
    return bi.nsis_script("0.1.0", Path("/b/dist/SoDanVan"), Path("/b/dist/SoDanVan-Setup-0.1.0.exe"))


def test_installer_speaks_vietnamese_first_then_english(script):
    """MUI2 pages in Vietnamese (the default, first) and English; every own string exists in both languages."""
    assert '!include "MUI2.nsh"' in script
    langs = re.findall(r'!insertmacro MUI_LANGUAGE "(\w+)"', script)
    assert langs == ["Vietnamese", "English"]
    assert script.count("StrCpy $LANGUAGE ${LANG_VIETNAMESE}") == 2  # preselected, installer and uninstaller
    strings = re.findall(r"^LangString (\w+) \$\{LANG_(\w+)\}", script, re.MULTILINE)
    names = {n for n, _l in strings}
    assert names and all((n, lang) in strings for n in names for lang in ("VIETNAMESE", "ENGLISH"))


def test_installer_is_per_user(script):
    """No administrator: RequestExecutionLevel user, %LOCALAPPDATA%\\Programs\\SoDanVan, HKCU only."""
    assert "RequestExecutionLevel user" in script
    assert 'InstallDir "$LOCALAPPDATA\\Programs\\${APP_NAME}"' in script and '!define APP_NAME "SoDanVan"' in script
    assert "HKLM" not in script and "SetShellVarContext all" not in script


def test_installer_associates_the_three_file_kinds(script):
    """.dvb, .dvack and .dvkey open with `SoDanVan.exe "%1"`, registered under HKCU\\Software\\Classes."""
    for ext in ("dvb", "dvack", "dvkey"):
        progid = next(p for e, p, _vi, _en in bi.ASSOCIATIONS if e == ext)
        assert f'WriteRegStr HKCU "Software\\Classes\\.{ext}" "" "{progid}"' in script
        assert (f'WriteRegStr HKCU "Software\\Classes\\{progid}\\shell\\open\\command" "" '
                f'\'"$INSTDIR\\SoDanVan.exe" "%1"\'') in script
        assert f'DeleteRegKey HKCU "Software\\Classes\\{progid}"' in script  # and the uninstaller takes it back
    assert "Gói dữ liệu đồng bộ" in script and "Tệp khóa đơn vị" in script  # GLOSSARY.md's names


def test_installer_makes_shortcuts_and_an_uninstaller(script):
    """Start-menu and desktop shortcuts to the program, an uninstaller registered in Apps & features."""
    assert 'CreateShortcut "$SMPROGRAMS\\$(SHORTCUT_NAME).lnk" "$INSTDIR\\${GUI_EXE}"' in script
    assert 'CreateShortcut "$DESKTOP\\$(SHORTCUT_NAME).lnk" "$INSTDIR\\${GUI_EXE}"' in script
    assert 'WriteUninstaller "$INSTDIR\\uninstall.exe"' in script
    assert 'File /r "/b/dist/SoDanVan\\*"' in script and 'OutFile "/b/dist/SoDanVan-Setup-0.1.0.exe"' in script


def test_uninstaller_keeps_the_data_unless_the_box_is_ticked(script):
    """The data folder (platformdirs' for SoDanVan) is deleted only when the checkbox — unticked at start — is
    ticked; the program folder is never deleted recursively as a whole."""
    assert '!define DATA_DIR "$LOCALAPPDATA\\${APP_NAME}"' in script and paths.APP_NAME == bi.APP_NAME
    assert "${NSD_CreateCheckbox}" in script
    assert "StrCpy $RemoveData ${BST_UNCHECKED}" in script
    guarded = re.search(r"\$\{If\} \$RemoveData == \$\{BST_CHECKED\}\s+RMDir /r \"\$\{DATA_DIR\}\"\s+\$\{EndIf\}",
                        script)
    assert guarded and script.count('RMDir /r "${DATA_DIR}"') == 1
    assert 'RMDir /r "$INSTDIR"' not in script and 'RMDir "$INSTDIR"' in script


def test_a_placeholder_nobody_fills_stops_the_build(tmp_path):
    """A template placeholder without a value is an error, not a literal @NAME@ in the installer."""
    template = tmp_path / "t.nsi.in"
    template.write_text('Name "@DISPLAY_NAME@"\nOutFile "@NOT_A_VALUE@"\n', encoding="utf-8")
    with pytest.raises(bi.BuildError, match="NOT_A_VALUE"):
        bi.nsis_script("0.1.0", tmp_path, tmp_path / "o.exe", template=template)


def test_installer_name_says_when_it_is_only_a_linux_test():
    """Windows builds SoDanVan-Setup-<version>.exe; elsewhere the name says it wraps the Linux test bundle."""
    assert bi.installer_name("0.1.0", "win32") == "SoDanVan-Setup-0.1.0.exe"
    assert bi.installer_name("0.1.0", "linux") == "SoDanVan-Setup-0.1.0-linux-test.exe"


@pytest.mark.skipif(shutil.which("makensis") is None, reason="needs makensis (apt-get install nsis)")
def test_makensis_compiles_the_script(tmp_path):
    """The generated script compiles with the real makensis against a (tiny) program folder."""
    bundle = tmp_path / "SoDanVan"
    (bundle / "_internal").mkdir(parents=True)
    (bundle / "SoDanVan.exe").write_bytes(b"MZ stand-in")
    (bundle / "_internal" / "base_library.zip").write_bytes(b"PK")
    out = bi.build_installer("0.1.0", bundle, dist=tmp_path / "dist", build_dir=tmp_path / "build")
    assert out.exists() and out.read_bytes()[:2] == b"MZ" and not list((tmp_path / "dist").glob("*.part"))


def test_missing_makensis_says_how_to_install_it(monkeypatch, tmp_path):
    """Without NSIS the build stops with the command that installs it, not a traceback."""
    monkeypatch.setattr(bi, "makensis_command", lambda: None)
    with pytest.raises(bi.BuildError, match="apt-get install nsis"):
        bi.build_installer("0.1.0", tmp_path, dist=tmp_path, build_dir=tmp_path)


# -- the order of the steps ------------------------------------------------------------------------------------------
def test_run_tests_runs_the_ci_command():
    """The tests are `python -m pytest` in the checkout, as .ci/run runs them; a non-zero exit is a failure."""
    calls = []

    def runner(cmd, cwd):
        calls.append((cmd, cwd))
        return 1

    assert bi.run_tests(runner) is False
    assert calls == [([sys.executable, "-m", "pytest"], str(ROOT))]
    assert bi.run_tests(lambda cmd, cwd: 0) is True


def test_failing_tests_mean_nothing_is_packaged(monkeypatch, capsys):
    """When the tests fail, PyInstaller is never started and the build exits 1 saying why."""
    frozen = []
    monkeypatch.setattr(bi, "run_tests", lambda: False)
    monkeypatch.setattr(bi, "freeze", lambda version: frozen.append(version))
    assert bi.main([]) == 1
    assert frozen == [] and "nothing was packaged" in capsys.readouterr().err


def test_skip_tests_is_said_loudly(monkeypatch, capsys):
    """--skip-tests does not run them and says so in capitals."""
    monkeypatch.setattr(bi, "run_tests", lambda: pytest.fail("the tests ran"))

    def stop(version):
        raise bi.BuildError("stopped here")

    monkeypatch.setattr(bi, "freeze", stop)
    assert bi.main(["--skip-tests"]) == 1
    assert "THE TESTS WERE NOT RUN" in capsys.readouterr().out


def test_an_oversized_or_broken_bundle_gets_no_installer(monkeypatch, tmp_path, capsys):
    """A bundle over 150 MB, or one whose frozen checks fail, stops before makensis."""
    bundle = tmp_path / "SoDanVan"
    bundle.mkdir()
    with open(bundle / "big.bin", "wb") as f:
        f.truncate(151 * 1000 * 1000)  # sparse: costs no disk
    monkeypatch.setattr(bi, "run_tests", lambda: True)
    monkeypatch.setattr(bi, "freeze", lambda version: bundle)
    monkeypatch.setattr(bi, "check_linked_libraries", lambda b: [])
    monkeypatch.setattr(bi, "check_frozen", lambda b: ["--smoke: exit 1"])
    monkeypatch.setattr(bi, "build_installer", lambda *a, **k: pytest.fail("makensis ran"))
    assert bi.main([]) == 1
    err = capsys.readouterr().err
    assert "over the 150 MB limit" in err and "--smoke: exit 1" in err


# -- the frozen entry point ------------------------------------------------------------------------------------------
@pytest.mark.parametrize("argv, expected", [
    (["C:\\Users\\x\\Downloads\\00004_1-8.dvb"], "C:\\Users\\x\\Downloads\\00004_1-8.dvb"),
    (["bien-nhan.DVACK"], "bien-nhan.DVACK"), (["tinh.dvkey"], "tinh.dvkey"),
    ([], None), (["--smoke"], None), (["init", "--unit-code", "4"], None), (["notes.txt"], None),
    (["a.dvb", "b.dvb"], None), (["--db", "x.dvb"], None),
])
def test_a_lone_bundle_receipt_or_key_argument_is_a_file_to_open(argv, expected):
    """Windows opens a double-clicked file as `SoDanVan.exe "<file>"`: only that shape is taken as a file."""
    assert entry_module().opened_file(argv) == expected


def test_other_arguments_go_to_danvan(monkeypatch):
    """Everything else is `danvan`'s own command line, untouched."""
    import app.cli

    seen = []
    monkeypatch.setattr(app.cli, "main", lambda argv: seen.append(argv) or 7)
    assert entry_module().main(["init", "--unit-code", "4"]) == 7
    assert seen == [["init", "--unit-code", "4"]]


def test_frozen_checks_run_in_a_private_environment(tmp_path):
    """The frozen program is checked offscreen with its own data folders and a password from the environment."""
    env = bi.frozen_env(tmp_path)
    assert env["QT_QPA_PLATFORM"] == "offscreen" and env["DANVAN_PASSWORD"]
    assert all(env[k].startswith(str(tmp_path)) for k in ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_STATE_HOME"))


def test_the_spec_uses_the_tested_filters():
    """packaging/SoDanVan.spec runs trim_toc, prune_unreachable and drop_dangling_links on PyInstaller's lists."""
    spec = (ROOT / "packaging" / "SoDanVan.spec").read_text(encoding="utf-8")
    for name in ("trim_toc(a.binaries)", "trim_toc(a.datas)", "prune_unreachable(", "drop_dangling_links(",
                 "EXCLUDED_MODULES", "resource_datas(ROOT)", "console=False"):
        assert name in spec


def test_icon_has_the_sizes_windows_asks_for():
    """resources/icons/sodanvan.ico carries 16 to 256 pixels (taskbar, Start menu, Explorer's large icons)."""
    from PIL import Image

    with Image.open(bi.ICON) as im:
        sizes = {s[0] for s in im.info["sizes"]}
    assert {16, 24, 32, 48, 256} <= sizes


@pytest.mark.skipif(sys.platform.startswith("win"), reason="bash")
def test_ci_run_and_build_agree_on_the_test_command():
    """.ci/run runs `python -m pytest`; build_installer runs the same."""
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "-m pytest" in ci and bi.TEST_COMMAND[1:] == ["-m", "pytest"]
    assert subprocess.run([sys.executable, str(ROOT / "build_installer.py"), "--help"], capture_output=True,
                          text=True, timeout=60).returncode == 0


def test_missing_pyinstaller_says_how_to_install_it(monkeypatch):
    """Without PyInstaller the build stops with the pip command of the build extra."""
    monkeypatch.setattr(bi.importlib.util, "find_spec", lambda name: None)
    with pytest.raises(bi.BuildError, match=r'pip install -e "\.\[build\]"'):
        bi.freeze("0.1.0")
