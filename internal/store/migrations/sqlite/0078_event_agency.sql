-- The agency a complaint was with when an event was written (issue 15).
-- An agency's steps (8: receipt, answer) count for that agency whoever
-- recorded them: its own user, or the call center that took its answer by
-- phone (record_agency_answer), whose user has no agency. Until now the
-- figures joined on the actor's agency, and a step 8 the call center
-- recorded fell out of every agency's compliance.
ALTER TABLE complaint_events ADD COLUMN agency_id BIGINT;
-- Past agency steps: the actor's agency where the agency took the step,
-- else the agency of the last forward before it (a forward's, re-forward's
-- or withdrawal's details name the agency it went to).
UPDATE complaint_events SET agency_id = COALESCE(
	(SELECT u.agency_id FROM users u WHERE u.id = complaint_events.actor_id),
	(SELECT CAST(json_extract(f.details, '$.agency_id') AS INTEGER) FROM complaint_events f
		WHERE f.complaint_id = complaint_events.complaint_id AND f.id < complaint_events.id AND f.step IN ('forward', 'reforward')
		ORDER BY f.id DESC LIMIT 1))
WHERE step IN ('agency_receive', 'agency_answer');
CREATE INDEX complaint_events_agency ON complaint_events(agency_id, at) WHERE agency_id IS NOT NULL;
-- The agency is history like the rest of the event: only the news columns
-- (agency_reached, a redaction's details) stay free to change.
DROP TRIGGER complaint_events_no_update;
CREATE TRIGGER complaint_events_no_update BEFORE UPDATE ON complaint_events
WHEN NOT (NEW.id = OLD.id AND NEW.complaint_id = OLD.complaint_id AND NEW.action = OLD.action AND NEW.step = OLD.step
	AND NEW.from_status = OLD.from_status AND NEW.to_status = OLD.to_status AND NEW.actor_id IS OLD.actor_id
	AND NEW.actor_name = OLD.actor_name AND NEW.actor_role = OLD.actor_role AND NEW.at = OLD.at
	AND NEW.deadline_at IS OLD.deadline_at AND NEW.met IS OLD.met AND NEW.elapsed_ms = OLD.elapsed_ms
	AND NEW.agency_id IS OLD.agency_id)
BEGIN SELECT RAISE(ABORT, 'complaint_events is append-only'); END;
