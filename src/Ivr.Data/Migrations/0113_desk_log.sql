-- The operator desk's facts, for reports and occupancy (IDeskLog). No patient data: a call is its call
-- record's id, an operator their account name. Every column but the key may arrive in any order (a
-- late join, a repeated answer): each write fills its own columns once and never overwrites them.
CREATE TABLE desk_calls (
    call_record_id INTEGER PRIMARY KEY,
    practice_id    TEXT,
    priority       TEXT CHECK (priority IN ('Urgent', 'Routine')),
    queued_at      TEXT,
    answered_at    TEXT,
    operator_name  TEXT,
    left_at        TEXT,
    left_how       TEXT CHECK (left_how IN ('HungUp', 'Message', 'Doctor', 'SafetyNet')),
    released_at    TEXT
);
CREATE INDEX desk_calls_queued_at ON desk_calls (queued_at);
CREATE INDEX desk_calls_answered_at ON desk_calls (operator_name, answered_at);

-- Each change of an operator's status, in order; the same change at the same instant is one fact.
CREATE TABLE desk_operator_status (
    id            INTEGER PRIMARY KEY,
    operator_name TEXT NOT NULL,
    status        TEXT NOT NULL CHECK (status IN ('SignedOut', 'Available', 'OnBreak', 'WrapUp', 'Offered', 'OnCall', 'Paused')),
    at            TEXT NOT NULL,
    UNIQUE (operator_name, at, status)
);
CREATE INDEX desk_operator_status_at ON desk_operator_status (at);
