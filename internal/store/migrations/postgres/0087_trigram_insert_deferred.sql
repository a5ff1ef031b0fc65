-- Nothing on PostgreSQL: the SQLite side of this number moves a trigger of
-- its trigram table (migration 0085) into the store.
SELECT 1;
