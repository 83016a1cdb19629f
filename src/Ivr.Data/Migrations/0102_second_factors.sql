-- Second factors at portal sign-in. The per-role requirement is a row per role; a new database
-- requires a factor of every role that can see patient data (supervisor, practice-admin, clinician).
CREATE TABLE second_factor_roles (
    role       TEXT PRIMARY KEY CHECK (role IN ('supervisor', 'practice-admin', 'clinician', 'telecom-admin')),
    required   INTEGER NOT NULL CHECK (required IN (0, 1)),
    changed_by TEXT NOT NULL,
    changed_at TEXT NOT NULL
);
INSERT INTO second_factor_roles (role, required, changed_by, changed_at) VALUES
    ('supervisor', 1, 'default', '2026-12-02T00:00:00.0000000+00:00'),
    ('practice-admin', 1, 'default', '2026-12-02T00:00:00.0000000+00:00'),
    ('clinician', 1, 'default', '2026-12-02T00:00:00.0000000+00:00'),
    ('telecom-admin', 0, 'default', '2026-12-02T00:00:00.0000000+00:00');

-- An authenticator app's shared secret, encrypted with the patient-data key (it is as good as a
-- password), bound to its row like every protected value; last_step is the RFC 6238 time step of the last accepted code, so no code works twice.
CREATE TABLE user_totp (
    user_id      INTEGER PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
    secret_enc   TEXT NOT NULL,
    last_step    INTEGER NOT NULL,
    confirmed_at TEXT NOT NULL
);

-- Recovery codes: only their SHA-256 hashes; used_at marks the one use each has.
CREATE TABLE user_recovery_codes (
    user_id    INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    code_hash  TEXT NOT NULL,
    created_at TEXT NOT NULL,
    used_at    TEXT,
    PRIMARY KEY (user_id, code_hash)
);

-- Passkeys: the credential id and public key (nothing secret), the signature counter, a name.
CREATE TABLE user_passkeys (
    credential_id BLOB PRIMARY KEY,
    user_id       INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    public_key    BLOB NOT NULL,
    sign_count    INTEGER NOT NULL,
    name          TEXT NOT NULL,
    created_at    TEXT NOT NULL,
    last_used_at  TEXT
);
CREATE INDEX user_passkeys_user ON user_passkeys (user_id);
