-- Reports (SOP steps 11–14): daily reports of the operators and the monthly
-- report that the Kasi/Kabid initials (paraf). Every submission is kept as a
-- version with the figures frozen at that moment; an initialled report (and
-- a submitted daily report) is final, and the triggers below refuse to
-- change it even if the application tried.
CREATE TABLE reports (
	id INTEGER PRIMARY KEY,
	kind TEXT NOT NULL,                 -- daily | monthly
	status TEXT NOT NULL,               -- draft | submitted | returned | complete
	owner_id BIGINT NOT NULL REFERENCES users(id),
	owner_name TEXT NOT NULL,
	day TEXT NOT NULL DEFAULT '',       -- daily: the WIB day, YYYY-MM-DD
	period_from BIGINT NOT NULL,
	period_to BIGINT NOT NULL,          -- exclusive
	filters TEXT NOT NULL DEFAULT '{}', -- monthly: kecamatan, agency, category, channel
	title TEXT NOT NULL,
	narrative TEXT NOT NULL DEFAULT '', -- the operator's notes or the coordinator's narrative (draft)
	versions INTEGER NOT NULL DEFAULT 0,
	due_at BIGINT,                      -- daily: the deadline of step 11
	created_at BIGINT NOT NULL,
	updated_at BIGINT NOT NULL,
	submitted_at BIGINT,                -- first submission
	paraf_by BIGINT REFERENCES users(id),
	paraf_name TEXT NOT NULL DEFAULT '',
	paraf_at BIGINT,
	content_hash TEXT NOT NULL DEFAULT '', -- SHA-256 of the canonical content once final
	version BIGINT NOT NULL DEFAULT 1
);
CREATE UNIQUE INDEX reports_daily_owner_day ON reports(owner_id, day) WHERE kind = 'daily';
CREATE INDEX reports_kind_status ON reports(kind, status, id);
CREATE INDEX reports_period ON reports(kind, period_from);
CREATE TABLE report_versions (
	report_id BIGINT NOT NULL REFERENCES reports(id),
	seq INTEGER NOT NULL,
	data TEXT NOT NULL,                 -- the compiled figures as frozen at submission (JSON)
	narrative TEXT NOT NULL,
	submitted_by BIGINT,
	submitted_name TEXT NOT NULL,
	submitted_at BIGINT NOT NULL,
	outcome TEXT NOT NULL DEFAULT '',   -- '' under review | returned | initialled | final (daily)
	review_comment TEXT NOT NULL DEFAULT '',
	reviewed_by BIGINT,
	reviewed_name TEXT NOT NULL DEFAULT '',
	reviewed_at BIGINT,
	PRIMARY KEY (report_id, seq)
);
CREATE TABLE report_events (
	id INTEGER PRIMARY KEY,
	report_id BIGINT NOT NULL REFERENCES reports(id),
	action TEXT NOT NULL,
	step TEXT NOT NULL DEFAULT '',
	actor_id BIGINT,
	actor_name TEXT NOT NULL DEFAULT '',
	actor_role TEXT NOT NULL DEFAULT '',
	at BIGINT NOT NULL,
	deadline_at BIGINT,
	met BOOLEAN,
	elapsed_ms BIGINT NOT NULL DEFAULT 0,
	comment TEXT NOT NULL DEFAULT ''
);
CREATE INDEX report_events_report ON report_events(report_id, id);
CREATE INDEX report_events_step ON report_events(step, at);
-- The final documents: the canonical JSON whose SHA-256 the paraf records,
-- and the PDF and XLSX exactly as rendered then, so that a downloaded copy
-- can be matched byte for byte.
CREATE TABLE report_files (
	report_id BIGINT NOT NULL REFERENCES reports(id),
	format TEXT NOT NULL,               -- json | pdf | xlsx
	sha256 TEXT NOT NULL,
	body BLOB NOT NULL,
	created_at BIGINT NOT NULL,
	PRIMARY KEY (report_id, format)
);
CREATE INDEX report_files_sha256 ON report_files(sha256);
-- Progress of large exports, kept in the database so that a poll reaching
-- another instance behind the load balancer sees it too.
CREATE TABLE export_progress (
	user_id BIGINT NOT NULL,
	id TEXT NOT NULL,
	format TEXT NOT NULL,
	total BIGINT NOT NULL DEFAULT 0,
	done BIGINT NOT NULL DEFAULT 0,
	finished BOOLEAN NOT NULL DEFAULT FALSE,
	failed BOOLEAN NOT NULL DEFAULT FALSE,
	started_at BIGINT NOT NULL,
	updated_at BIGINT NOT NULL,
	PRIMARY KEY (user_id, id)
);
-- Citizen satisfaction, one row per answered survey. The survey itself is
-- another area's work; the monthly report reads this table and says "not
-- yet collected" while it is empty.
CREATE TABLE survey_responses (
	id INTEGER PRIMARY KEY,
	complaint_id BIGINT NOT NULL REFERENCES complaints(id),
	score INTEGER NOT NULL CHECK (score BETWEEN 1 AND 5),
	comment TEXT NOT NULL DEFAULT '',
	channel TEXT NOT NULL DEFAULT '',
	created_at BIGINT NOT NULL
);
CREATE INDEX survey_responses_complaint ON survey_responses(complaint_id);
CREATE TRIGGER reports_frozen BEFORE UPDATE ON reports
	WHEN OLD.status = 'complete' OR (OLD.kind = 'daily' AND OLD.status = 'submitted')
	BEGIN SELECT RAISE(ABORT, 'report is frozen'); END;
CREATE TRIGGER reports_kept BEFORE DELETE ON reports WHEN OLD.status <> 'draft'
	BEGIN SELECT RAISE(ABORT, 'report is frozen'); END;
CREATE TRIGGER report_versions_frozen BEFORE UPDATE ON report_versions WHEN OLD.outcome <> ''
	BEGIN SELECT RAISE(ABORT, 'report is frozen'); END;
CREATE TRIGGER report_versions_kept BEFORE DELETE ON report_versions
	BEGIN SELECT RAISE(ABORT, 'report is frozen'); END;
CREATE TRIGGER report_files_no_update BEFORE UPDATE ON report_files
	BEGIN SELECT RAISE(ABORT, 'report is frozen'); END;
CREATE TRIGGER report_files_no_delete BEFORE DELETE ON report_files
	BEGIN SELECT RAISE(ABORT, 'report is frozen'); END;
CREATE TRIGGER report_events_no_update BEFORE UPDATE ON report_events
	BEGIN SELECT RAISE(ABORT, 'report_events is append-only'); END;
CREATE TRIGGER report_events_no_delete BEFORE DELETE ON report_events
	BEGIN SELECT RAISE(ABORT, 'report_events is append-only'); END;
