-- The Survei Kepuasan Masyarakat (PermenPANRB 14/2017), beside the quick
-- 1–5 rating (survey_responses): one link per closed complaint, sent by SMS
-- with the close, that opens a public nine-question form. The link's token
-- is kept only as its SHA-256 (token_hash): the table alone opens no form.
-- A link is answered once (answered_at); the answer's nine scores (1–4)
-- and the respondent's optional details go to skm_responses, which the
-- monthly report reads by the complaint's received date, like the rating.
CREATE TABLE skm_links (
	id INTEGER PRIMARY KEY,
	complaint_id BIGINT NOT NULL UNIQUE REFERENCES complaints(id),
	token_hash TEXT NOT NULL UNIQUE,
	created_at BIGINT NOT NULL,
	expires_at BIGINT NOT NULL,
	answered_at BIGINT
);
CREATE TABLE skm_responses (
	id INTEGER PRIMARY KEY,
	link_id BIGINT UNIQUE REFERENCES skm_links(id),
	complaint_id BIGINT NOT NULL REFERENCES complaints(id),
	u1 INTEGER NOT NULL CHECK (u1 BETWEEN 1 AND 4),
	u2 INTEGER NOT NULL CHECK (u2 BETWEEN 1 AND 4),
	u3 INTEGER NOT NULL CHECK (u3 BETWEEN 1 AND 4),
	u4 INTEGER NOT NULL CHECK (u4 BETWEEN 1 AND 4),
	u5 INTEGER NOT NULL CHECK (u5 BETWEEN 1 AND 4),
	u6 INTEGER NOT NULL CHECK (u6 BETWEEN 1 AND 4),
	u7 INTEGER NOT NULL CHECK (u7 BETWEEN 1 AND 4),
	u8 INTEGER NOT NULL CHECK (u8 BETWEEN 1 AND 4),
	u9 INTEGER NOT NULL CHECK (u9 BETWEEN 1 AND 4),
	age INTEGER,
	sex TEXT NOT NULL DEFAULT '',
	education TEXT NOT NULL DEFAULT '',
	job TEXT NOT NULL DEFAULT '',
	comment TEXT NOT NULL DEFAULT '',
	created_at BIGINT NOT NULL
);
CREATE INDEX skm_responses_complaint ON skm_responses(complaint_id);
