-- What a caller said about themselves through a channel that proves
-- nothing (the public form, Open311, an incoming message), when the number
-- they gave belongs to a citizen the city already knows and what they
-- typed differs from the stored identity. Such input never changes the
-- citizen (anyone can type someone else's number); it is kept here, on
-- the complaint, for the call center to see beside the stored identity
-- and to adopt once confirmed. A row is removed when it is adopted.
CREATE TABLE stated_identities (
	complaint_id BIGINT PRIMARY KEY REFERENCES complaints(id),
	name TEXT NOT NULL DEFAULT '',
	email TEXT NOT NULL DEFAULT '',
	address TEXT NOT NULL DEFAULT '',
	kelurahan_code TEXT NOT NULL DEFAULT '',
	created_at BIGINT NOT NULL
);
