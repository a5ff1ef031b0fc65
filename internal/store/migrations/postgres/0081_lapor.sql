-- SP4N-LAPOR! (issue 20): a complaint LAPOR! dispositioned to the city
-- carries its LAPOR! tracking ID (one complaint per ID), the LAPOR!
-- category, and when LAPOR! handed it over: the start of LAPOR!'s own
-- deadlines (verify and send on in 3 working days, follow-up in 5, closing
-- 10 after the follow-up), kept beside the SOP's.
CREATE TABLE lapor_reports (
	complaint_id BIGINT PRIMARY KEY REFERENCES complaints(id),
	tracking_id TEXT NOT NULL UNIQUE,
	category TEXT NOT NULL DEFAULT '',
	dispositioned_at BIGINT NOT NULL,
	source TEXT NOT NULL DEFAULT 'manual' -- manual | import:<file name>
);
