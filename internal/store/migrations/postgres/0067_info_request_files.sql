-- The information itself, attached to a decision that grants it (fully or
-- in part): one file per request, kept in the attachment storage under
-- file_key; the requester downloads it from the public tracking page with
-- the number and the last four digits. (No foreign key: on a new database
-- this runs before info_requests exists.)
CREATE TABLE info_request_files (
	request_id BIGINT PRIMARY KEY,
	file_key TEXT NOT NULL,
	filename TEXT NOT NULL,
	content_type TEXT NOT NULL,
	size BIGINT NOT NULL,
	sha256 TEXT NOT NULL,
	created_at BIGINT NOT NULL
);
