-- Idempotency keys (the Idempotency-Key request header): a client that got
-- no answer (the connection broke during COMMIT, the instance died before
-- answering) sends the same request again with the same key and gets the
-- first answer back instead of a second complaint. A row is written in the
-- same transaction as what the request did, so it exists exactly when that
-- did. Keys are per owner ('user:ID' for API users, 'open311:ID' for
-- Open311 clients): one caller can never replay another's. Rows older than
-- 24 hours count as absent and are swept now and then on insert.
CREATE TABLE idempotency_keys (
	owner TEXT NOT NULL,
	idem_key TEXT NOT NULL,
	-- hex SHA-256 of method, path and body: the same key with another
	-- request is refused rather than answered with the first one's result.
	fingerprint TEXT NOT NULL,
	status INTEGER NOT NULL,
	content_type TEXT NOT NULL,
	-- the complaint the request created or changed (not a foreign key:
	-- the row is only a cache of an answer).
	complaint_id BIGINT,
	response TEXT NOT NULL,
	created_at BIGINT NOT NULL,
	PRIMARY KEY (owner, idem_key)
);
CREATE INDEX idempotency_keys_created ON idempotency_keys(created_at);
