"""The core's message catalogue (app/i18n.py): every key once, and every error the core raises has its sentence."""

from __future__ import annotations

import ast
from collections import Counter
from pathlib import Path

import app
from app.i18n import MESSAGES

APP = Path(app.__file__).parent


def _catalogue_keys() -> list[str]:
    tree = ast.parse((APP / "i18n.py").read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.AnnAssign) and getattr(node.target, "id", "") == "MESSAGES":
            return [k.value for k in node.value.keys]
    raise AssertionError("MESSAGES not found in app/i18n.py")


def test_every_key_is_written_once():
    """A key written twice keeps only its last sentence, silently (one such pair had two different wordings)."""
    twice = [k for k, n in Counter(_catalogue_keys()).items() if n > 1]
    assert twice == []


def test_every_error_raised_with_a_key_has_its_sentence_in_both_languages():
    raised = set()
    for path in APP.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not (isinstance(node, ast.Call) and node.args and isinstance(node.args[0], ast.Constant)):
                continue
            name = getattr(node.func, "id", None) or getattr(node.func, "attr", "")
            key = node.args[0].value
            if (name.endswith("Error") or name == "NotFound") and isinstance(key, str) and "." in key \
                    and " " not in key:
                raised.add((key, path.relative_to(APP).as_posix()))
    assert len(raised) > 50  # the scan sees the core's errors
    assert sorted(r for r in raised if r[0] not in MESSAGES) == []
    assert [k for k, (vi, en) in MESSAGES.items() if not vi.strip() or not en.strip()] == []
