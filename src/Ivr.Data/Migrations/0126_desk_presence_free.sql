-- How many of a process's signed-in operators and nurses are free now (available, no call offered or taken): a caller
-- waiting at a desk where nobody is free moves to a process whose desk has someone free on their line.
ALTER TABLE desk_presence ADD COLUMN operators_free INTEGER NOT NULL DEFAULT 0;
ALTER TABLE desk_presence ADD COLUMN nurses_free INTEGER NOT NULL DEFAULT 0;
