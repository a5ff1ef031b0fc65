-- The message templates are read by every write that sends a message (a
-- new complaint's receipt among them) and are kept with the reference
-- data (refcache.go): a change moves ref_version like any other.
CREATE TRIGGER ref_version_message_templates AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON message_templates FOR EACH STATEMENT EXECUTE FUNCTION ref_version_bump();
