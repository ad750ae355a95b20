-- After each statement on measurements: the keys whose current rows the statement touched, recomputed.
CREATE OR REPLACE FUNCTION rollups_after_measurements() RETURNS trigger LANGUAGE plpgsql
SET work_mem = '64MB' -- the recompute's sorts of a month of every unit stay in memory
AS $$
DECLARE
    u integer[]; i integer[]; p date[];
BEGIN
    IF TG_OP = 'TRUNCATE' THEN
        PERFORM rollups_lock();
        DELETE FROM unit_month_figures;
        DELETE FROM level_month_figures;
        DELETE FROM level_window_figures;
        RETURN NULL;
    ELSIF TG_OP = 'INSERT' THEN
        SELECT array_agg(unit_id), array_agg(indicator_id), array_agg(period) INTO u, i, p
        FROM (SELECT DISTINCT unit_id, indicator_id, period FROM new_rows WHERE is_current) k;
    ELSIF TG_OP = 'UPDATE' THEN
        SELECT array_agg(unit_id), array_agg(indicator_id), array_agg(period) INTO u, i, p
        FROM (SELECT unit_id, indicator_id, period FROM new_rows WHERE is_current
              UNION SELECT unit_id, indicator_id, period FROM old_rows WHERE is_current) k;
    ELSE
        SELECT array_agg(unit_id), array_agg(indicator_id), array_agg(period) INTO u, i, p
        FROM (SELECT DISTINCT unit_id, indicator_id, period FROM old_rows WHERE is_current) k;
    END IF;
    IF u IS NOT NULL THEN
        PERFORM rollups_lock();
        PERFORM rollups_refresh_unit_months(u, i, p);
        p := ARRAY(SELECT date_trunc('month', d)::date FROM unnest(p) d);
        PERFORM rollups_refresh_level_months(i, p);
        -- After the unit rows: the windows are their sums.
        PERFORM rollups_refresh_level_windows(i, p);
    END IF;
    RETURN NULL;
END
$$;
