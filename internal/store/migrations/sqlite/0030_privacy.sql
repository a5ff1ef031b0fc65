-- Personal-data duties (UU 27/2022): anonymised citizens, erased message
-- bodies, redacted audit snapshots, data subjects' requests and the breach
-- log.
ALTER TABLE citizens ADD COLUMN anonymised_at BIGINT;
ALTER TABLE messages ADD COLUMN erased_at BIGINT;
ALTER TABLE audit_log ADD COLUMN redacted_at BIGINT;
CREATE INDEX messages_erase ON messages(erased_at, created_at);
-- The audit log and the event log stay append-only, with one exception:
-- anonymisation may blank the personal values in a row's text (the audit
-- log's before/after snapshots, an event's details). Who did what and when
-- can still never change, nor can a row go.
DROP TRIGGER audit_log_no_update;
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
WHEN NOT (NEW.id = OLD.id AND NEW.at = OLD.at AND NEW.actor_id IS OLD.actor_id AND NEW.actor_name = OLD.actor_name
	AND NEW.actor_role = OLD.actor_role AND NEW.action = OLD.action AND NEW.entity = OLD.entity
	AND NEW.entity_id = OLD.entity_id AND NEW.request_id = OLD.request_id AND NEW.redacted_at IS NOT NULL)
BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
DROP TRIGGER complaint_events_no_update;
CREATE TRIGGER complaint_events_no_update BEFORE UPDATE ON complaint_events
WHEN NOT (NEW.id = OLD.id AND NEW.complaint_id = OLD.complaint_id AND NEW.action = OLD.action AND NEW.step = OLD.step
	AND NEW.from_status = OLD.from_status AND NEW.to_status = OLD.to_status AND NEW.actor_id IS OLD.actor_id
	AND NEW.actor_name = OLD.actor_name AND NEW.actor_role = OLD.actor_role AND NEW.at = OLD.at
	AND NEW.deadline_at IS OLD.deadline_at AND NEW.met IS OLD.met AND NEW.elapsed_ms = OLD.elapsed_ms)
BEGIN SELECT RAISE(ABORT, 'complaint_events is append-only'); END;
CREATE TABLE privacy_requests (
	id INTEGER PRIMARY KEY,
	kind TEXT NOT NULL,                 -- access | correction | erasure
	status TEXT NOT NULL,               -- received | acknowledged | done | refused
	subject_phone TEXT NOT NULL DEFAULT '',
	subject_email TEXT NOT NULL DEFAULT '',
	subject_hash TEXT NOT NULL DEFAULT '', -- SHA-256 of the contact, kept after an erasure
	requester TEXT NOT NULL,
	via TEXT NOT NULL DEFAULT '',
	notes TEXT NOT NULL DEFAULT '',
	received_at BIGINT NOT NULL,
	due_at BIGINT NOT NULL,             -- the acknowledgement's deadline
	acknowledged_at BIGINT,
	closed_at BIGINT,
	outcome TEXT NOT NULL DEFAULT '',
	created_by BIGINT REFERENCES users(id),
	created_by_name TEXT NOT NULL DEFAULT '',
	created_at BIGINT NOT NULL,
	updated_at BIGINT NOT NULL,
	version BIGINT NOT NULL DEFAULT 1
);
CREATE INDEX privacy_requests_status ON privacy_requests(status, due_at);
CREATE TABLE privacy_breaches (
	id INTEGER PRIMARY KEY,
	title TEXT NOT NULL,
	description TEXT NOT NULL,
	occurred_at BIGINT,
	discovered_at BIGINT NOT NULL,
	affected TEXT NOT NULL DEFAULT '',
	affected_count INTEGER NOT NULL DEFAULT 0,
	data_kinds TEXT NOT NULL DEFAULT '',  -- comma-separated
	measures TEXT NOT NULL DEFAULT '',
	due_at BIGINT NOT NULL,               -- the notifications' deadline
	subjects_notified_at BIGINT,
	subjects_notice TEXT NOT NULL DEFAULT '',
	authority_notified_at BIGINT,
	authority_notice TEXT NOT NULL DEFAULT '',
	closed_at BIGINT,
	created_by BIGINT REFERENCES users(id),
	created_by_name TEXT NOT NULL DEFAULT '',
	created_at BIGINT NOT NULL,
	updated_at BIGINT NOT NULL,
	version BIGINT NOT NULL DEFAULT 1
);
