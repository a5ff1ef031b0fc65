-- The desk's duplicate check looks for open complaints received within a
-- window (14 days by default) of now; without this index both databases
-- walked every open complaint newest first, reading each one's text (at
-- a million complaints, 54,000 rows for each keystroke's search).
CREATE INDEX complaints_open_received ON complaints(received_at) WHERE status NOT IN ('closed', 'duplicate', 'rejected');
