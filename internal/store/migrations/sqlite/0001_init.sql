-- Times are Unix milliseconds (UTC) in both dialects, so that the same SQL
-- computes the same figures on SQLite and PostgreSQL.
CREATE TABLE kecamatan (
	code TEXT PRIMARY KEY,
	name TEXT NOT NULL,
	website TEXT NOT NULL DEFAULT ''
);
CREATE TABLE kelurahan (
	code TEXT PRIMARY KEY,
	name TEXT NOT NULL,
	kecamatan_code TEXT NOT NULL REFERENCES kecamatan(code),
	postal_code TEXT NOT NULL DEFAULT ''
);
CREATE TABLE agencies (
	id INTEGER PRIMARY KEY,
	code TEXT NOT NULL UNIQUE,
	name TEXT NOT NULL,
	short_name TEXT NOT NULL DEFAULT '',
	kind TEXT NOT NULL DEFAULT '',
	website TEXT NOT NULL DEFAULT '',
	phone TEXT NOT NULL DEFAULT '',
	whatsapp TEXT NOT NULL DEFAULT '',
	email TEXT NOT NULL DEFAULT '',
	notes TEXT NOT NULL DEFAULT '',
	active BOOLEAN NOT NULL DEFAULT TRUE,
	updated_at BIGINT NOT NULL
);
CREATE TABLE categories (
	id INTEGER PRIMARY KEY,
	code TEXT NOT NULL UNIQUE,
	name TEXT NOT NULL,
	keywords TEXT NOT NULL DEFAULT '',
	default_agency_id BIGINT REFERENCES agencies(id),
	lapor_category TEXT NOT NULL DEFAULT '',
	priority TEXT NOT NULL DEFAULT 'sedang',
	notes TEXT NOT NULL DEFAULT '',
	public BOOLEAN NOT NULL DEFAULT TRUE,
	active BOOLEAN NOT NULL DEFAULT TRUE
);
CREATE TABLE holidays (
	date TEXT PRIMARY KEY,
	name TEXT NOT NULL
);
CREATE TABLE standards (
	step TEXT PRIMARY KEY,
	amount INTEGER NOT NULL,
	unit TEXT NOT NULL
);
CREATE TABLE settings (
	key TEXT PRIMARY KEY,
	value TEXT NOT NULL
);
CREATE TABLE users (
	id INTEGER PRIMARY KEY,
	username TEXT NOT NULL UNIQUE,
	name TEXT NOT NULL,
	role TEXT NOT NULL,
	agency_id BIGINT REFERENCES agencies(id),
	phone TEXT NOT NULL DEFAULT '',
	email TEXT NOT NULL DEFAULT '',
	lang TEXT NOT NULL DEFAULT 'id',
	active BOOLEAN NOT NULL DEFAULT TRUE,
	must_change_pw BOOLEAN NOT NULL DEFAULT FALSE,
	password_hash TEXT NOT NULL,
	failed_logins INTEGER NOT NULL DEFAULT 0,
	locked_until BIGINT NOT NULL DEFAULT 0,
	created_at BIGINT NOT NULL,
	updated_at BIGINT NOT NULL
);
CREATE TABLE sessions (
	id_hash TEXT PRIMARY KEY,
	user_id BIGINT NOT NULL REFERENCES users(id),
	created_at BIGINT NOT NULL,
	expires_at BIGINT NOT NULL
);
CREATE INDEX sessions_user ON sessions(user_id);
CREATE TABLE api_tokens (
	id INTEGER PRIMARY KEY,
	user_id BIGINT NOT NULL REFERENCES users(id),
	name TEXT NOT NULL,
	prefix TEXT NOT NULL,
	hash TEXT NOT NULL UNIQUE,
	created_at BIGINT NOT NULL,
	last_used BIGINT,
	revoked_at BIGINT
);
CREATE TABLE citizens (
	id INTEGER PRIMARY KEY,
	name TEXT NOT NULL DEFAULT '',
	phone TEXT UNIQUE,
	email TEXT NOT NULL DEFAULT '',
	address TEXT NOT NULL DEFAULT '',
	kelurahan_code TEXT REFERENCES kelurahan(code),
	created_at BIGINT NOT NULL,
	updated_at BIGINT NOT NULL,
	version BIGINT NOT NULL DEFAULT 1
);
CREATE INDEX citizens_email ON citizens(email);
CREATE TABLE complaint_numbers (
	year INTEGER PRIMARY KEY,
	last BIGINT NOT NULL
);
CREATE TABLE complaints (
	id INTEGER PRIMARY KEY,
	number TEXT NOT NULL UNIQUE,
	channel TEXT NOT NULL,
	text TEXT NOT NULL,
	address TEXT NOT NULL DEFAULT '',
	kelurahan_code TEXT REFERENCES kelurahan(code),
	kecamatan_code TEXT REFERENCES kecamatan(code),
	lat DOUBLE PRECISION,
	lng DOUBLE PRECISION,
	category_id BIGINT REFERENCES categories(id),
	agency_id BIGINT REFERENCES agencies(id),
	priority TEXT NOT NULL,
	confidentiality TEXT NOT NULL,
	status TEXT NOT NULL,
	citizen_id BIGINT REFERENCES citizens(id),
	duplicate_of BIGINT REFERENCES complaints(id),
	answer TEXT NOT NULL DEFAULT '',
	answer_source TEXT NOT NULL DEFAULT '',
	answer_ref TEXT NOT NULL DEFAULT '',
	agency_answer TEXT NOT NULL DEFAULT '',
	return_reason TEXT NOT NULL DEFAULT '',
	received_at BIGINT NOT NULL,
	created_at BIGINT NOT NULL,
	updated_at BIGINT NOT NULL,
	closed_at BIGINT,
	created_by BIGINT,
	clock_step TEXT NOT NULL DEFAULT '',
	clock_started_at BIGINT NOT NULL,
	clock_paused_ms BIGINT NOT NULL DEFAULT 0,
	clock_paused_since BIGINT,
	deadline_at BIGINT,
	version BIGINT NOT NULL DEFAULT 1
);
CREATE INDEX complaints_status ON complaints(status, id);
CREATE INDEX complaints_agency ON complaints(agency_id, id);
CREATE INDEX complaints_citizen ON complaints(citizen_id, id);
CREATE INDEX complaints_category ON complaints(category_id, id);
CREATE INDEX complaints_kecamatan ON complaints(kecamatan_code, id);
CREATE INDEX complaints_received ON complaints(received_at);
CREATE INDEX complaints_deadline ON complaints(deadline_at);
CREATE INDEX complaints_duplicate ON complaints(duplicate_of);
CREATE TABLE complaint_events (
	id INTEGER PRIMARY KEY,
	complaint_id BIGINT NOT NULL REFERENCES complaints(id),
	action TEXT NOT NULL,
	step TEXT NOT NULL DEFAULT '',
	from_status TEXT NOT NULL DEFAULT '',
	to_status TEXT NOT NULL DEFAULT '',
	actor_id BIGINT,
	actor_name TEXT NOT NULL DEFAULT '',
	actor_role TEXT NOT NULL DEFAULT '',
	at BIGINT NOT NULL,
	deadline_at BIGINT,
	met BOOLEAN,
	elapsed_ms BIGINT NOT NULL DEFAULT 0,
	details TEXT NOT NULL DEFAULT '{}'
);
CREATE INDEX complaint_events_complaint ON complaint_events(complaint_id, id);
CREATE INDEX complaint_events_at ON complaint_events(at);
CREATE TABLE audit_log (
	id INTEGER PRIMARY KEY,
	at BIGINT NOT NULL,
	actor_id BIGINT,
	actor_name TEXT NOT NULL DEFAULT '',
	actor_role TEXT NOT NULL DEFAULT '',
	action TEXT NOT NULL,
	entity TEXT NOT NULL,
	entity_id TEXT NOT NULL DEFAULT '',
	before_json TEXT NOT NULL DEFAULT '',
	after_json TEXT NOT NULL DEFAULT '',
	request_id TEXT NOT NULL DEFAULT ''
);
CREATE INDEX audit_entity ON audit_log(entity, entity_id, id);
CREATE INDEX audit_actor ON audit_log(actor_id, id);
-- The audit log and the event log are append-only: not even a bug in the
-- application can rewrite history.
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
CREATE TRIGGER complaint_events_no_update BEFORE UPDATE ON complaint_events BEGIN SELECT RAISE(ABORT, 'complaint_events is append-only'); END;
CREATE TRIGGER complaint_events_no_delete BEFORE DELETE ON complaint_events BEGIN SELECT RAISE(ABORT, 'complaint_events is append-only'); END;
