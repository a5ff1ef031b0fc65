-- Duplicate candidates through indexes, not a scan of the window (issue 21).
-- The desk's duplicate check asks for the open complaints received near a
-- draft that are in its kelurahan or mention one of its street's words
-- (LOWER(text) LIKE '%word%'). The kelurahan half gets a partial index of
-- its own; the words half a pg_trgm index of the open complaints' texts,
-- which answers LIKE '%word%' without reading every row of the window.
CREATE INDEX complaints_open_kelurahan ON complaints(kelurahan_code, received_at) WHERE status NOT IN ('closed', 'duplicate', 'rejected');

-- pg_trgm ships with PostgreSQL (Debian's postgresql-NN package has it) and
-- is a trusted extension, so the database's owner may create it. Where it
-- is missing or refused the query stays the same and the planner reads the
-- window as before: slower, same results.
DO $$
BEGIN
  CREATE EXTENSION IF NOT EXISTS pg_trgm;
EXCEPTION WHEN OTHERS THEN
  RAISE NOTICE 'pg_trgm unavailable (%): duplicate candidates are found by reading the window', SQLERRM;
END
$$;

DO $$
DECLARE
  ops text;
BEGIN
  SELECT quote_ident(n.nspname) || '.gin_trgm_ops' INTO ops
    FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace WHERE e.extname = 'pg_trgm';
  IF ops IS NOT NULL THEN
    EXECUTE 'CREATE INDEX complaints_open_trgm ON complaints USING gin (LOWER(address) ' || ops || ', LOWER(text) ' || ops || ')'
      || ' WHERE status NOT IN (''closed'', ''duplicate'', ''rejected'')';
  END IF;
END
$$;
