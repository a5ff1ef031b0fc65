-- Messages in and out (SMS, WhatsApp, e-mail), their templates, e-mailed
-- photos, in-app notifications and SLA breach records. River keeps its own
-- job tables (created by its rivermigrate package at start-up).
CREATE TABLE messages (
	id INTEGER PRIMARY KEY,
	complaint_id BIGINT REFERENCES complaints(id),
	channel TEXT NOT NULL,
	direction TEXT NOT NULL,
	purpose TEXT NOT NULL DEFAULT '',
	template TEXT NOT NULL DEFAULT '',
	to_addr TEXT NOT NULL DEFAULT '',
	from_addr TEXT NOT NULL DEFAULT '',
	subject TEXT NOT NULL DEFAULT '',
	body TEXT NOT NULL DEFAULT '',
	params TEXT NOT NULL DEFAULT '[]',
	wa_template TEXT NOT NULL DEFAULT '',
	status TEXT NOT NULL,
	via TEXT NOT NULL DEFAULT '',
	gateway_id TEXT,
	parts INTEGER NOT NULL DEFAULT 0,
	attempts INTEGER NOT NULL DEFAULT 0,
	error TEXT NOT NULL DEFAULT '',
	note TEXT NOT NULL DEFAULT '',
	user_id BIGINT REFERENCES users(id),
	agency_id BIGINT REFERENCES agencies(id),
	created_at BIGINT NOT NULL,
	updated_at BIGINT NOT NULL,
	sent_at BIGINT,
	delivered_at BIGINT,
	read_at BIGINT,
	failed_at BIGINT,
	processed_at BIGINT
);
-- A gateway's ID is unique per channel and direction: an inbound webhook
-- delivered twice inserts nothing the second time. NULLs (messages the
-- gateway gave no ID) are distinct on both databases.
CREATE UNIQUE INDEX messages_gateway ON messages(channel, direction, gateway_id);
CREATE INDEX messages_complaint ON messages(complaint_id, id);
CREATE INDEX messages_status ON messages(status, id);
CREATE INDEX messages_from ON messages(channel, direction, from_addr, id);
CREATE TABLE message_templates (
	key TEXT PRIMARY KEY,
	subject TEXT NOT NULL DEFAULT '',
	body TEXT NOT NULL,
	wa_template TEXT NOT NULL DEFAULT '',
	updated_at BIGINT NOT NULL,
	updated_by TEXT NOT NULL DEFAULT ''
);
CREATE TABLE attachments (
	id INTEGER PRIMARY KEY,
	-- NULL until the message it came with is matched to a complaint.
	complaint_id BIGINT REFERENCES complaints(id),
	message_id BIGINT REFERENCES messages(id),
	part INTEGER NOT NULL DEFAULT 0,
	filename TEXT NOT NULL DEFAULT '',
	content_type TEXT NOT NULL,
	size BIGINT NOT NULL,
	width INTEGER NOT NULL DEFAULT 0,
	height INTEGER NOT NULL DEFAULT 0,
	storage_key TEXT NOT NULL,
	thumb_key TEXT NOT NULL DEFAULT '',
	sha256 TEXT NOT NULL DEFAULT '',
	lat DOUBLE PRECISION,
	lng DOUBLE PRECISION,
	created_at BIGINT NOT NULL
);
CREATE UNIQUE INDEX attachments_message_part ON attachments(message_id, part);
CREATE INDEX attachments_complaint ON attachments(complaint_id, id);
CREATE TABLE notifications (
	id INTEGER PRIMARY KEY,
	user_id BIGINT NOT NULL REFERENCES users(id),
	complaint_id BIGINT REFERENCES complaints(id),
	kind TEXT NOT NULL,
	step TEXT NOT NULL DEFAULT '',
	due_at BIGINT,
	created_at BIGINT NOT NULL,
	read_at BIGINT
);
CREATE UNIQUE INDEX notifications_once ON notifications(user_id, complaint_id, kind, step, due_at);
CREATE INDEX notifications_user ON notifications(user_id, id);
CREATE TABLE sla_breaches (
	id INTEGER PRIMARY KEY,
	complaint_id BIGINT NOT NULL REFERENCES complaints(id),
	step TEXT NOT NULL,
	window_start BIGINT NOT NULL,
	deadline_at BIGINT NOT NULL,
	detected_at BIGINT NOT NULL,
	agency_id BIGINT REFERENCES agencies(id)
);
CREATE UNIQUE INDEX sla_breaches_once ON sla_breaches(complaint_id, step, window_start);
CREATE INDEX sla_breaches_detected ON sla_breaches(detected_at);
-- The IMAP poller's place in each mailbox: mails up to last_uid of this
-- UIDVALIDITY are imported. It moves in the same transaction as the
-- imported message, so a crash never imports a mail twice or skips one.
CREATE TABLE imap_state (
	mailbox TEXT PRIMARY KEY,
	uidvalidity BIGINT NOT NULL,
	last_uid BIGINT NOT NULL
);
