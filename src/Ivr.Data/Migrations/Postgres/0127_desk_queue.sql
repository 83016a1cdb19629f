-- The callers waiting at the service processes' desks, one shared queue across the processes sharing this database:
-- each process writes its own waiting callers (agi_url, its FastAGI address as in desk_presence), so the queue's order
-- (urgent first, then by queued_at, when the caller first joined a desk's queue) is one across processes. A process
-- with someone free on a line claims the head of it where another process holds the caller (claimed_by, its address;
-- claimed_at, when it asked, believed while fresh), and the holder hands the caller over if movable. The rows of a
-- crashed process are ignored once its desk_presence row is stale; a process removes its own rows on shutdown.
-- (SQLite's 0127.)
CREATE TABLE desk_queue (
    call_id    text NOT NULL PRIMARY KEY,
    agi_url    text NOT NULL,
    line       text NOT NULL,
    urgent     bigint NOT NULL,
    queued_at  text NOT NULL,
    movable    bigint NOT NULL,
    claimed_by text,
    claimed_at text
);
CREATE INDEX desk_queue_holder ON desk_queue (agi_url);
