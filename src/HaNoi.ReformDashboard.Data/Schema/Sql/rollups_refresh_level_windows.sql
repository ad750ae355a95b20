-- The level sums of the windows holding any of the (indicator, month) keys, recomputed from unit_month_figures
-- (which the caller brought up to date first): a window's sums depend on its own months only.
CREATE OR REPLACE FUNCTION rollups_refresh_level_windows(keys_indicator integer[], keys_period date[])
RETURNS void LANGUAGE sql AS $$
    DELETE FROM level_window_figures f
    USING (SELECT DISTINCT k.indicator_id, extract(year FROM k.period)::smallint AS year, w.first_month, w.last_month
           FROM unnest(keys_indicator, keys_period) k(indicator_id, period)
           JOIN scorecard_windows() w ON extract(month FROM k.period) BETWEEN w.first_month AND w.last_month) a
    WHERE f.year = a.year AND f.first_month = a.first_month AND f.last_month = a.last_month AND f.indicator_id = a.indicator_id;

    WITH affected AS (
        SELECT extract(year FROM k.period)::smallint AS year, w.first_month, w.last_month,
               array_agg(DISTINCT k.indicator_id) AS ids
        FROM unnest(keys_indicator, keys_period) k(indicator_id, period)
        JOIN scorecard_windows() w ON extract(month FROM k.period) BETWEEN w.first_month AND w.last_month
        GROUP BY 1, 2, 3
    )
    INSERT INTO level_window_figures (year, first_month, last_month, indicator_id, level, months, n, d, v)
    SELECT a.year, a.first_month, a.last_month, p.indicator_id, p.level, sum(p.months), sum(p.n), sum(p.d), sum(p.v)
    FROM affected a
    CROSS JOIN LATERAL unit_window_figures(make_date(a.year, a.first_month, 1),
                                           (make_date(a.year, a.last_month, 1) + interval '1 month - 1 day')::date, a.ids, NULL) p
    GROUP BY a.year, a.first_month, a.last_month, p.indicator_id, p.level;
$$;
