-- Corrections of final reports (issue 15): a correction is a new report
-- of the same period and scope that names the final report it corrects
-- (corrects_id); when it is initialled, the old one is marked superseded
-- (superseded_by, superseded_at). Both stay, with their documents, and
-- both verify; the verify page says which one stands.
ALTER TABLE reports ADD COLUMN corrects_id BIGINT REFERENCES reports(id);
ALTER TABLE reports ADD COLUMN superseded_by BIGINT REFERENCES reports(id);
ALTER TABLE reports ADD COLUMN superseded_at BIGINT;
-- A final report stays frozen, except for the one mark a correction sets
-- on it, once: superseded_by and superseded_at (and the row version);
-- every other column must stay as it was.
DROP TRIGGER reports_frozen;
CREATE TRIGGER reports_frozen BEFORE UPDATE ON reports
	WHEN (OLD.status = 'complete' OR (OLD.kind = 'daily' AND OLD.status = 'submitted'))
	AND NOT (OLD.status = 'complete' AND OLD.superseded_by IS NULL AND NEW.superseded_by IS NOT NULL
		AND NEW.status IS OLD.status AND NEW.kind IS OLD.kind AND NEW.owner_id IS OLD.owner_id AND NEW.owner_name IS OLD.owner_name
		AND NEW.day IS OLD.day AND NEW.period_from IS OLD.period_from AND NEW.period_to IS OLD.period_to AND NEW.filters IS OLD.filters
		AND NEW.title IS OLD.title AND NEW.narrative IS OLD.narrative AND NEW.versions IS OLD.versions AND NEW.due_at IS OLD.due_at
		AND NEW.submitted_at IS OLD.submitted_at AND NEW.paraf_by IS OLD.paraf_by AND NEW.paraf_name IS OLD.paraf_name
		AND NEW.paraf_at IS OLD.paraf_at AND NEW.content_hash IS OLD.content_hash AND NEW.corrects_id IS OLD.corrects_id)
	BEGIN SELECT RAISE(ABORT, 'report is frozen'); END;
