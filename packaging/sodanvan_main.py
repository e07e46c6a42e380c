"""The frozen program's entry point (both SoDanVan.exe, windowed, and danvan.exe, console).

It is `danvan`'s own function (app.cli.main) with one addition: Windows opens a double-clicked .dvb, .dvack or
.dvkey file as `SoDanVan.exe "<file>"`, a lone argument argparse would take for an unknown command, so that one
case starts the application and hands the file to the Đồng bộ screen."""

from __future__ import annotations

import sys

OPENABLE_SUFFIXES = (".dvb", ".dvack", ".dvkey")


def opened_file(argv: list[str]) -> str | None:
    """The file a double-click asked to open: exactly one argument, not an option, with one of our suffixes."""
    if len(argv) != 1:
        return None
    arg = argv[0]
    if arg.startswith("-") or not arg.lower().endswith(OPENABLE_SUFFIXES):
        return None
    return arg


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    path = opened_file(argv)
    if path is not None:
        from ui.application import run

        return run(open_file=path)
    from app.cli import main as danvan

    return danvan(argv)


if __name__ == "__main__":
    raise SystemExit(main())
