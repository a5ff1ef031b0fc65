-- The answer library (folder jawaban, SOP step 6), its version history, the
-- search index shared by library entries and answered complaints, and the
-- routing model. Dates that are calendar days (validity, review due) are
-- TEXT 'YYYY-MM-DD' in WIB, like holidays; instants are Unix milliseconds.
CREATE TABLE library_entries (
	id INTEGER PRIMARY KEY,
	title TEXT NOT NULL,
	questions TEXT NOT NULL DEFAULT '[]',    -- JSON array of phrasings
	answer TEXT NOT NULL,
	source_url TEXT NOT NULL DEFAULT '',
	source_text TEXT NOT NULL DEFAULT '',    -- regulation or other reference
	agency_id BIGINT REFERENCES agencies(id),
	valid_from TEXT,
	valid_until TEXT,                        -- last valid day, inclusive
	review_due TEXT,
	reviewed_by BIGINT REFERENCES users(id),
	reviewed_by_name TEXT NOT NULL DEFAULT '',
	reviewed_at BIGINT,
	active BOOLEAN NOT NULL DEFAULT TRUE,
	from_complaint_id BIGINT REFERENCES complaints(id),
	uses BIGINT NOT NULL DEFAULT 0,
	last_used_at BIGINT,
	created_at BIGINT NOT NULL,
	created_by BIGINT REFERENCES users(id),
	updated_at BIGINT NOT NULL,
	updated_by BIGINT REFERENCES users(id),
	updated_by_name TEXT NOT NULL DEFAULT '',
	version BIGINT NOT NULL DEFAULT 1
);
CREATE INDEX library_entries_review_due ON library_entries(active, review_due);
CREATE INDEX library_entries_agency ON library_entries(agency_id, id);
CREATE TABLE library_entry_categories (
	entry_id BIGINT NOT NULL REFERENCES library_entries(id),
	category_id BIGINT NOT NULL REFERENCES categories(id),
	PRIMARY KEY (entry_id, category_id)
);
CREATE INDEX library_entry_categories_category ON library_entry_categories(category_id, entry_id);
-- Every version of every entry, as it was after the change, with who made
-- it. Append-only.
CREATE TABLE library_versions (
	entry_id BIGINT NOT NULL REFERENCES library_entries(id),
	version BIGINT NOT NULL,
	action TEXT NOT NULL,
	at BIGINT NOT NULL,
	actor_id BIGINT,
	actor_name TEXT NOT NULL DEFAULT '',
	snapshot TEXT NOT NULL,
	PRIMARY KEY (entry_id, version)
);
CREATE TRIGGER library_versions_no_update BEFORE UPDATE ON library_versions BEGIN SELECT RAISE(ABORT, 'library_versions is append-only'); END;
CREATE TRIGGER library_versions_no_delete BEFORE DELETE ON library_versions BEGIN SELECT RAISE(ABORT, 'library_versions is append-only'); END;

-- Search index. Terms come from the Go analyzer (internal/search/analyzer)
-- on both databases; impacts are integers computed in Go
-- (internal/search/index), so both databases hold the same numbers and rank
-- alike. kind: 1 library entry, 2 complaint.
CREATE TABLE search_docs (
	kind SMALLINT NOT NULL,
	doc_id BIGINT NOT NULL,
	len INTEGER NOT NULL,
	hash TEXT NOT NULL,
	agency_id BIGINT,
	category_id BIGINT,
	valid_from TEXT,
	valid_until TEXT,
	PRIMARY KEY (kind, doc_id)
) WITHOUT ROWID;
CREATE TABLE search_postings (
	kind SMALLINT NOT NULL,
	term TEXT NOT NULL,
	impact INTEGER NOT NULL,
	doc_id BIGINT NOT NULL,
	tf INTEGER NOT NULL,
	PRIMARY KEY (kind, term, impact, doc_id)
) WITHOUT ROWID;
CREATE INDEX search_postings_doc ON search_postings(kind, doc_id, term);
CREATE TABLE search_terms (
	kind SMALLINT NOT NULL,
	term TEXT NOT NULL,
	df BIGINT NOT NULL,
	PRIMARY KEY (kind, term)
) WITHOUT ROWID;
CREATE TABLE search_stats (
	kind SMALLINT PRIMARY KEY,
	docs BIGINT NOT NULL
);
INSERT INTO search_stats (kind, docs) VALUES (1, 0), (2, 0);
CREATE TABLE search_meta (
	key TEXT PRIMARY KEY,
	value TEXT NOT NULL
);

-- The routing model (category and agency suggestion), trained in Go and
-- kept here so that a restart or another instance need not retrain.
CREATE TABLE routing_models (
	id INTEGER PRIMARY KEY,
	trained_at BIGINT NOT NULL,
	examples BIGINT NOT NULL,
	fingerprint TEXT NOT NULL,
	model TEXT NOT NULL
);
