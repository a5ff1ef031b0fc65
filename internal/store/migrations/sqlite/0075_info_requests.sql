-- Public-information requests (UU 14/2008), a track of their own beside
-- complaints (inforequest.go). The requester's ID number is kept in a table
-- of its own (info_request_ids) that only the PPID's reads of one request
-- touch, never a list or an export (store/ppid.go).
CREATE TABLE info_requests (
	id INTEGER PRIMARY KEY,
	number TEXT NOT NULL UNIQUE,
	year INTEGER NOT NULL,
	seq BIGINT NOT NULL,
	status TEXT NOT NULL,
	channel TEXT NOT NULL,
	contact_id BIGINT REFERENCES contacts(id),
	name TEXT NOT NULL,
	address TEXT NOT NULL,
	phone TEXT NOT NULL DEFAULT '',
	email TEXT NOT NULL DEFAULT '',
	information TEXT NOT NULL,
	purpose TEXT NOT NULL,
	medium TEXT NOT NULL,
	delivery TEXT NOT NULL,
	agency_id BIGINT REFERENCES agencies(id),
	received_at BIGINT NOT NULL,
	due_at BIGINT NOT NULL,
	extended_at BIGINT,
	extension_reason TEXT NOT NULL DEFAULT '',
	decision TEXT NOT NULL DEFAULT '',
	decided_at BIGINT,
	answer TEXT NOT NULL DEFAULT '',
	ground TEXT NOT NULL DEFAULT '',
	consequence_test TEXT NOT NULL DEFAULT '',
	referral_to TEXT NOT NULL DEFAULT '',
	document_url TEXT NOT NULL DEFAULT '',
	document_name TEXT NOT NULL DEFAULT '',
	objected_at BIGINT,
	objection_reason TEXT NOT NULL DEFAULT '',
	objection_text TEXT NOT NULL DEFAULT '',
	objection_due_at BIGINT,
	objection_answer TEXT NOT NULL DEFAULT '',
	objection_upheld INTEGER NOT NULL DEFAULT 0,
	objection_answered_at BIGINT,
	objection_by TEXT NOT NULL DEFAULT '',
	commission_at BIGINT,
	commission_ref TEXT NOT NULL DEFAULT '',
	commission_outcome TEXT NOT NULL DEFAULT '',
	closed_at BIGINT,
	created_by BIGINT REFERENCES users(id),
	created_at BIGINT NOT NULL,
	updated_at BIGINT NOT NULL,
	version BIGINT NOT NULL DEFAULT 1,
	UNIQUE (year, seq)
);
CREATE INDEX info_requests_status ON info_requests(status, due_at);
CREATE INDEX info_requests_agency ON info_requests(agency_id, status);
CREATE INDEX info_requests_received ON info_requests(received_at);

CREATE TABLE info_request_ids (
	request_id BIGINT PRIMARY KEY REFERENCES info_requests(id),
	id_number TEXT NOT NULL
);

CREATE TABLE info_request_events (
	id INTEGER PRIMARY KEY,
	request_id BIGINT NOT NULL REFERENCES info_requests(id),
	action TEXT NOT NULL,
	from_status TEXT NOT NULL DEFAULT '',
	to_status TEXT NOT NULL,
	actor_id BIGINT REFERENCES users(id),
	actor_name TEXT NOT NULL DEFAULT '',
	actor_role TEXT NOT NULL DEFAULT '',
	at BIGINT NOT NULL,
	details TEXT NOT NULL DEFAULT '{}'
);
CREATE INDEX info_request_events_request ON info_request_events(request_id, id);
CREATE INDEX info_request_events_at ON info_request_events(at);

-- The daftar informasi publik: what the city holds and publishes, kept by
-- the PPID, searchable by anyone.
CREATE TABLE public_information (
	id INTEGER PRIMARY KEY,
	title TEXT NOT NULL,
	summary TEXT NOT NULL DEFAULT '',
	kind TEXT NOT NULL,
	agency_id BIGINT REFERENCES agencies(id),
	holder TEXT NOT NULL DEFAULT '',
	format TEXT NOT NULL DEFAULT '',
	period TEXT NOT NULL DEFAULT '',
	url TEXT NOT NULL DEFAULT '',
	created_by BIGINT REFERENCES users(id),
	created_at BIGINT NOT NULL,
	updated_at BIGINT NOT NULL
);
