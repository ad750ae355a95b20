-- rollups_rebuild as the migration Rollups made it (LevelWindows replaces it with rollups_rebuild.sql; its Down puts this back).
-- Everything again from measurements, in the caller's transaction (reform rollups rebuild).
CREATE OR REPLACE FUNCTION rollups_rebuild() RETURNS void LANGUAGE plpgsql SET work_mem = '256MB' AS $$
DECLARE
    u integer[]; i integer[]; p date[];
BEGIN
    PERFORM rollups_lock();
    DELETE FROM unit_month_figures;
    DELETE FROM level_month_figures;
    -- One key per unit, indicator and year, from January: every row again.
    SELECT array_agg(unit_id), array_agg(indicator_id), array_agg(make_date(year, 1, 1)) INTO u, i, p
    FROM (SELECT DISTINCT unit_id, indicator_id, extract(year FROM period)::integer AS year FROM measurements WHERE is_current) k;
    IF u IS NOT NULL THEN PERFORM rollups_insert_unit_months(u, i, p); END IF;
    SELECT array_agg(indicator_id), array_agg(period) INTO i, p
    FROM (SELECT DISTINCT indicator_id, period FROM measurements WHERE is_current) k;
    IF i IS NOT NULL THEN PERFORM rollups_refresh_level_months(i, p); END IF;
END
$$;
