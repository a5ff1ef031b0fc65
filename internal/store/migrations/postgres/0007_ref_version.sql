-- The reference data every write reads (standards, holidays, kelurahan,
-- kecamatan, categories, agencies) is kept in memory by each instance and
-- reloaded when this number moves. Triggers move it on every change, by
-- whichever instance makes it, so no writer needs to remember.
CREATE TABLE ref_version (
	id INTEGER PRIMARY KEY CHECK (id = 1),
	v BIGINT NOT NULL
);
INSERT INTO ref_version (id, v) VALUES (1, 1);
CREATE FUNCTION ref_version_bump() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	UPDATE ref_version SET v = v + 1 WHERE id = 1;
	RETURN NULL;
END;
$$;
CREATE TRIGGER ref_version_kecamatan AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON kecamatan FOR EACH STATEMENT EXECUTE FUNCTION ref_version_bump();
CREATE TRIGGER ref_version_kelurahan AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON kelurahan FOR EACH STATEMENT EXECUTE FUNCTION ref_version_bump();
CREATE TRIGGER ref_version_agencies AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON agencies FOR EACH STATEMENT EXECUTE FUNCTION ref_version_bump();
CREATE TRIGGER ref_version_categories AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON categories FOR EACH STATEMENT EXECUTE FUNCTION ref_version_bump();
CREATE TRIGGER ref_version_holidays AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON holidays FOR EACH STATEMENT EXECUTE FUNCTION ref_version_bump();
CREATE TRIGGER ref_version_standards AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON standards FOR EACH STATEMENT EXECUTE FUNCTION ref_version_bump();
