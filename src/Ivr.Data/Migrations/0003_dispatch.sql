-- Dispatch: how each message reaches a clinician, durable so a restarted service resumes every
-- escalation. One row a message, written in the transaction that saves the message. A step runs only
-- after the row moved past it (next_step), so two processes never run it twice; the lease keeps the
-- next step from starting while one is in flight and expires on its own if its owner dies.
CREATE TABLE dispatches (
    message_id   INTEGER PRIMARY KEY REFERENCES messages (id),
    practice_id  TEXT NOT NULL,
    urgency      TEXT NOT NULL,
    kind         TEXT,
    state        TEXT NOT NULL,
    next_step    INTEGER NOT NULL DEFAULT 0,
    next_step_at TEXT NOT NULL,
    chain        TEXT,
    policy       TEXT,
    lease_owner  TEXT,
    lease_until  TEXT
);
CREATE INDEX dispatches_due ON dispatches (state, next_step_at);

-- Every try to reach someone: page, email, webhook. Recipients are clinician ids, never addresses.
CREATE TABLE dispatch_attempts (
    id         INTEGER PRIMARY KEY,
    message_id INTEGER NOT NULL REFERENCES messages (id),
    step       INTEGER NOT NULL,
    channel    TEXT NOT NULL,
    recipient  TEXT NOT NULL,
    started_at TEXT NOT NULL,
    ended_at   TEXT,
    outcome    TEXT NOT NULL DEFAULT '',
    detail     TEXT NOT NULL DEFAULT ''
);
CREATE INDEX dispatch_attempts_message ON dispatch_attempts (message_id, id);

-- received -> dispatched -> delivered -> acknowledged -> resolved: when, by whom, how.
CREATE TABLE message_history (
    id         INTEGER PRIMARY KEY,
    message_id INTEGER NOT NULL REFERENCES messages (id),
    at         TEXT NOT NULL,
    status     TEXT NOT NULL,
    actor      TEXT NOT NULL,
    detail     TEXT NOT NULL
);
CREATE INDEX message_history_message ON message_history (message_id, id);

-- Messages taken before dispatch existed are dispatched now, not forgotten.
INSERT INTO dispatches (message_id, practice_id, urgency, state, next_step_at)
SELECT id, practice_id, urgency, 'New', received_at FROM messages WHERE status = 'Received';
INSERT INTO message_history (message_id, at, status, actor, detail)
SELECT id, received_at, 'Received', 'caller', 'message taken' FROM messages;
