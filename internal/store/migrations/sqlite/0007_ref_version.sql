-- The reference data every write reads (standards, holidays, kelurahan,
-- kecamatan, categories, agencies) is kept in memory by each process and
-- reloaded when this number moves. Triggers move it on every change, by
-- whichever process or instance makes it, so no writer needs to remember.
CREATE TABLE ref_version (
	id INTEGER PRIMARY KEY CHECK (id = 1),
	v BIGINT NOT NULL
);
INSERT INTO ref_version (id, v) VALUES (1, 1);
CREATE TRIGGER ref_version_kecamatan_insert AFTER INSERT ON kecamatan BEGIN UPDATE ref_version SET v = v + 1 WHERE id = 1; END;
CREATE TRIGGER ref_version_kecamatan_update AFTER UPDATE ON kecamatan BEGIN UPDATE ref_version SET v = v + 1 WHERE id = 1; END;
CREATE TRIGGER ref_version_kecamatan_delete AFTER DELETE ON kecamatan BEGIN UPDATE ref_version SET v = v + 1 WHERE id = 1; END;
CREATE TRIGGER ref_version_kelurahan_insert AFTER INSERT ON kelurahan BEGIN UPDATE ref_version SET v = v + 1 WHERE id = 1; END;
CREATE TRIGGER ref_version_kelurahan_update AFTER UPDATE ON kelurahan BEGIN UPDATE ref_version SET v = v + 1 WHERE id = 1; END;
CREATE TRIGGER ref_version_kelurahan_delete AFTER DELETE ON kelurahan BEGIN UPDATE ref_version SET v = v + 1 WHERE id = 1; END;
CREATE TRIGGER ref_version_agencies_insert AFTER INSERT ON agencies BEGIN UPDATE ref_version SET v = v + 1 WHERE id = 1; END;
CREATE TRIGGER ref_version_agencies_update AFTER UPDATE ON agencies BEGIN UPDATE ref_version SET v = v + 1 WHERE id = 1; END;
CREATE TRIGGER ref_version_agencies_delete AFTER DELETE ON agencies BEGIN UPDATE ref_version SET v = v + 1 WHERE id = 1; END;
CREATE TRIGGER ref_version_categories_insert AFTER INSERT ON categories BEGIN UPDATE ref_version SET v = v + 1 WHERE id = 1; END;
CREATE TRIGGER ref_version_categories_update AFTER UPDATE ON categories BEGIN UPDATE ref_version SET v = v + 1 WHERE id = 1; END;
CREATE TRIGGER ref_version_categories_delete AFTER DELETE ON categories BEGIN UPDATE ref_version SET v = v + 1 WHERE id = 1; END;
CREATE TRIGGER ref_version_holidays_insert AFTER INSERT ON holidays BEGIN UPDATE ref_version SET v = v + 1 WHERE id = 1; END;
CREATE TRIGGER ref_version_holidays_update AFTER UPDATE ON holidays BEGIN UPDATE ref_version SET v = v + 1 WHERE id = 1; END;
CREATE TRIGGER ref_version_holidays_delete AFTER DELETE ON holidays BEGIN UPDATE ref_version SET v = v + 1 WHERE id = 1; END;
CREATE TRIGGER ref_version_standards_insert AFTER INSERT ON standards BEGIN UPDATE ref_version SET v = v + 1 WHERE id = 1; END;
CREATE TRIGGER ref_version_standards_update AFTER UPDATE ON standards BEGIN UPDATE ref_version SET v = v + 1 WHERE id = 1; END;
CREATE TRIGGER ref_version_standards_delete AFTER DELETE ON standards BEGIN UPDATE ref_version SET v = v + 1 WHERE id = 1; END;
