-- EHR hand-offs (docs/ehr.md): one row a message, written in the transaction that saves it (the trigger below, so
-- the message store's insert stays the one every schema since the first accepts). Where the practice has
-- an EHR link the worker sends the message there, tries again with backoff while the EHR is down, and keeps the
-- last result; where it has none the row is closed as NotLinked. Leases as in dispatches: a dead owner's expires.
CREATE TABLE ehr_handoffs (
    message_id  INTEGER PRIMARY KEY REFERENCES messages (id),
    practice_id TEXT NOT NULL,
    state       TEXT NOT NULL,
    attempts    INTEGER NOT NULL DEFAULT 0,
    next_at     TEXT NOT NULL,
    level       TEXT,
    reference   TEXT,
    detail      TEXT NOT NULL DEFAULT '',
    updated_at  TEXT,
    lease_owner TEXT,
    lease_until TEXT
);
CREATE INDEX ehr_handoffs_due ON ehr_handoffs (state, next_at);
CREATE INDEX ehr_handoffs_practice ON ehr_handoffs (practice_id, state);

-- Messages taken from now on; those taken before the link existed are not sent after the fact.
CREATE TRIGGER messages_ehr_handoff AFTER INSERT ON messages
BEGIN
    INSERT INTO ehr_handoffs (message_id, practice_id, state, next_at) VALUES (NEW.id, NEW.practice_id, 'Pending', NEW.received_at);
END;
