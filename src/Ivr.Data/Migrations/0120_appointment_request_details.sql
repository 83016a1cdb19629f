-- An appointment request is a message of its own kind, made by a caller in the IVR, typed at the desk, or left by
-- a nurse's triage. Where it was made, whether the patient is new, and the preferred days (flags, Monday 1 to
-- Saturday 32; 0 any) and time of day are not patient data and are read without decrypting. The date of birth
-- and the appointment booked in the EHR (its reference, start and clinician) are, and are encrypted by
-- PhiProtector and bound to their row like the message's other fields.
ALTER TABLE messages ADD COLUMN appointment_source TEXT;
ALTER TABLE messages ADD COLUMN appointment_standing TEXT;
ALTER TABLE messages ADD COLUMN appointment_days INTEGER;
ALTER TABLE messages ADD COLUMN appointment_time TEXT;
ALTER TABLE messages ADD COLUMN appointment_birth_date_enc TEXT;
ALTER TABLE messages ADD COLUMN appointment_booked_enc TEXT;

-- Every request made before this migration was a triage's.
UPDATE messages SET appointment_source = 'Triage', appointment_standing = 'Unknown', appointment_days = 0, appointment_time = 'Any'
WHERE appointment_window IS NOT NULL;
