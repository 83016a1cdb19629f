-- Portal accounts: one person each, never shared. Passwords are kept only as ASP.NET Core Identity
-- hashes (PBKDF2, salted). practice_id is null for supervisors and telecom admins; clinician_id ties a
-- clinician to the id in their practice's file (it is the actor of what they acknowledge).
CREATE TABLE users (
    id            INTEGER PRIMARY KEY,
    username      TEXT NOT NULL UNIQUE,
    password_hash TEXT NOT NULL,
    role          TEXT NOT NULL CHECK (role IN ('supervisor', 'practice-admin', 'clinician', 'telecom-admin')),
    practice_id   TEXT,
    clinician_id  TEXT,
    failed_count  INTEGER NOT NULL DEFAULT 0,
    locked_until  TEXT,
    created_at    TEXT NOT NULL,
    CHECK ((role IN ('practice-admin', 'clinician')) = (practice_id IS NOT NULL)),
    CHECK ((role = 'clinician') = (clinician_id IS NOT NULL))
);

-- Inboxes list one practice's messages, urgent first, newest first.
CREATE INDEX messages_practice ON messages (practice_id, urgency, received_at);
