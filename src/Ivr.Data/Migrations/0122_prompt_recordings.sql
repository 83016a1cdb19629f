-- Recordings that replace prompts: the one in use per owner (a practice id, or '*' for the service's shared prompts)
-- and prompt, and a history row for every keep and revert, so a practice can see who changed its voice and when.
-- Recordings are staff voices, not patient data: nothing here is encrypted.
CREATE TABLE prompt_recordings (
    owner TEXT NOT NULL,
    prompt_id TEXT NOT NULL,
    voice TEXT NOT NULL,
    sound TEXT NOT NULL,
    seconds REAL NOT NULL,
    kept_by TEXT NOT NULL,
    kept_at TEXT NOT NULL,
    PRIMARY KEY (owner, prompt_id)
);

CREATE TABLE prompt_recording_history (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    owner TEXT NOT NULL,
    prompt_id TEXT NOT NULL,
    action TEXT NOT NULL,
    voice TEXT NOT NULL,
    sound TEXT,
    seconds REAL,
    by TEXT NOT NULL,
    at TEXT NOT NULL
);

CREATE INDEX prompt_recording_history_owner ON prompt_recording_history (owner, prompt_id, id);
