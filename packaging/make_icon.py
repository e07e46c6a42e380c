"""Draw the application icon (a book under a star, in the GUI's accent blue) and write the multi-size
resources/icons/sodanvan.ico that the frozen program and the installer carry.

Run once when the drawing changes: `python packaging/make_icon.py` (Qt offscreen + Pillow; both are already
dependencies). Small sizes are drawn at their own size, not scaled down, so 16 px stays crisp."""

from __future__ import annotations

import io
import math
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ICO = ROOT / "resources" / "icons" / "sodanvan.ico"
SIZES = (16, 20, 24, 32, 40, 48, 64, 128, 256)
ACCENT = "#1f5f99"
STAR = "#f2c230"


def _star(cx: float, cy: float, r: float):
    from PySide6.QtCore import QPointF
    from PySide6.QtGui import QPolygonF

    pts = []
    for i in range(10):
        radius = r if i % 2 == 0 else r * 0.42
        a = -math.pi / 2 + i * math.pi / 5
        pts.append(QPointF(cx + radius * math.cos(a), cy + radius * math.sin(a)))
    return QPolygonF(pts)


def render(size: int):
    """One square image of the icon at `size` pixels (a QImage, ARGB32)."""
    from PySide6.QtCore import QPointF, QRectF, Qt
    from PySide6.QtGui import QColor, QImage, QPainter, QPainterPath, QPen

    img = QImage(size, size, QImage.Format.Format_ARGB32)
    img.fill(Qt.GlobalColor.transparent)
    p = QPainter(img)
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    s = size / 256.0
    margin = 0 if size <= 24 else 8 * s
    p.setPen(Qt.PenStyle.NoPen)
    p.setBrush(QColor(ACCENT))
    p.drawRoundedRect(QRectF(margin, margin, size - 2 * margin, size - 2 * margin), 44 * s, 44 * s)

    # The open book: two pages meeting at a spine, their top edges curving up to the outer corners.
    white = QColor("#ffffff")
    spine_x, top, bottom = 128 * s, 120 * s, 214 * s
    for side in (-1, 1):
        outer = spine_x + side * 92 * s
        page = QPainterPath(QPointF(spine_x, top + 10 * s))
        page.cubicTo(QPointF(spine_x + side * 30 * s, top - 10 * s), QPointF(outer - side * 30 * s, top - 14 * s),
                     QPointF(outer, top - 4 * s))
        page.lineTo(QPointF(outer, bottom - 14 * s))
        page.cubicTo(QPointF(outer - side * 30 * s, bottom - 24 * s), QPointF(spine_x + side * 30 * s, bottom - 20 * s),
                     QPointF(spine_x, bottom))
        page.closeSubpath()
        p.setBrush(white)
        p.drawPath(page)
        if size >= 48:  # lines of writing, only where they can be seen
            pen = QPen(QColor(ACCENT), max(1.0, 7 * s))
            pen.setCapStyle(Qt.PenCapStyle.RoundCap)
            p.setPen(pen)
            for k in range(3):
                y = top + (22 + 24 * k) * s
                a, b = spine_x + side * 20 * s, spine_x + side * 70 * s
                p.drawLine(QPointF(a, y), QPointF(b, y - 3 * s))
            p.setPen(Qt.PenStyle.NoPen)

    p.setBrush(QColor(STAR))
    p.drawPolygon(_star(128 * s, 66 * s, (44 if size > 24 else 50) * s))
    p.end()
    return img


def write_ico(path: Path = ICO) -> Path:
    """Every size drawn at its own resolution, packed into one .ico (PNG entries, as Windows Vista+ reads)."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PIL import Image
    from PySide6.QtCore import QBuffer, QIODevice
    from PySide6.QtGui import QGuiApplication

    app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])  # noqa: F841 — QImage/QPainter need one
    frames = []
    for size in SIZES:
        buf = QBuffer()
        buf.open(QIODevice.OpenModeFlag.WriteOnly)
        render(size).save(buf, "PNG")
        frames.append(Image.open(io.BytesIO(bytes(buf.data()))).convert("RGBA"))
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".ico.tmp")
    # Pillow takes the largest frame and the others through append_images, each kept at its own drawing.
    frames[-1].save(tmp, format="ICO", sizes=[(s, s) for s in SIZES], append_images=frames[:-1],
                    bitmap_format="bmp")
    os.replace(tmp, path)
    return path


if __name__ == "__main__":
    print(write_ico())
