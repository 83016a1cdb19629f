-- Each service process's desk as the processes sharing this database see it: the FastAGI address Asterisk reaches
-- it at, the operators and nurses signed in to it, and when it last said so. A process rewrites its own row while it
-- runs and removes it on shutdown; a row a crashed process left behind goes stale by seen_at. (SQLite's 0125.)
CREATE TABLE desk_presence (
    agi_url   text NOT NULL PRIMARY KEY,
    operators bigint NOT NULL,
    nurses    bigint NOT NULL,
    seen_at   text NOT NULL
);
