-- The agency side of a forwarded complaint (issues 15 and 16). A complaint
-- whose agency promised to settle it by a date keeps that day
-- (promised_by, midnight in the city's zone, Unix ms): its close is the
-- follow-up's deadline. A forward's event (forward, reforward, withdraw)
-- records whether the agency was reached: agency_reached is true once a
-- notification was delivered (SMS delivery report, WhatsApp status, e-mail
-- accepted) or the operator phoned or visited it, false once every
-- notification failed, NULL while the news is pending; agency_reached_at
-- is when. They are news that arrives after the event, so the event log's
-- append-only rule leaves them (like a redaction) free to change; the
-- event's met stays as written. Step 7 is met only when the agency was
-- reached by its deadline (aduan.ForwardMet, store.ForwardMetSQL).
ALTER TABLE complaints ADD COLUMN promised_by BIGINT;
ALTER TABLE complaint_events ADD COLUMN agency_reached BOOLEAN;
ALTER TABLE complaint_events ADD COLUMN agency_reached_at BIGINT;
