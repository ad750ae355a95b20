-- The level sums of (indicator, month) keys recomputed: the units in force that month, at their level then.
CREATE OR REPLACE FUNCTION rollups_refresh_level_months(keys_indicator integer[], keys_period date[])
RETURNS void LANGUAGE sql AS $$
    DELETE FROM level_month_figures f
    USING unnest(keys_indicator, keys_period) k(indicator_id, period)
    WHERE f.indicator_id = k.indicator_id AND f.period = k.period;

    -- units_in_force once per month, not once per key.
    WITH keys AS (SELECT DISTINCT * FROM unnest(keys_indicator, keys_period) k(indicator_id, period)),
    in_force AS (
        SELECT mo.period, u.unit_id, u.level
        FROM (SELECT DISTINCT period FROM keys) mo
        CROSS JOIN LATERAL units_in_force(mo.period, (mo.period + interval '1 month' - interval '1 day')::date) u
    )
    INSERT INTO level_month_figures (period, indicator_id, level, n_sum, d_sum, v_sum)
    SELECT k.period, k.indicator_id, u.level, sum(m.numerator), sum(m.denominator), sum(m.value)
    FROM keys k
    JOIN measurements m ON m.is_current AND m.indicator_id = k.indicator_id AND m.period = k.period
    JOIN in_force u ON u.period = k.period AND u.unit_id = m.unit_id
    GROUP BY k.period, k.indicator_id, u.level;
$$;
