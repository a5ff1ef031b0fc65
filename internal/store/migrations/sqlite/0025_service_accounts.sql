-- Service accounts: a user that stands for an integration (the PBX/CTI that
-- pops calls, a reporting job), never a person. It works with API tokens
-- only and cannot log in with a password; the admin may make its tokens,
-- which is the only case where anyone makes a token for another user (an
-- admin minting a token for a person could act as that person). The flag
-- is set when the account is made and never changed after.
ALTER TABLE users ADD COLUMN service_account BOOLEAN NOT NULL DEFAULT FALSE;
