-- Concurrent writers of different months still share a unit's year: one at a time through the roll-ups. Each
-- statement of a plpgsql function takes a fresh snapshot (READ COMMITTED), so after the wait the recompute
-- sees what the writer before committed.
CREATE OR REPLACE FUNCTION rollups_lock() RETURNS void LANGUAGE sql AS $$ SELECT pg_advisory_xact_lock(11, 0) $$;
