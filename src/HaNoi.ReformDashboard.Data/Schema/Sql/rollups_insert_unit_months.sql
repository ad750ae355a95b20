-- The rows of the (unit, indicator, month) keys' years computed from measurements, from the earliest month
-- given on (the months before are unchanged): one index range scan per key and year (at most twelve current
-- rows, ux_measurements_current) — exact by construction, no running deltas to drift.
CREATE OR REPLACE FUNCTION rollups_insert_unit_months(keys_unit integer[], keys_indicator integer[], keys_period date[])
RETURNS void LANGUAGE sql AS $$
    WITH keys AS (
        SELECT unit_id, indicator_id, extract(year FROM period)::smallint AS year, min(extract(month FROM period))::smallint AS from_month
        FROM unnest(keys_unit, keys_indicator, keys_period) k(unit_id, indicator_id, period) GROUP BY 1, 2, 3
    ),
    reported AS (
        SELECT k.year, k.indicator_id, k.unit_id, extract(month FROM m.period)::smallint AS month,
               (m.numerator * 10000)::bigint AS n, (m.denominator * 10000)::bigint AS d, (m.value * 10000)::bigint AS v
        FROM keys k
        JOIN measurements m ON m.is_current AND m.unit_id = k.unit_id AND m.indicator_id = k.indicator_id
                           AND m.period BETWEEN make_date(k.year, 1, 1) AND make_date(k.year, 12, 1)
    ),
    slots AS (
        SELECT k.year, k.indicator_id, k.unit_id, k.from_month, s.slot::smallint AS slot,
               count(r.month) OVER w AS months, count(r.n) OVER w AS n_count, count(r.d) OVER w AS d_count,
               count(r.v) OVER w AS v_count, max(r.month) OVER w AS last_month,
               coalesce(sum(r.n) OVER w, 0) AS n_sum, coalesce(sum(r.d) OVER w, 0) AS d_sum, coalesce(sum(r.v) OVER w, 0) AS v_sum
        FROM keys k CROSS JOIN generate_series(1, 12) s(slot)
        LEFT JOIN reported r ON r.unit_id = k.unit_id AND r.indicator_id = k.indicator_id AND r.year = k.year AND r.month = s.slot
        WINDOW w AS (PARTITION BY k.year, k.indicator_id, k.unit_id ORDER BY s.slot)
    )
    INSERT INTO unit_month_figures (year, month, unit_id, indicator_id, months, n_count, d_count, v_count,
                                    n_sum, d_sum, v_sum, last_month, n_last, d_last, v_last)
    SELECT s.year, s.slot, s.unit_id, s.indicator_id, s.months, s.n_count, s.d_count, s.v_count,
           s.n_sum, s.d_sum, s.v_sum, s.last_month, l.n, l.d, l.v
    FROM slots s
    -- The latest month's own figures; a slot before the first reported month has none and is not stored.
    JOIN reported l ON l.year = s.year AND l.indicator_id = s.indicator_id AND l.unit_id = s.unit_id AND l.month = s.last_month
    WHERE s.slot >= s.from_month
    -- Stored in the order a scorecard reads them: one month of a year's units, page after page.
    ORDER BY s.year, s.slot, s.unit_id, s.indicator_id;
$$;
