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
UPDATE complaint_events e SET agency_id = COALESCE(
	(SELECT u.agency_id FROM users u WHERE u.id = e.actor_id),
	(SELECT (f.details::jsonb->>'agency_id')::bigint FROM complaint_events f
		WHERE f.complaint_id = e.complaint_id AND f.id < e.id AND f.step IN ('forward', 'reforward')
		ORDER BY f.id DESC LIMIT 1))
WHERE e.step IN ('agency_receive', 'agency_answer');
CREATE INDEX complaint_events_agency ON complaint_events(agency_id, at) WHERE agency_id IS NOT NULL;
-- The agency is history like the rest of the event: only the news columns
-- (agency_reached, a redaction's details) stay free to change.
CREATE OR REPLACE FUNCTION aduan_events_redact_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	IF TG_OP = 'UPDATE' AND NEW.id = OLD.id AND NEW.complaint_id = OLD.complaint_id AND NEW.action = OLD.action
		AND NEW.step = OLD.step AND NEW.from_status = OLD.from_status AND NEW.to_status = OLD.to_status
		AND NEW.actor_id IS NOT DISTINCT FROM OLD.actor_id AND NEW.actor_name = OLD.actor_name
		AND NEW.actor_role = OLD.actor_role AND NEW.at = OLD.at AND NEW.deadline_at IS NOT DISTINCT FROM OLD.deadline_at
		AND NEW.met IS NOT DISTINCT FROM OLD.met AND NEW.elapsed_ms = OLD.elapsed_ms
		AND NEW.agency_id IS NOT DISTINCT FROM OLD.agency_id THEN
		RETURN NEW;
	END IF;
	RAISE EXCEPTION '% is append-only', TG_TABLE_NAME;
END;
$$;
