-- A send flagged review (a crash or a lost answer cut it short) that the
-- gateway proves never arrived is sent again by the service itself, with
-- the same message ID, at most once: resent_at (Unix ms) is when it was
-- put back in the queue for that, and a message that has it is never
-- resent automatically again (what is still in doubt after that waits for
-- a person).
ALTER TABLE messages ADD COLUMN resent_at BIGINT;
