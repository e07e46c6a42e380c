"""Walk through the installer's pages under Wine on Linux, screenshot them, and check what they did.

    python packaging/wine_check.py [--out docs/installer]

Not Windows: a stand-in. The same script build_installer.py writes is compiled for amd64 (Debian's NSIS has those
stubs; Debian's wine64 runs only 64-bit programs) against a stand-in program folder, then, on a private Xvfb:
install (language dialog → welcome → folder → finish), check the HKCU associations, the Apps & features entry and
the Start-menu shortcut; uninstall with the data box left unticked (the data folder must stay), install again
silently (/S), uninstall with the box ticked (the data folder must go). Needs: apt-get install nsis wine64 xvfb
xdotool imagemagick. Key presses are timed with sleeps: on a busy machine, raise --pause.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
import build_installer as bi  # noqa: E402

WINE = shutil.which("wine64") or "/usr/lib/wine/wine64"
DISPLAY = ":87"


class Run:
    def __init__(self, work: Path, out: Path, pause: float):
        self.work, self.out, self.pause = work, out, pause
        self.env = dict(os.environ, WINEPREFIX=str(work / "prefix"), WINEDEBUG="-all", DISPLAY=DISPLAY,
                        HOME=str(work / "home"))  # wine links Desktop to $HOME: keep it in the temporary folder
        (work / "home").mkdir()
        self.failures: list[str] = []

    def wine(self, *args, wait=True):
        cmd = [WINE, *args]
        if wait:
            return subprocess.run(cmd, env=self.env, capture_output=True, timeout=300)
        return subprocess.Popen(cmd, env=self.env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)

    def window(self) -> str:
        out = subprocess.run(["xdotool", "search", "--onlyvisible", "--name", "."], env=self.env,
                             capture_output=True, text=True).stdout.split()
        return out[-1] if out else ""

    def shot(self, name: str) -> None:
        time.sleep(self.pause)
        w = self.window()
        if w:
            subprocess.run(["import", "-window", w, str(self.out / f"{name}.png")], env=self.env, check=False)
            print(f"   screenshot {name}.png")

    def key(self, *keys: str) -> None:
        subprocess.run(["xdotool", "key", *keys], env=self.env, check=False)
        time.sleep(self.pause)

    def click(self, x: int, y: int) -> None:
        subprocess.run(["xdotool", "mousemove", "--window", self.window(), str(x), str(y), "click", "1"],
                       env=self.env, check=False)
        time.sleep(self.pause)

    def reg(self, key: str) -> bool:
        return self.wine("reg", "query", key).returncode == 0

    def check(self, ok: bool, what: str) -> None:
        print(f"   {'ok ' if ok else 'FAIL'} {what}")
        if not ok:
            self.failures.append(what)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", default=str(ROOT / "build" / "installer-pages"), help="folder for the PNGs")
    parser.add_argument("--pause", type=float, default=3.0, help="seconds to wait after each step")
    args = parser.parse_args(argv)
    for tool in ("makensis", "Xvfb", "xdotool", "import"):
        if shutil.which(tool) is None:
            print(f"{tool} is missing: apt-get install nsis xvfb xdotool imagemagick wine64", file=sys.stderr)
            return 2
    if not Path(WINE).exists():
        print("wine64 is missing: apt-get install wine64", file=sys.stderr)
        return 2
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="sodanvan-wine-") as tmp:
        work = Path(tmp)
        fake = work / "SoDanVan"
        (fake / "_internal").mkdir(parents=True)
        for name in ("SoDanVan.exe", "danvan.exe", "_internal/base_library.zip"):
            (fake / name).write_bytes(b"stand-in")
        setup = work / "setup64.exe"
        script = "Target amd64-unicode\n" + bi.nsis_script(bi.read_version(), fake, setup)
        nsi = bi.write_text_atomic(work / "installer64.nsi", script, encoding="utf-8-sig")
        subprocess.run(["makensis", "-V1", "-INPUTCHARSET", "UTF8", str(nsi)], check=True)
        xvfb = subprocess.Popen(["Xvfb", DISPLAY, "-screen", "0", "900x640x24"], stdout=subprocess.DEVNULL,
                                stderr=subprocess.DEVNULL)
        run = Run(work, out, args.pause)
        try:
            time.sleep(2)
            run.wine("wineboot", "-i")
            local = work / "prefix" / "drive_c" / "users" / os.environ.get("USER", "root") / "AppData" / "Local"
            if not local.exists():
                local = next((work / "prefix" / "drive_c" / "users").glob("*/AppData/Local"))
            program, data = local / "Programs" / "SoDanVan", local / "SoDanVan"

            print("== install, in Vietnamese (the preselected language)")
            run.wine(str(setup), wait=False)
            time.sleep(4 * args.pause)
            run.shot("installer-1-language")
            run.key("Return")
            run.shot("installer-2-welcome")
            run.key("Return")
            run.shot("installer-3-folder")
            run.key("Return")
            time.sleep(args.pause)
            run.shot("installer-4-finish")
            run.key("space")  # untick "run Sổ Dân Vận": the stand-in is not a program
            run.key("Return")
            run.check((program / "SoDanVan.exe").exists() and (program / "uninstall.exe").exists(),
                      "program folder under %LOCALAPPDATA%\\Programs\\SoDanVan")
            for ext, progid, _vi, _en in bi.ASSOCIATIONS:
                run.check(run.reg(f"HKCU\\Software\\Classes\\.{ext}")
                          and run.reg(f"HKCU\\Software\\Classes\\{progid}\\shell\\open\\command"),
                          f".{ext} opens with SoDanVan.exe (HKCU)")
            run.check(run.reg("HKCU\\Software\\Microsoft\\Windows\\CurrentVersion\\Uninstall\\SoDanVan"),
                      "Apps & features entry (HKCU)")
            links = list((work / "prefix").rglob("*.lnk")) + list((work / "home").rglob("*.lnk"))
            run.check(any("Start Menu" in str(p) for p in links), "Start-menu shortcut")

            print("== uninstall, box left unticked")
            data.mkdir(parents=True, exist_ok=True)
            (data / "sodanvan.db").write_text("the unit's data")
            run.wine(str(program / "uninstall.exe"), wait=False)
            time.sleep(3 * args.pause)
            run.shot("uninstaller-1-confirm")
            run.key("Return")
            run.shot("uninstaller-2-keep-data")
            run.key("Return")
            time.sleep(args.pause)
            run.key("Return")
            time.sleep(args.pause)
            run.check((data / "sodanvan.db").exists(), "data folder kept")
            run.check(not program.exists(), "program folder removed")
            run.check(not any(run.reg(f"HKCU\\Software\\Classes\\.{e}") for e, *_r in bi.ASSOCIATIONS),
                      "associations removed")
            run.check(not run.reg("HKCU\\Software\\Microsoft\\Windows\\CurrentVersion\\Uninstall\\SoDanVan"),
                      "Apps & features entry removed")

            print("== silent install, then uninstall with the box ticked")
            run.wine(str(setup), "/S")
            time.sleep(args.pause)
            run.wine(str(program / "uninstall.exe"), wait=False)
            time.sleep(3 * args.pause)
            run.key("Return")
            run.click(33, 231)  # the checkbox
            run.shot("uninstaller-3-ticked")
            run.key("Return")
            time.sleep(args.pause)
            run.key("Return")
            time.sleep(args.pause)
            run.check(not data.exists(), "data folder deleted when ticked")
        finally:
            subprocess.run([str(Path(WINE).with_name("wineserver")), "-k"], env=run.env,
                           check=False, capture_output=True)
            xvfb.terminate()
            xvfb.wait(timeout=10)
    print(f"\nScreenshots in {out}")
    if run.failures:
        print("FAILED: " + "; ".join(run.failures), file=sys.stderr)
        return 1
    print("All installer checks passed (under Wine, with a stand-in program folder).")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
