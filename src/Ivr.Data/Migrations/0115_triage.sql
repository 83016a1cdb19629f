-- Nurse triage (docs/triage.md). Every version of every protocol is kept, as imported (its content as
-- JSON in definition); the same id and version never changes content.
CREATE TABLE triage_protocols (
    row         INTEGER PRIMARY KEY,
    id          TEXT NOT NULL,
    version     TEXT NOT NULL,
    title       TEXT NOT NULL,
    audience    TEXT NOT NULL CHECK (audience IN ('Adult', 'Pediatric')),
    example     INTEGER NOT NULL CHECK (example IN (0, 1)),
    questions   INTEGER NOT NULL,
    definition  TEXT NOT NULL,
    imported_at TEXT NOT NULL,
    imported_by TEXT NOT NULL,
    UNIQUE (id, version)
);

-- Finished triages. The pathway (protocols, questions and answers, advice, override reason, note) is
-- patient data, encrypted by PhiProtector and bound to its row. The dispositions, the override's
-- direction and the nurse stay readable for reports and the physician's review list, like a message's urgency.
CREATE TABLE triage_records (
    id                 INTEGER PRIMARY KEY,
    call_record_id     INTEGER NOT NULL REFERENCES calls (id),
    message_id         INTEGER REFERENCES messages (id),
    practice_id        TEXT NOT NULL,
    nurse              TEXT NOT NULL,
    computed           TEXT NOT NULL,
    final              TEXT NOT NULL,
    override_direction TEXT CHECK (override_direction IN ('Up', 'Down')),
    needs_review       INTEGER NOT NULL CHECK (needs_review IN (0, 1)),
    reviewed_at        TEXT,
    reviewed_by        TEXT,
    started_at         TEXT NOT NULL,
    completed_at       TEXT NOT NULL,
    pathway_enc        TEXT
);
CREATE INDEX triage_records_call ON triage_records (call_record_id);
CREATE INDEX triage_records_review ON triage_records (practice_id, completed_at) WHERE needs_review = 1 AND reviewed_at IS NULL;
CREATE INDEX triage_records_completed ON triage_records (practice_id, completed_at);
