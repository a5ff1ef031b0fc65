-- A notice can be about a monthly report (one awaiting the Kasi's paraf),
-- so that the bell leads to it, as a complaint's notice leads to the
-- complaint.
ALTER TABLE notifications ADD COLUMN report_id BIGINT REFERENCES reports(id);
