-- Outbound campaigns (issue 16). A campaign's words, title and callback number are the practice's, the same for
-- everyone on its list: plain. Its patients are patient data throughout: every field is encrypted (`{column}_enc`,
-- bound to the row), and the phone is also kept as a keyed hash (`phone_hash`, PhiProtector.Index) so opt-outs and
-- the calling caps find a number without decrypting every row. Times are ISO-8601 UTC text; slot and appointment
-- times are the practice's wall clock (yyyy-MM-ddTHH:mm:ss).
CREATE TABLE campaigns (
    id              INTEGER PRIMARY KEY,
    practice_id     TEXT NOT NULL,
    title           TEXT NOT NULL,
    kind            TEXT NOT NULL,
    words           TEXT NOT NULL,
    callback_number TEXT NOT NULL,
    state           TEXT NOT NULL,
    window_start    TEXT NOT NULL,
    window_end      TEXT NOT NULL,
    max_per_day     INTEGER NOT NULL,
    max_per_week    INTEGER NOT NULL,
    max_attempts    INTEGER NOT NULL,
    -- The waits before each retry as TimeSpan "c" text (d.hh:mm:ss), comma-separated; the last one repeats.
    retry_waits     TEXT NOT NULL,
    max_channels    INTEGER NOT NULL,
    time_zone       TEXT NOT NULL,
    ends_by         TEXT NOT NULL,
    created_by      TEXT NOT NULL,
    created_at      TEXT NOT NULL,
    started_at      TEXT,
    ended_at        TEXT
);
CREATE INDEX campaigns_practice ON campaigns (practice_id, created_at);
CREATE INDEX campaigns_state ON campaigns (state);

-- A campaign's slots (reschedule campaigns). taken_by is unique: a patient never holds two slots, and a slot is
-- taken by one conditional UPDATE, so two patients never get one.
CREATE TABLE campaign_slots (
    id          INTEGER PRIMARY KEY,
    campaign_id INTEGER NOT NULL REFERENCES campaigns (id),
    starts_at   TEXT NOT NULL,
    clinician   TEXT,
    taken_by    INTEGER UNIQUE,
    taken_at    TEXT
);
CREATE INDEX campaign_slots_campaign ON campaign_slots (campaign_id, starts_at);

-- Each patient of a campaign and where they stand. The dialler leases a patient (lease_owner, lease_until) before
-- calling, as dispatch leases its steps: a lease a killed process held runs out on its own. next_at is when the
-- patient may next be tried (null: not yet started, or done). link_hash is the SHA-256 of the emailed link's token;
-- the token itself is never stored.
CREATE TABLE campaign_patients (
    id             INTEGER PRIMARY KEY,
    campaign_id    INTEGER NOT NULL REFERENCES campaigns (id),
    line           INTEGER NOT NULL,
    name_enc       TEXT,
    phone_enc      TEXT,
    phone_hash     TEXT NOT NULL,
    email_enc      TEXT,
    appointment_enc TEXT,
    clinician_enc  TEXT,
    progress       TEXT NOT NULL,
    next_at        TEXT,
    lease_owner    TEXT,
    lease_until    TEXT,
    held_by        TEXT,
    held_why       TEXT,
    slot_id        INTEGER REFERENCES campaign_slots (id),
    confirmed_how  TEXT,
    confirmed_at   TEXT,
    mailed_at      TEXT,
    link_hash      TEXT UNIQUE,
    link_spent_at  TEXT
);
CREATE INDEX campaign_patients_campaign ON campaign_patients (campaign_id, id);
CREATE INDEX campaign_patients_due ON campaign_patients (next_at) WHERE next_at IS NOT NULL;
CREATE INDEX campaign_patients_phone ON campaign_patients (phone_hash);
CREATE INDEX campaign_patients_unmailed ON campaign_patients (id) WHERE mailed_at IS NULL AND email_enc IS NOT NULL;

-- Every call to a campaign's patient, with the calling policy's decision that let it go and what AMD() said.
CREATE TABLE campaign_attempts (
    id          INTEGER PRIMARY KEY,
    campaign_id INTEGER NOT NULL REFERENCES campaigns (id),
    patient_id  INTEGER NOT NULL REFERENCES campaign_patients (id),
    started_at  TEXT NOT NULL,
    ended_at    TEXT,
    result      TEXT,
    amd_status  TEXT,
    amd_cause   TEXT,
    rule        TEXT NOT NULL,
    why         TEXT NOT NULL,
    detail      TEXT,
    amd_label   TEXT
);
CREATE INDEX campaign_attempts_campaign ON campaign_attempts (campaign_id, id);
CREATE INDEX campaign_attempts_patient ON campaign_attempts (patient_id, id);

-- Numbers that asked to stop a practice's calls: found by their keyed hash, kept encrypted so a key rotation can
-- make the hash again.
CREATE TABLE campaign_opt_outs (
    id           INTEGER PRIMARY KEY,
    practice_id  TEXT NOT NULL,
    phone_enc    TEXT,
    phone_hash   TEXT NOT NULL,
    opted_out_at TEXT NOT NULL
);
CREATE INDEX campaign_opt_outs_phone ON campaign_opt_outs (practice_id, phone_hash);
