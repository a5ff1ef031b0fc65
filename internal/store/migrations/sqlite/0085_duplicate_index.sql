-- Duplicate candidates through indexes, not a scan of the window (issue 21).
-- The desk's duplicate check asks for the open complaints received near a
-- draft that are in its kelurahan or mention one of its street's words.
-- It read every open complaint of the window (8,800 at a million) and ran
-- LIKE over each text; now the kelurahan half reads its own partial index
-- and the words half a trigram index of the open complaints only (FTS5's
-- trigram tokenizer answers substring matches, as LIKE '%word%' does).
-- The index holds open complaints only, so it stays small however long
-- the history grows; triggers keep it in step with complaints.
CREATE INDEX complaints_open_kelurahan ON complaints(kelurahan_code, received_at) WHERE status NOT IN ('closed', 'duplicate', 'rejected');

CREATE VIRTUAL TABLE complaints_open_trgm USING fts5(address, text, tokenize = 'trigram');

INSERT INTO complaints_open_trgm(rowid, address, text)
  SELECT id, address, text FROM complaints WHERE status NOT IN ('closed', 'duplicate', 'rejected');

CREATE TRIGGER complaints_open_trgm_insert AFTER INSERT ON complaints
  WHEN NEW.status NOT IN ('closed', 'duplicate', 'rejected')
BEGIN
  INSERT INTO complaints_open_trgm(rowid, address, text) VALUES (NEW.id, NEW.address, NEW.text);
END;

-- A complaint that closes leaves the index; one reopened comes back.
CREATE TRIGGER complaints_open_trgm_close AFTER UPDATE OF status ON complaints
  WHEN OLD.status NOT IN ('closed', 'duplicate', 'rejected') AND NEW.status IN ('closed', 'duplicate', 'rejected')
BEGIN
  DELETE FROM complaints_open_trgm WHERE rowid = OLD.id;
END;

CREATE TRIGGER complaints_open_trgm_reopen AFTER UPDATE OF status ON complaints
  WHEN OLD.status IN ('closed', 'duplicate', 'rejected') AND NEW.status NOT IN ('closed', 'duplicate', 'rejected')
BEGIN
  INSERT INTO complaints_open_trgm(rowid, address, text) VALUES (NEW.id, NEW.address, NEW.text);
END;

-- An open complaint's words changed (an operator's edit, an erasure).
CREATE TRIGGER complaints_open_trgm_edit AFTER UPDATE OF address, text ON complaints
  WHEN OLD.status NOT IN ('closed', 'duplicate', 'rejected') AND NEW.status NOT IN ('closed', 'duplicate', 'rejected')
    AND (OLD.address IS NOT NEW.address OR OLD.text IS NOT NEW.text)
BEGIN
  DELETE FROM complaints_open_trgm WHERE rowid = OLD.id;
  INSERT INTO complaints_open_trgm(rowid, address, text) VALUES (NEW.id, NEW.address, NEW.text);
END;

CREATE TRIGGER complaints_open_trgm_delete AFTER DELETE ON complaints
  WHEN OLD.status NOT IN ('closed', 'duplicate', 'rejected')
BEGIN
  DELETE FROM complaints_open_trgm WHERE rowid = OLD.id;
END;
