-- Open complaints are few among many closed ones: partial indexes keep the
-- queue (newest first, by agency, by deadline) fast however long the city's
-- history grows. The WHERE clause must match the queries' literally.
CREATE INDEX complaints_open ON complaints(id) WHERE status NOT IN ('closed', 'duplicate', 'rejected');
CREATE INDEX complaints_open_agency ON complaints(agency_id, id) WHERE status NOT IN ('closed', 'duplicate', 'rejected');
CREATE INDEX complaints_open_deadline ON complaints(deadline_at) WHERE status NOT IN ('closed', 'duplicate', 'rejected');
