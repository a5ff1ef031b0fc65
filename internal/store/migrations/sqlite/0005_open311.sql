-- Citizens and other systems: Open311 GeoReport v2 clients and their keys,
-- what they sent with each request, batch tokens, FixMyStreet updates, the
-- per-category service attributes, the satisfaction survey by SMS, the
-- abuse protection of the public pages, and fixed-window rate limits kept
-- in the database so that every instance behind a load balancer counts
-- the same hits.
CREATE TABLE open311_keys (
	id INTEGER PRIMARY KEY,
	name TEXT NOT NULL,
	prefix TEXT NOT NULL,
	hash TEXT NOT NULL UNIQUE,       -- SHA-256 of the key; the key itself is shown once
	per_hour INTEGER NOT NULL,       -- requests an hour before 429-like refusals (403 per the standard)
	created_at BIGINT NOT NULL,
	created_by TEXT NOT NULL DEFAULT '',
	last_used BIGINT,
	revoked_at BIGINT
);
-- Per category (by its code, the Open311 service_code): the service type
-- and the attributes of its service definition.
CREATE TABLE open311_services (
	category_code TEXT PRIMARY KEY,
	type TEXT NOT NULL DEFAULT 'realtime', -- realtime | batch | blackbox
	notice TEXT NOT NULL DEFAULT ''        -- service_notice returned after a POST
);
CREATE TABLE open311_attributes (
	category_code TEXT NOT NULL,
	code TEXT NOT NULL,
	datatype TEXT NOT NULL,          -- string | number | datetime | text | singlevaluelist | multivaluelist
	variable BOOLEAN NOT NULL DEFAULT TRUE,
	required BOOLEAN NOT NULL DEFAULT FALSE,
	ord INTEGER NOT NULL,
	description TEXT NOT NULL,
	datatype_description TEXT NOT NULL DEFAULT '',
	vals TEXT NOT NULL DEFAULT '[]', -- JSON [{"key":…,"name":…}]
	PRIMARY KEY (category_code, code),
	UNIQUE (category_code, ord)
);
-- What came with a complaint from outside the call center: the Open311
-- client (or the public web form), its device and account IDs, the media
-- URL, and the batch token that names it.
CREATE TABLE complaint_sources (
	complaint_id BIGINT PRIMARY KEY REFERENCES complaints(id),
	key_id BIGINT REFERENCES open311_keys(id),
	device_id TEXT NOT NULL DEFAULT '',
	account_id TEXT NOT NULL DEFAULT '',
	media_url TEXT NOT NULL DEFAULT '',
	address_id TEXT NOT NULL DEFAULT '',
	token TEXT UNIQUE,
	client_ip TEXT NOT NULL DEFAULT ''
);
CREATE INDEX complaint_sources_key ON complaint_sources(key_id);
CREATE TABLE complaint_attributes (
	complaint_id BIGINT NOT NULL REFERENCES complaints(id),
	code TEXT NOT NULL,
	seq INTEGER NOT NULL,
	value TEXT NOT NULL,
	PRIMARY KEY (complaint_id, code, seq)
);
-- FixMyStreet's updates (servicerequestupdates): each kept once per client
-- and update_id, so a retried POST adds nothing.
CREATE TABLE open311_updates (
	id INTEGER PRIMARY KEY,
	key_id BIGINT NOT NULL REFERENCES open311_keys(id),
	external_id TEXT NOT NULL,
	complaint_id BIGINT NOT NULL REFERENCES complaints(id),
	event_id BIGINT,
	status TEXT NOT NULL,
	description TEXT NOT NULL,
	created_at BIGINT NOT NULL,
	UNIQUE (key_id, external_id)
);
-- The satisfaction survey: one invitation per complaint, sent by SMS when
-- it is closed; the reply (1–5) goes to survey_responses (0004).
CREATE TABLE survey_invitations (
	id INTEGER PRIMARY KEY,
	complaint_id BIGINT NOT NULL UNIQUE REFERENCES complaints(id),
	phone TEXT NOT NULL,
	message_id BIGINT,
	sent_at BIGINT NOT NULL,
	expires_at BIGINT NOT NULL,
	answered_at BIGINT,
	score INTEGER
);
CREATE INDEX survey_invitations_phone ON survey_invitations(phone, sent_at);
CREATE TABLE rate_limits (
	bucket TEXT NOT NULL,
	window_start BIGINT NOT NULL,
	hits INTEGER NOT NULL,
	PRIMARY KEY (bucket, window_start)
);
-- Secrets of the public pages (the form token's HMAC key), shared by every
-- instance; and the form tokens already used, so that one is used once.
CREATE TABLE public_secrets (
	name TEXT PRIMARY KEY,
	value TEXT NOT NULL
);
CREATE TABLE form_nonces (
	nonce TEXT PRIMARY KEY,
	used_at BIGINT NOT NULL
);
CREATE INDEX form_nonces_used ON form_nonces(used_at);
-- Service attributes of two categories where a field crew needs them.
INSERT INTO open311_attributes (category_code, code, datatype, variable, required, ord, description, datatype_description, vals) VALUES
	('JALAN_RUSAK', 'UKURAN_LUBANG', 'singlevaluelist', TRUE, FALSE, 1, 'Seberapa besar lubang atau kerusakannya?', 'Pilih satu',
	 '[{"key":"kecil","name":"Kecil (kurang dari 30 cm)"},{"key":"sedang","name":"Sedang (30 cm sampai 1 m)"},{"key":"besar","name":"Besar (lebih dari 1 m)"}]'),
	('JALAN_RUSAK', 'LAJUR_TERTUTUP', 'singlevaluelist', TRUE, FALSE, 2, 'Apakah kerusakan menutup lajur jalan?', 'Pilih satu',
	 '[{"key":"ya","name":"Ya"},{"key":"tidak","name":"Tidak"}]'),
	('PJU', 'NOMOR_TIANG', 'string', TRUE, FALSE, 1, 'Nomor tiang lampu (tertulis pada tiang, jika ada)', 'Contoh: PJU-SKJ-0123', '[]');
