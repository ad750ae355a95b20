-- What a write changed: those rows deleted and computed again.
CREATE OR REPLACE FUNCTION rollups_refresh_unit_months(keys_unit integer[], keys_indicator integer[], keys_period date[])
RETURNS void LANGUAGE sql AS $$
    DELETE FROM unit_month_figures f
    USING (SELECT unit_id, indicator_id, extract(year FROM period)::smallint AS year, min(extract(month FROM period))::smallint AS from_month
           FROM unnest(keys_unit, keys_indicator, keys_period) k(unit_id, indicator_id, period) GROUP BY 1, 2, 3) k
    WHERE f.year = k.year AND f.unit_id = k.unit_id AND f.indicator_id = k.indicator_id AND f.month >= k.from_month;

    SELECT rollups_insert_unit_months(keys_unit, keys_indicator, keys_period);
$$;
