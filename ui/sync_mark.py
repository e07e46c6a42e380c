"""The Đồng bộ navigation item's mark (kept out of main_window.py): a dot at a commune with records not yet sent;
at the upper level the number of conflicts and quarantined records waiting for a person (accent colour, not red:
red is for overdue petitions); the tooltip says what it counts."""

from __future__ import annotations

import logging

from PySide6.QtCore import QCoreApplication

from ui import format as fmt

log = logging.getLogger(__name__)


def sync_attention(session) -> dict:
    """sync_review.attention(), or nothing to mark when it fails (any thread)."""
    from app.services import sync_review  # imported by the worker that counts, not on the way to the first paint

    try:
        return sync_review.attention(session)
    except Exception:  # a mark is a hint; the screen itself reports problems
        log.exception("sync mark failed")
        return {"level": "commune", "count": 0}


def show_sync_mark(item, att: dict, badge_role, mark_role) -> None:
    """Set the Đồng bộ item's mark from sync_attention() (GUI thread)."""
    upper = att.get("level") == "upper"
    n = att.get("count") or 0
    item.setData(mark_role, (n, upper) if n else None)
    item.setData(badge_role, n if upper and n else None)
    if not n:
        item.setToolTip("")
    elif upper:
        item.setToolTip(QCoreApplication.translate(
            "SyncMark", "{c} conflict(s) to review, {q} record(s) set aside").format(
            c=fmt.number(att.get("conflicts", 0)), q=fmt.number(att.get("quarantined", 0))))
    else:
        item.setToolTip(QCoreApplication.translate("SyncMark", "{n} record(s) not sent to the upper level yet").format(
            n=fmt.number(n) + ("+" if att.get("more") else "")))
