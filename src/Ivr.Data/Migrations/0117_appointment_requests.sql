-- The appointment request a nurse's triage leaves with its message: the window, as the disposition ladder's code
-- (see-today, within-24-hours, ...). It is a rung of a fixed ladder, not patient data (who it is for is in the
-- message's encrypted fields), so the inbox and the morning report read it without decrypting anything.
ALTER TABLE messages ADD COLUMN appointment_window TEXT;
