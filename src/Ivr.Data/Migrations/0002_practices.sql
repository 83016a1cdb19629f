-- Practices, their published numbers and on-call overrides. A practice is kept whole as a JSON
-- document (hours, holidays, clinicians, rotations: what `ivr practice import` reads); every
-- saved version is kept in practice_revisions, with who saved it, for the change history.
CREATE TABLE practices (
    id         TEXT PRIMARY KEY,
    name       TEXT NOT NULL,
    document   TEXT NOT NULL,
    revision   INTEGER NOT NULL,
    updated_at TEXT NOT NULL,
    updated_by TEXT NOT NULL
);

CREATE TABLE practice_revisions (
    practice_id TEXT NOT NULL REFERENCES practices (id),
    revision    INTEGER NOT NULL,
    document    TEXT NOT NULL,
    saved_at    TEXT NOT NULL,
    saved_by    TEXT NOT NULL,
    PRIMARY KEY (practice_id, revision)
);

CREATE TABLE practice_numbers (
    number      TEXT PRIMARY KEY,
    practice_id TEXT NOT NULL REFERENCES practices (id)
);

-- Overrides are never deleted: a cancelled one keeps who cancelled it and when.
CREATE TABLE oncall_overrides (
    id           INTEGER PRIMARY KEY,
    practice_id  TEXT NOT NULL REFERENCES practices (id),
    layer        INTEGER NOT NULL,
    clinician_id TEXT NOT NULL,
    starts_at    TEXT NOT NULL,
    ends_at      TEXT NOT NULL,
    reason       TEXT NOT NULL,
    set_by       TEXT NOT NULL,
    set_at       TEXT NOT NULL,
    cancelled_at TEXT,
    cancelled_by TEXT
);
CREATE INDEX oncall_overrides_practice ON oncall_overrides (practice_id, ends_at);

-- Which coverage rule routed each call (the schedule entries are in its timeline).
ALTER TABLE calls ADD COLUMN coverage_mode TEXT;
ALTER TABLE calls ADD COLUMN route_reason TEXT;
