-- A new complaint enters the trigram table of open complaints at the end
-- of its write batch (store.openTrigrams, through store.Defer), not by a
-- trigger on each insert: FTS5 writes its pending terms out at every
-- savepoint, and the group-commit writer gives each request its own, so
-- the trigger cost a flush per complaint (about a tenth of the writer's
-- time at concurrency 16, issue 21). Closing, reopening, editing and
-- deleting keep their triggers.
DROP TRIGGER complaints_open_trgm_insert;
