-- The city's logo (issue 15), uploaded by the admin: printed in the
-- letterhead of reports and letters and served at /logo for the public
-- pages. One row at most; the image is the normalised PNG (internal/logo).
CREATE TABLE city_logo (
	id INTEGER PRIMARY KEY CHECK (id = 1),
	png BYTEA NOT NULL,
	width INTEGER NOT NULL,
	height INTEGER NOT NULL,
	updated_at BIGINT NOT NULL
);
