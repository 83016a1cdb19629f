-- One secret calendar-feed token per clinician of a practice: /calendar/{token}.ics lists their
-- shifts without a sign-in, so the token is the only key. Regenerating replaces the row, which
-- revokes the old address at once.
CREATE TABLE calendar_feeds (
    practice_id  TEXT NOT NULL,
    clinician_id TEXT NOT NULL,
    token        TEXT NOT NULL UNIQUE,
    created_at   TEXT NOT NULL,
    PRIMARY KEY (practice_id, clinician_id)
);
