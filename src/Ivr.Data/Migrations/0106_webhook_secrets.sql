-- One signing secret per practice for its webhooks, encrypted like patient data. During a rotation's
-- overlap the replaced secret signs beside the new one until previous_until.
CREATE TABLE webhook_secrets (
    practice_id    TEXT NOT NULL PRIMARY KEY,
    current_enc    TEXT NOT NULL,
    previous_enc   TEXT,
    previous_until TEXT,
    rotated_at     TEXT NOT NULL
);
