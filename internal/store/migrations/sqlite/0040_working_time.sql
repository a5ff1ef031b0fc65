-- Working time (issue 15). A paused clock keeps the deadline it had when the
-- pause began, so that the resume can move it on by the pause in the units
-- of the step's standard. Agencies may keep office hours of their own;
-- categories name the tier their answers are timed by; standards may depend
-- on the tier and the priority. The calendars' settings (zone, hours) are
-- reference data too: a change moves ref_version like any other.
ALTER TABLE complaints ADD COLUMN clock_held_deadline BIGINT;
CREATE TABLE agency_hours (
	agency_id INTEGER PRIMARY KEY REFERENCES agencies(id) ON DELETE CASCADE,
	hours TEXT NOT NULL
);
CREATE TABLE category_tiers (
	category_id INTEGER PRIMARY KEY REFERENCES categories(id) ON DELETE CASCADE,
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
CREATE TRIGGER ref_version_settings_insert AFTER INSERT ON settings BEGIN UPDATE ref_version SET v = v + 1 WHERE id = 1; END;
CREATE TRIGGER ref_version_settings_update AFTER UPDATE ON settings BEGIN UPDATE ref_version SET v = v + 1 WHERE id = 1; END;
CREATE TRIGGER ref_version_settings_delete AFTER DELETE ON settings BEGIN UPDATE ref_version SET v = v + 1 WHERE id = 1; END;
CREATE TRIGGER ref_version_agency_hours_insert AFTER INSERT ON agency_hours BEGIN UPDATE ref_version SET v = v + 1 WHERE id = 1; END;
CREATE TRIGGER ref_version_agency_hours_update AFTER UPDATE ON agency_hours BEGIN UPDATE ref_version SET v = v + 1 WHERE id = 1; END;
CREATE TRIGGER ref_version_agency_hours_delete AFTER DELETE ON agency_hours BEGIN UPDATE ref_version SET v = v + 1 WHERE id = 1; END;
CREATE TRIGGER ref_version_category_tiers_insert AFTER INSERT ON category_tiers BEGIN UPDATE ref_version SET v = v + 1 WHERE id = 1; END;
CREATE TRIGGER ref_version_category_tiers_update AFTER UPDATE ON category_tiers BEGIN UPDATE ref_version SET v = v + 1 WHERE id = 1; END;
CREATE TRIGGER ref_version_category_tiers_delete AFTER DELETE ON category_tiers BEGIN UPDATE ref_version SET v = v + 1 WHERE id = 1; END;
CREATE TRIGGER ref_version_standard_rules_insert AFTER INSERT ON standard_rules BEGIN UPDATE ref_version SET v = v + 1 WHERE id = 1; END;
CREATE TRIGGER ref_version_standard_rules_update AFTER UPDATE ON standard_rules BEGIN UPDATE ref_version SET v = v + 1 WHERE id = 1; END;
CREATE TRIGGER ref_version_standard_rules_delete AFTER DELETE ON standard_rules BEGIN UPDATE ref_version SET v = v + 1 WHERE id = 1; END;
