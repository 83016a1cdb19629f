-- Nurses triage callers at the desk, for every practice. The roles' CHECK constraints of users and
-- second_factor_roles are widened in code (NurseRoleMigration), as 0111 did for operators.
SELECT 1;

-- A nurse's triage saves a typed message of its own (the disposition first in its reason line) beside the
-- one an operator may have typed for the same call before transferring it: one of each kind per call.
ALTER TABLE messages ADD COLUMN typed_triage INTEGER NOT NULL DEFAULT 0 CHECK (typed_triage IN (0, 1));
DROP INDEX messages_typed_once;
CREATE UNIQUE INDEX messages_typed_once ON messages (call_id, typed_triage) WHERE typed_by IS NOT NULL;
