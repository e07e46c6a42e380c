"""A control that may not be used now is disabled, never hidden, and says why: the first reason given becomes its
tooltip (a screen reader gives it as the description). One rule for every screen's buttons."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget


def gate(widget: QWidget, *reasons: str) -> bool:
    """Enable `widget` unless one of `reasons` is non-empty; the first such reason is its tooltip. True if
    enabled."""
    reason = next((r for r in reasons if r), "")
    widget.setEnabled(not reason)
    widget.setToolTip(reason)
    return not reason


def deny(widget: QWidget, ctx, permission: str) -> bool:
    """`gate` on the role: disabled when the role lacks `permission`, saying so."""
    return gate(widget, ctx.denied_reason(permission))
