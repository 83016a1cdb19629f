-- Server-side portal sessions: the cookie carries a random 256-bit token, the table only its SHA-256,
-- so a copied cookie stops working the moment its row is revoked or its absolute end passes.
CREATE TABLE sessions (
    id             INTEGER PRIMARY KEY,
    token_hash     TEXT NOT NULL UNIQUE,
    user_id        INTEGER NOT NULL REFERENCES users (id),
    role           TEXT NOT NULL,
    created_at     TEXT NOT NULL,
    last_seen_at   TEXT NOT NULL,
    expires_at     TEXT NOT NULL,
    client_address TEXT,
    user_agent     TEXT,
    revoked_at     TEXT,
    revoked_why    TEXT
);

CREATE INDEX sessions_user ON sessions (user_id, revoked_at, expires_at);

-- Disabled accounts cannot sign in; removed ones are disabled for good with the password wiped, the
-- row (and its name) kept so the audit history still names one person.
ALTER TABLE users ADD COLUMN disabled_at TEXT;
ALTER TABLE users ADD COLUMN removed_at TEXT;
