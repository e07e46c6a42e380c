"""The bundled fonts registered with reportlab. Never Helvetica: it has no Vietnamese.

- UI_FONT (Be Vietnam Pro): books and registers, like the application's screens;
- LETTER_FONT (Tinos, metric-compatible with Times New Roman): official letters and reports, as Decree
  30/2020/NĐ-CP asks for Times New Roman 13–14 pt.
Both are embedded in every PDF (TrueType subsets).
"""

from __future__ import annotations

from functools import lru_cache

from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from app.resources import resources_dir

UI_FONT = "BeVietnamPro"
LETTER_FONT = "Tinos"

_FILES = {
    UI_FONT: ("BeVietnamPro/BeVietnamPro-Regular.ttf", "BeVietnamPro/BeVietnamPro-Bold.ttf",
              "BeVietnamPro/BeVietnamPro-Italic.ttf", "BeVietnamPro/BeVietnamPro-BoldItalic.ttf"),
    LETTER_FONT: ("Tinos/Tinos-Regular.ttf", "Tinos/Tinos-Bold.ttf", "Tinos/Tinos-Italic.ttf",
                  "Tinos/Tinos-BoldItalic.ttf"),
}


def bold(family: str) -> str:
    return f"{family}-Bold"


def italic(family: str) -> str:
    return f"{family}-Italic"


@lru_cache(maxsize=None)
def register_fonts() -> tuple[str, str]:
    """Register both families (regular, bold, italic, bold italic) once per process; `<b>`/`<i>` in a
    Paragraph then pick the right face."""
    folder = resources_dir() / "fonts"
    for family, (regular, bold_, italic_, bold_italic) in _FILES.items():
        faces = {family: regular, f"{family}-Bold": bold_, f"{family}-Italic": italic_,
                 f"{family}-BoldItalic": bold_italic}
        for name, file in faces.items():
            pdfmetrics.registerFont(TTFont(name, str(folder / file)))
        addMapping(family, 0, 0, family)
        addMapping(family, 1, 0, f"{family}-Bold")
        addMapping(family, 0, 1, f"{family}-Italic")
        addMapping(family, 1, 1, f"{family}-BoldItalic")
    return UI_FONT, LETTER_FONT
