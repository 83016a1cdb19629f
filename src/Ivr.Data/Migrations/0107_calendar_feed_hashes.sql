-- Feed tokens are found by their SHA-256 and otherwise kept only encrypted (to show the address to its
-- owner again); a feed made for a clinician with a portal account names the account and dies with it.
-- Tokens stored in plain before cannot be hashed here: those addresses are revoked, and each clinician's
-- next visit to their shifts page makes a new one.
DROP TABLE calendar_feeds;
CREATE TABLE calendar_feeds (
    practice_id  TEXT NOT NULL,
    clinician_id TEXT NOT NULL,
    token_hash   TEXT NOT NULL UNIQUE,
    token_enc    TEXT NOT NULL,
    account_id   INTEGER,
    created_at   TEXT NOT NULL,
    PRIMARY KEY (practice_id, clinician_id)
);
