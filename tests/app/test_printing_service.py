"""The one printing entry point: permissions, an audited choice for confidential identity, atomic files."""

from __future__ import annotations

import sys
import types

import pytest

from app.errors import DanvanError, PermissionDenied, UsageError
from app.services import printing


@pytest.fixture
def fake_document(monkeypatch):
    """A document kind whose builder writes a few bytes (or fails, when asked)."""
    mod = types.ModuleType("tests_fake_document")
    calls = []

    def build(session, out, options, *, include_confidential, invariant):
        calls.append({"options": options, "confidential": include_confidential, "invariant": invariant})
        out.write_bytes(b"%PDF-1.4 fake")
        if options.get("fail"):
            raise OSError(28, "No space left on device")
        return {"pages": 1, "entries": 3}

    mod.build = build
    monkeypatch.setitem(sys.modules, "tests_fake_document", mod)
    monkeypatch.setitem(printing.DOCUMENTS, "fake", ("tests_fake_document", (".pdf",)))
    return calls


def _audit_actions(session) -> list[str]:
    return [r[0] for r in session.db.conn.execute("SELECT action FROM audit_log ORDER BY seq")]


def test_print_writes_the_file_and_audits_it(session, tmp_path, fake_document):
    """A print returns file, pages and entries, and leaves a "print" entry in the audit log."""
    out = tmp_path / "so.pdf"
    res = printing.print_document(session, "fake", out, {"year": 2026})
    assert res == {"file": str(out), "pages": 1, "entries": 3}
    assert out.read_bytes().startswith(b"%PDF")
    assert _audit_actions(session)[-1] == "print"


def test_confidential_identity_needs_the_right(officer, leader, tmp_path, fake_document):
    """Only a role with the confidential-export right may include a denouncer's identity; the choice is audited."""
    with pytest.raises(PermissionDenied):
        printing.print_document(officer, "fake", tmp_path / "a.pdf", include_confidential=True)
    assert not (tmp_path / "a.pdf").exists()
    printing.print_document(leader, "fake", tmp_path / "b.pdf", include_confidential=True)
    assert _audit_actions(leader)[-1] == "print.confidential"


def test_a_failed_build_leaves_no_file(session, tmp_path, fake_document):
    """A build that fails (a full disk) leaves neither the file nor its temporary part behind."""
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    with pytest.raises(DanvanError) as caught:
        printing.print_document(session, "fake", out_dir / "so.pdf", {"fail": True})
    assert "so.pdf" in caught.value.message("vi")
    assert list(out_dir.iterdir()) == []


def test_a_print_that_could_not_be_written_is_not_audited_as_printed(session, tmp_path, fake_document, monkeypatch):
    """The file cannot take its name (a folder of that name; a file held open by another program): the error says
    why in Vietnamese, and the audit log has no "print" entry for a print that did not happen."""
    before = _audit_actions(session)
    out_dir = tmp_path / "out"
    (out_dir / "so.pdf").mkdir(parents=True)
    with pytest.raises(DanvanError) as caught:
        printing.print_document(session, "fake", out_dir / "so.pdf")
    assert "đây là thư mục" in caught.value.message("vi")
    import app.io.writers as writers

    def refuse(src, dst):
        raise PermissionError(13, "Permission denied", str(src))

    monkeypatch.setattr(writers.os, "replace", refuse)
    with pytest.raises(DanvanError) as caught:
        printing.print_document(session, "fake", out_dir / "khac.pdf")
    assert caught.value.message("vi").startswith(f"Không ghi được tệp {out_dir / 'khac.pdf'}: không được phép")
    assert _audit_actions(session) == before
    assert sorted(p.name for p in out_dir.iterdir()) == ["so.pdf"]  # nothing half-written beside it


def test_unknown_kind_and_suffix_are_usage_errors(session, tmp_path, fake_document):
    """An unknown document or a wrong file suffix is refused before anything is written."""
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    with pytest.raises(UsageError):
        printing.print_document(session, "nothing", out_dir / "a.pdf")
    with pytest.raises(UsageError):
        printing.print_document(session, "fake", out_dir / "a.docx")
    assert list(out_dir.iterdir()) == []
