-- A unit's versions decide its level and whether it is in force in a month: the level sums of the months a
-- changed version covers (before or after the change) are recomputed. Reorganisations are rare.
CREATE OR REPLACE FUNCTION rollups_after_unit_versions() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    first_day date; last_day date; i integer[]; p date[];
BEGIN
    IF TG_OP = 'TRUNCATE' THEN
        first_day := '-infinity'; last_day := 'infinity';
    ELSIF TG_OP = 'INSERT' THEN
        SELECT min(valid_from), max(coalesce(valid_to, 'infinity')) INTO first_day, last_day FROM new_rows;
    ELSIF TG_OP = 'UPDATE' THEN
        SELECT min(valid_from), max(coalesce(valid_to, 'infinity')) INTO first_day, last_day
        FROM (SELECT valid_from, valid_to FROM new_rows UNION ALL SELECT valid_from, valid_to FROM old_rows) v;
    ELSE
        SELECT min(valid_from), max(coalesce(valid_to, 'infinity')) INTO first_day, last_day FROM old_rows;
    END IF;
    IF first_day IS NULL THEN RETURN NULL; END IF;
    PERFORM rollups_lock();
    SELECT array_agg(indicator_id), array_agg(period) INTO i, p
    FROM (SELECT DISTINCT indicator_id, period FROM measurements
          WHERE is_current AND period >= date_trunc('month', first_day) AND period <= last_day
          UNION SELECT indicator_id, period FROM level_month_figures
          WHERE period >= date_trunc('month', first_day) AND period <= last_day) k;
    IF i IS NOT NULL THEN PERFORM rollups_refresh_level_months(i, p); END IF;
    PERFORM rollups_refresh_level_windows_between(first_day, last_day);
    RETURN NULL;
END
$$;
