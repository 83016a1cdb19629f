-- The summary of a call an operator patched, for the clinician who took it: summary_for (their clinician id) marks
-- a message as a summary and says whom it is for; summary_by is the operator's user name. Both are staff, not
-- patient data. What the summary says (when the call came in, when the clinician joined and for how long, the
-- typed message's id and reason) is one value encrypted by PhiProtector and bound to its row; the caller's number
-- is the message's caller_id_enc, as for every message.
ALTER TABLE messages ADD COLUMN summary_for TEXT;
ALTER TABLE messages ADD COLUMN summary_by TEXT;
ALTER TABLE messages ADD COLUMN summary_enc TEXT;

-- One summary per call, however many times its end is reported: the second insert finds this index and writes
-- nothing (typed and recorded messages are not counted).
CREATE UNIQUE INDEX messages_summary_once ON messages (call_id) WHERE summary_for IS NOT NULL;
