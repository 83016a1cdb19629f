-- Columns ending in _enc hold protected health information, encrypted by PhiProtector (AES-256-GCM)
-- with a key kept outside this database. Times are ISO-8601 text in UTC.
CREATE TABLE calls (
    id               INTEGER PRIMARY KEY,
    unique_id        TEXT NOT NULL UNIQUE,
    practice_id      TEXT NOT NULL,
    dialed_number    TEXT NOT NULL,
    caller_id_enc    TEXT,
    started_at       TEXT NOT NULL,
    answered_at      TEXT,
    ended_at         TEXT,
    outcome          TEXT,
    outcome_detail   TEXT,
    billable_seconds INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX calls_started_at ON calls (started_at);

CREATE TABLE call_events (
    id      INTEGER PRIMARY KEY,
    call_id INTEGER NOT NULL REFERENCES calls (id),
    at      TEXT NOT NULL,
    kind    TEXT NOT NULL,
    name    TEXT NOT NULL,
    detail  TEXT NOT NULL
);
CREATE INDEX call_events_call ON call_events (call_id, id);

CREATE TABLE bridge_legs (
    id           INTEGER PRIMARY KEY,
    call_id      INTEGER NOT NULL REFERENCES calls (id),
    attempt      INTEGER NOT NULL,
    clinician_id TEXT NOT NULL,
    started_at   TEXT NOT NULL,
    ended_at     TEXT NOT NULL,
    result       TEXT NOT NULL,
    detail       TEXT NOT NULL
);
CREATE INDEX bridge_legs_call ON bridge_legs (call_id, attempt);

CREATE TABLE messages (
    id                    INTEGER PRIMARY KEY,
    call_id               INTEGER NOT NULL REFERENCES calls (id),
    practice_id           TEXT NOT NULL,
    urgency               TEXT NOT NULL,
    status                TEXT NOT NULL,
    callback_number_enc   TEXT,
    caller_id_enc         TEXT,
    name_recording_enc    TEXT,
    message_recording_enc TEXT,
    message_seconds       REAL NOT NULL DEFAULT 0,
    partial               INTEGER NOT NULL DEFAULT 0,
    urgency_reason        TEXT,
    received_at           TEXT NOT NULL
);
CREATE INDEX messages_status ON messages (status, received_at);
CREATE INDEX messages_call ON messages (call_id);

CREATE TABLE audit_log (
    id           INTEGER PRIMARY KEY,
    at           TEXT NOT NULL,
    actor        TEXT NOT NULL,
    action       TEXT NOT NULL,
    subject_type TEXT NOT NULL,
    subject_id   TEXT NOT NULL,
    detail       TEXT NOT NULL
);
CREATE INDEX audit_log_at ON audit_log (at);
