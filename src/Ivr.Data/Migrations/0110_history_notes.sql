-- What a clinician or staff member writes when they acknowledge or resolve a message (how the patient
-- was helped): it may hold patient data, so it is kept encrypted, bound to its history row.
ALTER TABLE message_history ADD COLUMN note_enc TEXT;
