-- How many of a process's signed-in operators and nurses are free now (available, no call offered or taken): a caller
-- waiting at a desk where nobody is free moves to a process whose desk has someone free on their line. (SQLite's 0126.)
ALTER TABLE desk_presence ADD COLUMN operators_free bigint NOT NULL DEFAULT 0;
ALTER TABLE desk_presence ADD COLUMN nurses_free bigint NOT NULL DEFAULT 0;
