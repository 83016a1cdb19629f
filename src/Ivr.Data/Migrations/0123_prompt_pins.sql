-- The telephone prompt-recording line's PINs: one per portal account, only a salted PBKDF2 hash
-- (ivr prompt-pin set). Removing the account's PIN removes the row.
CREATE TABLE prompt_pins (
    user_id INTEGER NOT NULL PRIMARY KEY REFERENCES users (id),
    hash    TEXT NOT NULL,
    set_at  TEXT NOT NULL
);
