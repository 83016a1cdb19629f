-- The callers waiting at the service processes' desks, one shared queue across the processes sharing this database:
-- each process writes its own waiting callers (agi_url, its FastAGI address as in desk_presence), so the queue's order
-- (urgent first, then by queued_at, when the caller first joined a desk's queue) is one across processes. A process
-- with someone free on a line claims the head of it where another process holds the caller (claimed_by, its address;
-- claimed_at, when it asked, believed while fresh), and the holder hands the caller over if movable. The rows of a
-- crashed process are ignored once its desk_presence row is stale; a process removes its own rows on shutdown.
CREATE TABLE desk_queue (
    call_id    TEXT NOT NULL PRIMARY KEY,
    agi_url    TEXT NOT NULL,
    line       TEXT NOT NULL,
    urgent     INTEGER NOT NULL,
    queued_at  TEXT NOT NULL,
    movable    INTEGER NOT NULL,
    claimed_by TEXT,
    claimed_at TEXT
);
CREATE INDEX desk_queue_holder ON desk_queue (agi_url);
