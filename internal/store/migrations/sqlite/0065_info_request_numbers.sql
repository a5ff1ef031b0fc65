-- The yearly counter of public-information request numbers (PPID-YYYY-n).
-- Taking MAX(seq) + 1 let two requests registered at once on PostgreSQL
-- read the same number, and the second failed on the unique index. The
-- counter row is taken with an upsert that PostgreSQL serialises on the
-- row (store/ppid.go, nextInfoNumber). A year with no row yet starts from
-- the requests already numbered in it, so databases that numbered requests
-- before this table need no copy (this migration may run before
-- info_requests exists, on a new database).
CREATE TABLE info_request_numbers (
	year INTEGER PRIMARY KEY,
	last BIGINT NOT NULL
);
