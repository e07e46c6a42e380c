"""The escrow key (SYNC.md: "Recipients are the upper level's public key plus, optionally, an escrow key, so data
survives a lost upper-level machine"): a commune registers it with `keys trust --escrow`; every bundle is then also
encrypted to it; it can import the bundles as the upper level does, but only the upper level's receipts count."""

from __future__ import annotations

import pytest

from app.services import records as record_service, setup, stats as stats_service, sync_ack, sync_keys, sync_overview
from app.services.session import Session
from app.storage import sync_peers
from app.sync.bundle import verify
from app.sync.receipt import ReceiptRejected
from tests.app.test_sync_scenario import (PASSWORD, _dialogue, _export, _fill, _import, _own, _run, clock,  # noqa: F401
                                          templates, world)


def _escrow_site(tmp_path, code: str = "1", name: str = "e") -> Session:
    """A second upper-level installation (the province board's backup machine), its key file written beside it."""
    setup.init(tmp_path / f"{name}.db", code, "upper", "admin", PASSWORD, clock=clock())
    e = Session.open(tmp_path / f"{name}.db", "admin", PASSWORD, clock=clock())
    sync_keys.export_keyfile(e, tmp_path / f"{name}.dvkey", password=PASSWORD)
    return e


def test_bundles_are_also_encrypted_to_the_escrow_which_can_rebuild_the_commune(world, tmp_path):
    """With an escrow key registered, a commune's bundle names both recipients; the upper level and the escrow each
    import it and hold the commune's counts, so a lost upper-level machine loses nothing."""
    a, u = world["a"], world["u"]
    e = _escrow_site(tmp_path)
    try:
        res = sync_keys.trust(a, tmp_path / "e.dvkey", escrow=True)
        assert res["escrow"] is True and res["warning"] is None
        sync_keys.export_keyfile(a, tmp_path / "a-for-e.dvkey", password=PASSWORD)
        sync_keys.trust(e, tmp_path / "a-for-e.dvkey")
        _fill(world)
        sent = _export(a, tmp_path)
        e_fp = sync_keys.site_fingerprint(e)
        assert sent["escrow"] == [e_fp]
        manifest = verify(sent["file"], trusted={p["fingerprint"]: p["identity"]
                                                 for p in sync_peers.peers(u.db, "commune")})
        assert manifest.recipients == (sync_keys.site_fingerprint(u), e_fp)
        (at_upper,) = _import(u, sent["file"])
        (at_escrow,) = _import(e, sent["file"])
        assert at_upper["imported"] == at_escrow["imported"] == 60
        assert stats_service.stats(e, by_unit=True)["units"]["00004"] == _own(a)
        over = sync_overview.commune_overview(a)
        assert over["upper"]["fingerprint"] == sync_keys.site_fingerprint(u)  # still the one the receipts come from
        assert [x["fingerprint"] for x in over["escrow"]] == [e_fp]
    finally:
        e.close()


def test_a_receipt_from_the_escrow_is_refused_and_changes_nothing(world, tmp_path):
    """Only the upper level acknowledges: the escrow's receipt is refused with its own sentence, the commune keeps
    sending everything not acknowledged by its upper level."""
    a = world["a"]
    e = _escrow_site(tmp_path)
    try:
        sync_keys.trust(a, tmp_path / "e.dvkey", escrow=True)
        sync_keys.export_keyfile(a, tmp_path / "a-for-e.dvkey", password=PASSWORD)
        sync_keys.trust(e, tmp_path / "a-for-e.dvkey")
        _fill(world)
        _import(e, _export(a, tmp_path)["file"])
        ack = sync_ack.export_ack(e, "4", tmp_path / "from-escrow.dvack", password=PASSWORD)
        with pytest.raises(ReceiptRejected) as err:
            sync_ack.import_ack(a, ack["file"])
        assert err.value.reason == "from_escrow" and "dự phòng" in err.value.message("vi")
        assert _export(a, tmp_path)["records"] == 60  # nothing was acknowledged
    finally:
        e.close()


def test_escrow_roles_are_never_mixed(world, tmp_path):
    """Refused, nothing registered: an escrow at the upper level, the upper level's key as escrow, an escrow key as
    the upper level's; a revoked escrow is no longer a recipient."""
    a, u = world["a"], world["u"]
    e = _escrow_site(tmp_path, code="31", name="hp")
    try:
        sync_keys.export_keyfile(a, tmp_path / "a.dvkey", password=PASSWORD)
        with pytest.raises(sync_keys.TrustRefused) as err:
            sync_keys.trust(u, tmp_path / "a.dvkey", escrow=True)
        assert err.value.reason == "escrow_at_upper"
        sync_keys.export_keyfile(u, tmp_path / "u.dvkey", password=PASSWORD)
        with pytest.raises(sync_keys.TrustRefused) as err:
            sync_keys.trust(a, tmp_path / "u.dvkey", escrow=True)
        assert err.value.reason == "is_upper"
        sync_keys.trust(a, tmp_path / "hp.dvkey", escrow=True)
        with pytest.raises(sync_keys.TrustRefused) as err:
            sync_keys.trust(a, tmp_path / "hp.dvkey")
        assert err.value.reason == "is_escrow"
        _fill(world)
        assert len(_export(a, tmp_path)["escrow"]) == 1
        assert sync_keys.revoke(a, "31")["revoked"] == [sync_keys.site_fingerprint(e)]
        record_service.save(a, _dialogue(24))
        assert _export(a, tmp_path)["escrow"] == []
        shown = sync_keys.show(a)["peers"]
        assert {(p["unit_code"], p["escrow"], p["revoked"]) for p in shown} == {("01", False, False),
                                                                                  ("31", True, True)}
    finally:
        e.close()


def test_keys_trust_escrow_through_the_real_command(templates, tmp_path):
    """`danvan keys trust F.dvkey --escrow`: the contract's fields plus "escrow": true; refused at the upper level."""
    import shutil

    for name in ("a.db", "u.db"):
        shutil.copyfile(templates / name, tmp_path / name)
        shutil.copy2(sync_keys.keys_path(templates / name), sync_keys.keys_path(tmp_path / name))
    _escrow_site(tmp_path).close()
    code, out, proc = _run(["--db", "a.db", "keys", "trust", "e.dvkey", "--escrow"], tmp_path)
    assert code == 0, proc.stderr
    assert out["escrow"] is True and set(out) == {"unit_code", "fingerprint", "warning", "escrow"}
    code, out, proc = _run(["--db", "u.db", "keys", "trust", "e.dvkey", "--escrow"], tmp_path)
    assert code == 1 and "Traceback" not in proc.stderr
