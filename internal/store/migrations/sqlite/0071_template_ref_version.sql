-- The message templates are read by every write that sends a message (a
-- new complaint's receipt among them) and are kept with the reference
-- data (refcache.go): a change moves ref_version like any other.
CREATE TRIGGER ref_version_message_templates_insert AFTER INSERT ON message_templates BEGIN UPDATE ref_version SET v = v + 1 WHERE id = 1; END;
CREATE TRIGGER ref_version_message_templates_update AFTER UPDATE ON message_templates BEGIN UPDATE ref_version SET v = v + 1 WHERE id = 1; END;
CREATE TRIGGER ref_version_message_templates_delete AFTER DELETE ON message_templates BEGIN UPDATE ref_version SET v = v + 1 WHERE id = 1; END;
