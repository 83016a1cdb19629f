-- Messages an operator types at the desk, with the caller on the line: the form's fields instead of
-- recordings. Every field is patient data, encrypted by PhiProtector and bound to its row, except
-- typed_by (the operator's user name), which also marks a message as typed.
ALTER TABLE messages ADD COLUMN typed_by TEXT;
ALTER TABLE messages ADD COLUMN caller_name_enc TEXT;
ALTER TABLE messages ADD COLUMN patient_name_enc TEXT;
ALTER TABLE messages ADD COLUMN date_of_birth_enc TEXT;
ALTER TABLE messages ADD COLUMN reason_enc TEXT;
ALTER TABLE messages ADD COLUMN notes_enc TEXT;

-- One typed message per call, however many operators save its form: the second insert finds this
-- index and writes nothing (messages left in the automated flow are not counted).
CREATE UNIQUE INDEX messages_typed_once ON messages (call_id) WHERE typed_by IS NOT NULL;
