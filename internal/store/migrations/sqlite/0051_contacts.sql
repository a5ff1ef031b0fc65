-- The contact log: every contact with the call center, whatever it turns
-- out to be (a complaint, an information request, a prank, a missed call),
-- with its channel, operator, start and duration. Only complaints get a
-- complaint number (complaint_id); a missed call stays on the call-back
-- list until called_back_at is set. call_id is the PBX's own ID: a call it
-- reports twice is logged once.
CREATE TABLE contacts (
	id INTEGER PRIMARY KEY,
	kind TEXT NOT NULL,
	channel TEXT NOT NULL,
	phone TEXT NOT NULL DEFAULT '',
	operator_id BIGINT REFERENCES users(id),
	started_at BIGINT NOT NULL,
	duration_ms BIGINT NOT NULL DEFAULT 0,
	complaint_id BIGINT REFERENCES complaints(id),
	note TEXT NOT NULL DEFAULT '',
	call_id TEXT,
	called_back_at BIGINT,
	called_back_by BIGINT REFERENCES users(id),
	created_at BIGINT NOT NULL
);
CREATE UNIQUE INDEX contacts_call_id ON contacts(call_id);
CREATE INDEX contacts_started ON contacts(started_at);
CREATE INDEX contacts_callbacks ON contacts(started_at) WHERE kind = 'missed' AND called_back_at IS NULL;
