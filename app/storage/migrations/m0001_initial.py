"""Migration 0001 — the initial schema. SHIPPED: never edit this file; add a new numbered migration instead.

Every record table has: an explicit INTEGER rowid (`rid`, stable across VACUUM so the external-content FTS index
stays valid), the UUIDv7 `id`, `rev`, `owner_site`, created/updated at/by, the tombstone flag, one column per
scalar field of the exchange format, and derived columns for lists and search (record_date, search_fold, …).
People (citizens, representatives, petitioners) live in their own tables so their identity can be protected
column by column. Triggers fill `change_log` (SYNC.md); the audit log is append-only. The external-content FTS
indexes are maintained by app/storage/records.py in bulk (a per-row trigger made imports five times slower);
they hold derived data only and can be rebuilt with the FTS 'rebuild' command.
"""

SQL = r"""
CREATE TABLE settings (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

CREATE TABLE users (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL UNIQUE COLLATE NOCASE,
    full_name TEXT,
    role TEXT NOT NULL CHECK (role IN ('admin', 'leader', 'officer', 'viewer')),
    pw_hash TEXT NOT NULL,
    active INTEGER NOT NULL DEFAULT 1,
    created_at TEXT NOT NULL,
    created_by TEXT,
    last_login_at TEXT,
    failed_logins INTEGER NOT NULL DEFAULT 0,
    locked_until TEXT
);

CREATE TABLE change_log (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    entity TEXT NOT NULL,
    id TEXT NOT NULL,
    rev INTEGER NOT NULL,
    owner_site TEXT,
    at TEXT NOT NULL
);

CREATE TABLE audit_log (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    at TEXT NOT NULL,
    user TEXT,
    action TEXT NOT NULL,
    entity TEXT,
    record_id TEXT,
    state_hash TEXT,
    detail TEXT,
    prev_hash TEXT NOT NULL,
    hash TEXT NOT NULL
);
CREATE INDEX audit_log_record ON audit_log(entity, record_id);
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log BEGIN
    SELECT RAISE(ABORT, 'the audit log is append-only');
END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log BEGIN
    SELECT RAISE(ABORT, 'the audit log is append-only');
END;

CREATE TABLE calendar_days (
    day TEXT PRIMARY KEY,
    kind TEXT NOT NULL CHECK (kind IN ('off', 'work')),
    note TEXT
);

CREATE TABLE case_counters (
    unit_code TEXT NOT NULL,
    year INTEGER NOT NULL,
    last INTEGER NOT NULL,
    PRIMARY KEY (unit_code, year)
);

CREATE TABLE receptions (
    rid INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    rev INTEGER NOT NULL DEFAULT 1,
    owner_site TEXT NOT NULL,
    deleted INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1)),
    created_at TEXT NOT NULL,
    created_by TEXT,
    updated_at TEXT NOT NULL,
    updated_by TEXT,
    "case_no" TEXT,
    "received_at" TEXT,
    "mode" TEXT,
    "no_show" INTEGER,
    "channel" TEXT,
    "host_name" TEXT,
    "host_role" TEXT,
    "group_size" INTEGER,
    "content" TEXT,
    "category" TEXT,
    "prior_handler" TEXT,
    "direction" TEXT,
    "forwarded_to" TEXT,
    "result" TEXT,
    "note" TEXT,
    record_date TEXT,
    search_fold TEXT NOT NULL DEFAULT '',
    person_name TEXT,
    person_sort TEXT,
    confidential INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE petitions (
    rid INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    rev INTEGER NOT NULL DEFAULT 1,
    owner_site TEXT NOT NULL,
    deleted INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1)),
    created_at TEXT NOT NULL,
    created_by TEXT,
    updated_at TEXT NOT NULL,
    updated_by TEXT,
    "case_no" TEXT,
    "received_on" TEXT,
    "source" TEXT,
    "category" TEXT,
    "anonymous" INTEGER,
    "content" TEXT,
    "respondent" TEXT,
    "eligible" INTEGER,
    "ineligible_reason" TEXT,
    "complex" INTEGER,
    "remote_area" INTEGER,
    "round" INTEGER,
    "direction" TEXT,
    "accepted_on" TEXT,
    "notified_on" TEXT,
    "forwarded_to" TEXT,
    "extensions" TEXT,
    "status" TEXT,
    "duplicate_of" TEXT REFERENCES petitions(id) DEFERRABLE INITIALLY DEFERRED,
    "reception_id" TEXT REFERENCES receptions(id) DEFERRABLE INITIALLY DEFERRED,
    "resolved_on" TEXT,
    "answered_on" TEXT,
    "outcome" TEXT,
    "note" TEXT,
    record_date TEXT,
    search_fold TEXT NOT NULL DEFAULT '',
    person_name TEXT,
    person_sort TEXT,
    confidential INTEGER NOT NULL DEFAULT 0,
    due_on TEXT
);
CREATE TABLE models (
    rid INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    rev INTEGER NOT NULL DEFAULT 1,
    owner_site TEXT NOT NULL,
    deleted INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1)),
    created_at TEXT NOT NULL,
    created_by TEXT,
    updated_at TEXT NOT NULL,
    updated_by TEXT,
    "case_no" TEXT,
    "year" INTEGER,
    "name" TEXT,
    "kind" TEXT,
    "field" TEXT,
    "owner" TEXT,
    "level" TEXT,
    "description" TEXT,
    "situation" TEXT,
    "goals" TEXT,
    "content_method" TEXT,
    "area" TEXT,
    "forces" TEXT,
    "resources" TEXT,
    "timeline" TEXT,
    "outputs" TEXT,
    "sustainability" TEXT,
    "status" TEXT,
    "recognized_on" TEXT,
    "recognition_level" TEXT,
    "decision_no" TEXT,
    "note" TEXT,
    record_date TEXT,
    search_fold TEXT NOT NULL DEFAULT ''
);
CREATE TABLE dialogues (
    rid INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    rev INTEGER NOT NULL DEFAULT 1,
    owner_site TEXT NOT NULL,
    deleted INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1)),
    created_at TEXT NOT NULL,
    created_by TEXT,
    updated_at TEXT NOT NULL,
    updated_by TEXT,
    "case_no" TEXT,
    "held_on" TEXT,
    "chair" TEXT,
    "participants" INTEGER,
    "topics" TEXT,
    "commitments" TEXT,
    "follow_up" TEXT,
    "note" TEXT,
    record_date TEXT,
    search_fold TEXT NOT NULL DEFAULT ''
);

CREATE INDEX receptions_date ON receptions(deleted, record_date);  -- counts and pages of live records use it alone
CREATE UNIQUE INDEX receptions_case_no ON receptions(case_no) WHERE case_no IS NOT NULL;
CREATE VIRTUAL TABLE receptions_fts USING fts5(search_fold, content='receptions', content_rowid='rid', tokenize='unicode61');
CREATE TRIGGER receptions_log_ai AFTER INSERT ON receptions BEGIN
    INSERT INTO change_log(entity, id, rev, owner_site, at)
    VALUES ('reception', new.id, new.rev, new.owner_site, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'));
END;
CREATE TRIGGER receptions_log_au AFTER UPDATE OF rev, deleted, owner_site, "case_no", "received_at", "mode", "no_show", "channel", "host_name", "host_role", "group_size", "content", "category", "prior_handler", "direction", "forwarded_to", "result", "note" ON receptions BEGIN
    INSERT INTO change_log(entity, id, rev, owner_site, at)
    VALUES ('reception', new.id, new.rev, new.owner_site, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'));
END;
-- Records are never deleted (tombstones travel upward); a DELETE is refused so no code path can lose one.
CREATE TRIGGER receptions_no_delete BEFORE DELETE ON receptions BEGIN
    SELECT RAISE(ABORT, 'records are tombstoned (deleted = 1), never deleted');
END;

CREATE INDEX petitions_date ON petitions(deleted, record_date);  -- counts and pages of live records use it alone
CREATE UNIQUE INDEX petitions_case_no ON petitions(case_no) WHERE case_no IS NOT NULL;
CREATE VIRTUAL TABLE petitions_fts USING fts5(search_fold, content='petitions', content_rowid='rid', tokenize='unicode61');
CREATE TRIGGER petitions_log_ai AFTER INSERT ON petitions BEGIN
    INSERT INTO change_log(entity, id, rev, owner_site, at)
    VALUES ('petition', new.id, new.rev, new.owner_site, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'));
END;
CREATE TRIGGER petitions_log_au AFTER UPDATE OF rev, deleted, owner_site, "case_no", "received_on", "source", "category", "anonymous", "content", "respondent", "eligible", "ineligible_reason", "complex", "remote_area", "round", "direction", "accepted_on", "notified_on", "forwarded_to", "extensions", "status", "duplicate_of", "reception_id", "resolved_on", "answered_on", "outcome", "note" ON petitions BEGIN
    INSERT INTO change_log(entity, id, rev, owner_site, at)
    VALUES ('petition', new.id, new.rev, new.owner_site, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'));
END;
-- Records are never deleted (tombstones travel upward); a DELETE is refused so no code path can lose one.
CREATE TRIGGER petitions_no_delete BEFORE DELETE ON petitions BEGIN
    SELECT RAISE(ABORT, 'records are tombstoned (deleted = 1), never deleted');
END;

CREATE INDEX models_date ON models(deleted, record_date);  -- counts and pages of live records use it alone
CREATE UNIQUE INDEX models_case_no ON models(case_no) WHERE case_no IS NOT NULL;
CREATE VIRTUAL TABLE models_fts USING fts5(search_fold, content='models', content_rowid='rid', tokenize='unicode61');
CREATE TRIGGER models_log_ai AFTER INSERT ON models BEGIN
    INSERT INTO change_log(entity, id, rev, owner_site, at)
    VALUES ('model', new.id, new.rev, new.owner_site, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'));
END;
CREATE TRIGGER models_log_au AFTER UPDATE OF rev, deleted, owner_site, "case_no", "year", "name", "kind", "field", "owner", "level", "description", "situation", "goals", "content_method", "area", "forces", "resources", "timeline", "outputs", "sustainability", "status", "recognized_on", "recognition_level", "decision_no", "note" ON models BEGIN
    INSERT INTO change_log(entity, id, rev, owner_site, at)
    VALUES ('model', new.id, new.rev, new.owner_site, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'));
END;
-- Records are never deleted (tombstones travel upward); a DELETE is refused so no code path can lose one.
CREATE TRIGGER models_no_delete BEFORE DELETE ON models BEGIN
    SELECT RAISE(ABORT, 'records are tombstoned (deleted = 1), never deleted');
END;

CREATE INDEX dialogues_date ON dialogues(deleted, record_date);  -- counts and pages of live records use it alone
CREATE UNIQUE INDEX dialogues_case_no ON dialogues(case_no) WHERE case_no IS NOT NULL;
CREATE VIRTUAL TABLE dialogues_fts USING fts5(search_fold, content='dialogues', content_rowid='rid', tokenize='unicode61');
CREATE TRIGGER dialogues_log_ai AFTER INSERT ON dialogues BEGIN
    INSERT INTO change_log(entity, id, rev, owner_site, at)
    VALUES ('dialogue', new.id, new.rev, new.owner_site, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'));
END;
CREATE TRIGGER dialogues_log_au AFTER UPDATE OF rev, deleted, owner_site, "case_no", "held_on", "chair", "participants", "topics", "commitments", "follow_up", "note" ON dialogues BEGIN
    INSERT INTO change_log(entity, id, rev, owner_site, at)
    VALUES ('dialogue', new.id, new.rev, new.owner_site, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'));
END;
-- Records are never deleted (tombstones travel upward); a DELETE is refused so no code path can lose one.
CREATE TRIGGER dialogues_no_delete BEFORE DELETE ON dialogues BEGIN
    SELECT RAISE(ABORT, 'records are tombstoned (deleted = 1), never deleted');
END;

CREATE INDEX receptions_person_sort ON receptions(deleted, person_sort);
CREATE INDEX receptions_category ON receptions(category, record_date);
CREATE INDEX petitions_status ON petitions(status, due_on);
CREATE INDEX petitions_category ON petitions(category, record_date);
CREATE INDEX petitions_due ON petitions(due_on) WHERE due_on IS NOT NULL;
CREATE INDEX petitions_person_sort ON petitions(deleted, person_sort);
CREATE INDEX petitions_duplicate_of ON petitions(duplicate_of) WHERE duplicate_of IS NOT NULL;
CREATE INDEX petitions_reception ON petitions(reception_id) WHERE reception_id IS NOT NULL;
CREATE INDEX models_year ON models(year, field);

CREATE TABLE receptions_persons (
    rid INTEGER PRIMARY KEY,
    record_id TEXT NOT NULL REFERENCES receptions(id) DEFERRABLE INITIALLY DEFERRED,
    role TEXT NOT NULL,
    pos INTEGER NOT NULL,
    name TEXT,
    id_type TEXT,
    id_number TEXT,
    phone TEXT,
    address TEXT,
    ward_code TEXT,
    name_fold TEXT,
    name_sort TEXT
);
CREATE INDEX receptions_persons_record ON receptions_persons(record_id, role, pos);
CREATE INDEX receptions_persons_id_number ON receptions_persons(id_number) WHERE id_number IS NOT NULL;
CREATE INDEX receptions_persons_name ON receptions_persons(name_fold);
-- The application rewrites people with their record (whose rev goes up); an UPDATE here comes from elsewhere,
-- and is still logged for sync against the parent record.
CREATE TRIGGER receptions_persons_log_au AFTER UPDATE ON receptions_persons BEGIN
    INSERT INTO change_log(entity, id, rev, owner_site, at)
    SELECT 'reception', t.id, t.rev, t.owner_site, strftime('%Y-%m-%dT%H:%M:%fZ', 'now') FROM receptions t WHERE t.id = new.record_id;
END;

CREATE TABLE petitions_persons (
    rid INTEGER PRIMARY KEY,
    record_id TEXT NOT NULL REFERENCES petitions(id) DEFERRABLE INITIALLY DEFERRED,
    role TEXT NOT NULL,
    pos INTEGER NOT NULL,
    name TEXT,
    id_type TEXT,
    id_number TEXT,
    phone TEXT,
    address TEXT,
    ward_code TEXT,
    name_fold TEXT,
    name_sort TEXT
);
CREATE INDEX petitions_persons_record ON petitions_persons(record_id, role, pos);
CREATE INDEX petitions_persons_id_number ON petitions_persons(id_number) WHERE id_number IS NOT NULL;
CREATE INDEX petitions_persons_name ON petitions_persons(name_fold);
-- The application rewrites people with their record (whose rev goes up); an UPDATE here comes from elsewhere,
-- and is still logged for sync against the parent record.
CREATE TRIGGER petitions_persons_log_au AFTER UPDATE ON petitions_persons BEGIN
    INSERT INTO change_log(entity, id, rev, owner_site, at)
    SELECT 'petition', t.id, t.rev, t.owner_site, strftime('%Y-%m-%dT%H:%M:%fZ', 'now') FROM petitions t WHERE t.id = new.record_id;
END;
"""


def apply(db) -> None:
    db.executescript(SQL)
