-- A window [window_first, window_last] within one calendar year, per unit in force in it (units_in_force: one
-- version per unit, its level then) and indicator: a flow's sum is row last minus row first − 1 of
-- unit_month_figures; a stock (and a rank, a milestone) takes its latest month, which rides on row last. A
-- unit without a month in the window has no row. Ten-thousandths, as stored; NULL: no value in the window.
CREATE OR REPLACE FUNCTION unit_window_figures(window_first date, window_last date, wanted_ids integer[], only_level text)
RETURNS TABLE (unit_id integer, level text, indicator_id integer, months integer, n bigint, d bigint, v bigint)
LANGUAGE sql STABLE AS $$
    SELECT u.unit_id, u.level::text, r.indicator_id, (r.months - coalesce(b.months, 0))::integer,
           CASE WHEN NOT a.adds_up THEN r.n_last WHEN r.n_count > coalesce(b.n_count, 0) THEN r.n_sum - coalesce(b.n_sum, 0) END,
           CASE WHEN NOT a.adds_up THEN r.d_last WHEN r.d_count > coalesce(b.d_count, 0) THEN r.d_sum - coalesce(b.d_sum, 0) END,
           CASE WHEN NOT a.adds_up THEN r.v_last WHEN r.v_count > coalesce(b.v_count, 0) THEN r.v_sum - coalesce(b.v_sum, 0) END
    FROM units_in_force(window_first, window_last) u
    JOIN unit_month_figures r ON r.year = extract(year FROM window_first)::smallint
                             AND r.month = extract(month FROM window_last)::smallint AND r.unit_id = u.unit_id
    -- Whether the indicator's months add up (flows of ratios and values) or its latest month counts.
    JOIN (SELECT id, coalesce(rollup = 'flow' AND kind IN ('ratio', 'value'), false) AS adds_up
          FROM indicators WHERE id = ANY (wanted_ids)) a ON a.id = r.indicator_id
    -- Row first − 1 (none before the unit's first month of the year: zero); a window from January has none.
    LEFT JOIN LATERAL (
        SELECT b.months, b.n_count, b.d_count, b.v_count, b.n_sum, b.d_sum, b.v_sum FROM unit_month_figures b
        WHERE extract(month FROM window_first) > 1 AND b.year = r.year AND b.month = extract(month FROM window_first)::smallint - 1
          AND b.unit_id = r.unit_id AND b.indicator_id = r.indicator_id
        OFFSET 0 -- kept a subquery, so the January test gates the index probe instead of filtering after it
    ) b ON true
    WHERE (only_level IS NULL OR u.level = only_level) AND r.months - coalesce(b.months, 0) > 0
$$;
