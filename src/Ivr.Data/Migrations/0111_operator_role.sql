-- Operators answer callers at the desk, for every practice. The roles' CHECK constraints of users and
-- second_factor_roles are widened in code (OperatorRoleMigration): SQLite cannot alter a CHECK, and
-- rebuilding users would cascade-delete every account's second factors and orphan its sessions.
SELECT 1;

-- The phone the desk rings each operator on (an Asterisk dial string), beside their account.
CREATE TABLE operator_phones (
    user_id    INTEGER PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
    phone      TEXT NOT NULL,
    changed_at TEXT NOT NULL
);
