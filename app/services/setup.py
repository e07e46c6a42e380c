"""Setting a unit up (`init`) and building the demo database (`demo`).

A new database is built under a temporary name and renamed into place only when complete, so an interrupted
set-up never leaves a half-made file that later looks like a real one.
"""

from __future__ import annotations

import os
import uuid
from pathlib import Path

from app.clock import Clock, system_clock
from app.domain import units
from app.errors import DanvanError
from app.services import accounts
from app.storage import audit, settings
from app.storage.db import checkpoint, open_db, spelled_otherwise, write_transaction

LEVEL_LABELS = {"commune": ("xã, phường", "ward/commune"),  # "trong danh mục {…}" / "in the {…} list"
                "upper": ("tỉnh, thành phố", "province")}


def resolve_unit(code: str, level: str, lang: str = "vi") -> units.Unit:
    unit = units.find_unit(code, level) if units.normalize_code(code, level) else None
    if unit is None:
        vi, en = LEVEL_LABELS[level]
        raise DanvanError("unit.unknown", code=code, level_label=vi if lang == "vi" else en)
    return unit


def _remove_db_files(path: Path) -> None:
    for suffix in ("", "-wal", "-shm", "-journal"):
        p = Path(str(path) + suffix)
        if p.exists():
            p.unlink()


def _is_nonempty(path: Path) -> bool:
    return path.exists() and path.stat().st_size > 0


def create_database(path: str | Path, unit: units.Unit, level: str, admin: str, password: str, *,
                    district: str | None = None, demo: bool = False, clock: Clock | None = None,
                    populate=None, replace: bool = False) -> dict:
    """Make a complete new database at `path` (refusing to touch an existing one — unless `replace`, a demo
    database built again: the old one stays until the new one is complete)."""
    path = Path(path)
    if path.is_dir():
        raise DanvanError("db.is_folder", path=str(path))
    if _is_nonempty(path) and not replace:
        raise DanvanError("db.exists", path=str(path))
    twin = spelled_otherwise(path)
    if twin is not None and _is_nonempty(twin):  # a second database that looks like the first in every list
        raise DanvanError("db.exists_twin", path=str(path), twin=twin.name)
    accounts.check_new_password(password, user=admin, unit_name=unit.name)
    clock = clock or system_clock()
    tmp = path.with_name(path.name + ".creating")
    _remove_db_files(tmp)
    path.parent.mkdir(parents=True, exist_ok=True)
    db = open_db(tmp, create=True)
    try:
        values = {
            "site_id": str(uuid.uuid4()),
            "unit_code": unit.code,
            "unit_name": unit.name,
            "level": level,
            "province_code": unit.province_code,
            "province_name": unit.province_name,
            "units_source": units.data_source(),
            "created_at": clock.utc_stamp(),
            "demo": "1" if demo else "0",
        }
        if district:
            values["district_name"] = district
        with write_transaction(db):
            for k, v in values.items():
                settings.put(db, k, v)
            audit.append(db, [audit.Entry("setting", None, "setting", k, settings.setting_state_hash(k, v))
                              for k, v in values.items()] + [audit.Entry("init", admin, detail=f"{unit.code} {level}")],
                         clock.utc_stamp())
        from app.services.protection import create_data_key

        recovery_key = create_data_key(db, by=admin)
        accounts.add_user(db, admin, "admin", password, by=None)
        if populate is not None:
            populate(db)
        checkpoint(db)
    except BaseException:
        db.close()
        _remove_db_files(tmp)
        raise
    db.close()
    if _is_nonempty(path) and not replace:  # someone made it meanwhile: never overwrite
        _remove_db_files(tmp)
        raise DanvanError("db.exists", path=str(path))
    for suffix in ("-wal", "-shm"):
        if Path(str(tmp) + suffix).exists():
            Path(str(tmp) + suffix).unlink()
        if replace:  # the old file's log, read into the new file, would damage it
            Path(str(path) + suffix).unlink(missing_ok=True)
    os.replace(tmp, path)
    return {"db": str(path), "unit_code": unit.code, "unit_name": unit.name, "level": level, "fingerprint": None,
            "recovery_key": recovery_key}


def init(path, unit_code: str, level: str, admin: str, password: str, *, district: str | None = None,
         lang: str = "vi", clock: Clock | None = None) -> dict:
    if level not in ("commune", "upper"):
        from app.errors import UsageError

        raise UsageError("v.enum", value=level, allowed="commune, upper")
    unit = resolve_unit(unit_code, level, lang)
    res = create_database(path, unit, level, admin, password, district=district, clock=clock)
    # The sync keys (SYNC.md): sealed beside the database, unlocked by the admin's password. Made after the file
    # is in place; should this fail, the database is still complete and the keys are made on first need.
    from app.services.sync_keys import create_site_keys, keys_recovery

    db = open_db(path)
    try:
        res["fingerprint"] = create_site_keys(db, path, admin, password, clock=clock)
        checkpoint(db)
    finally:
        db.close()
    if res.get("recovery_key"):  # the printed recovery key gives the sync keys back too, the day it is needed
        keys_recovery(path, admin, password, res["recovery_key"])
    return res
