-- The annual public-information service report (laporan layanan informasi
-- publik) once frozen: its figures as canonical JSON and their SHA-256, so
-- a printed copy can be checked against what the PPID signed.
CREATE TABLE info_annual_reports (
	year INTEGER PRIMARY KEY,
	content TEXT NOT NULL,
	sha256 TEXT NOT NULL UNIQUE,
	frozen_at BIGINT NOT NULL,
	frozen_by BIGINT REFERENCES users(id),
	frozen_by_name TEXT NOT NULL DEFAULT ''
);
