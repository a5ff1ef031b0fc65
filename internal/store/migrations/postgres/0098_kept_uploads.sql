-- Photos a public form kept for its next send (a form that came back for
-- another field): the file storage cannot list its files, so each kept
-- file is noted here and the nightly retention deletes those a citizen
-- never came back for (personal data kept no longer than needed).
CREATE TABLE kept_uploads (
	file_key TEXT PRIMARY KEY,
	created_at BIGINT NOT NULL
);
CREATE INDEX kept_uploads_created ON kept_uploads (created_at);
