-- When each practice's morning report last reached someone: the next report names the outbound campaigns that
-- ended after it, so every campaign's unconfirmed count reaches the practice once it is over, however many days
-- pass without a report.
CREATE TABLE morning_reports (
    practice_id TEXT PRIMARY KEY,
    last_sent_at TEXT NOT NULL
);
