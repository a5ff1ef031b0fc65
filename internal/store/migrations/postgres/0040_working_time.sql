-- Working time (issue 15). A paused clock keeps the deadline it had when the
-- pause began, so that the resume can move it on by the pause in the units
-- of the step's standard. Agencies may keep office hours of their own;
-- categories name the tier their answers are timed by; standards may depend
-- on the tier and the priority. The calendars' settings (zone, hours) are
-- reference data too: a change moves ref_version like any other.
ALTER TABLE complaints ADD COLUMN clock_held_deadline BIGINT;
CREATE TABLE agency_hours (
	agency_id BIGINT PRIMARY KEY REFERENCES agencies(id) ON DELETE CASCADE,
	hours TEXT NOT NULL
);
CREATE TABLE category_tiers (
	category_id BIGINT PRIMARY KEY REFERENCES categories(id) ON DELETE CASCADE,
	tier TEXT NOT NULL
);
CREATE TABLE standard_rules (
	step TEXT NOT NULL,
	tier TEXT NOT NULL DEFAULT '',
	priority TEXT NOT NULL DEFAULT '',
	amount INTEGER NOT NULL,
	unit TEXT NOT NULL,
	PRIMARY KEY (step, tier, priority)
);
CREATE TRIGGER ref_version_settings AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON settings FOR EACH STATEMENT EXECUTE FUNCTION ref_version_bump();
CREATE TRIGGER ref_version_agency_hours AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON agency_hours FOR EACH STATEMENT EXECUTE FUNCTION ref_version_bump();
CREATE TRIGGER ref_version_category_tiers AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON category_tiers FOR EACH STATEMENT EXECUTE FUNCTION ref_version_bump();
CREATE TRIGGER ref_version_standard_rules AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON standard_rules FOR EACH STATEMENT EXECUTE FUNCTION ref_version_bump();
