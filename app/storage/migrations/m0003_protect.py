"""Personal data at rest (issue 7): ID numbers sealed and looked up by keyed hash, the data key's wraps, and an
index for per-unit counts at the upper level.

Existing ID numbers and denouncers' identities are sealed by the first session that holds the data key
(app/services/protection.py): a migration runs before anyone has logged in, so it has no key to seal with.
"""

SQL = r"""
ALTER TABLE users ADD COLUMN enc_public TEXT;   -- X25519 public key (base64) the data key is wrapped to
ALTER TABLE users ADD COLUMN enc_private TEXT;  -- its private half, sealed with the account's password

-- The data key wrapped once per holder: an account id, or 'recovery' for the recovery key printed at set-up.
CREATE TABLE data_key_wraps (
    holder TEXT PRIMARY KEY,
    wrapped TEXT NOT NULL,
    created_at TEXT NOT NULL,
    created_by TEXT
);

ALTER TABLE receptions_persons ADD COLUMN id_hash TEXT;
ALTER TABLE petitions_persons ADD COLUMN id_hash TEXT;
DROP INDEX receptions_persons_id_number;
DROP INDEX petitions_persons_id_number;
CREATE INDEX receptions_persons_id_hash ON receptions_persons(id_hash) WHERE id_hash IS NOT NULL;
CREATE INDEX petitions_persons_id_hash ON petitions_persons(id_hash) WHERE id_hash IS NOT NULL;

CREATE INDEX receptions_owner_site ON receptions(owner_site, deleted);
CREATE INDEX petitions_owner_site ON petitions(owner_site, deleted);
CREATE INDEX models_owner_site ON models(owner_site, deleted);
CREATE INDEX dialogues_owner_site ON dialogues(owner_site, deleted);
"""


def apply(db) -> None:
    db.executescript(SQL)
