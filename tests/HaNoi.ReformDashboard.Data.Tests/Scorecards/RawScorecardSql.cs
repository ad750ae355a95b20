namespace HaNoi.ReformDashboard.Data.Tests.Scorecards;

/// <summary>
/// The scorecard's sums read straight from measurements, as ScorecardSql did before the roll-ups: the independent
/// reading the roll-ups are held to (same parameters, same columns, every digit).
/// </summary>
public static class RawScorecardSql
{
    public const string Sums = """
        WITH windows(tag, first_month, last_month) AS (
            VALUES (0, @cur_first, @cur_last), (1, @prev_first, @prev_last), (2, @ytd_first, @ytd_last)
        ),
        in_force AS (
            SELECT w.tag, u.unit_id, u.level
            FROM windows w CROSS JOIN LATERAL units_in_force(w.first_month, w.last_month) u
        ),
        rules AS (
            SELECT id, rollup = 'flow' AND kind IN ('ratio', 'value') AS adds_up FROM indicators
        ),
        per_unit AS (
            SELECT w.tag, m.indicator_id, m.unit_id, min(u.level) AS level, bool_and(r.adds_up) AS adds_up,
                   sum(m.numerator) AS n_sum, sum(m.denominator) AS d_sum, sum(m.value) AS v_sum,
                   (array_agg(m.numerator ORDER BY m.period DESC) FILTER (WHERE NOT r.adds_up))[1] AS n_latest,
                   (array_agg(m.denominator ORDER BY m.period DESC) FILTER (WHERE NOT r.adds_up))[1] AS d_latest,
                   (array_agg(m.value ORDER BY m.period DESC) FILTER (WHERE NOT r.adds_up))[1] AS v_latest,
                   count(*) AS months
            FROM windows w
            JOIN measurements m ON m.is_current AND m.period BETWEEN w.first_month AND w.last_month
            JOIN in_force u ON u.tag = w.tag AND u.unit_id = m.unit_id
            JOIN rules r ON r.id = m.indicator_id
            GROUP BY w.tag, m.indicator_id, m.unit_id
        )
        SELECT p.tag, p.indicator_id, p.level, p.unit_id,
               sum(CASE WHEN p.adds_up THEN p.n_sum ELSE p.n_latest END) AS numerator,
               sum(CASE WHEN p.adds_up THEN p.d_sum ELSE p.d_latest END) AS denominator,
               sum(CASE WHEN p.adds_up THEN p.v_sum ELSE p.v_latest END) AS value,
               sum(p.months)::int AS months
        FROM per_unit p
        GROUP BY GROUPING SETS ((p.tag, p.indicator_id, p.level, p.unit_id), (p.tag, p.indicator_id, p.level), (p.tag, p.indicator_id))
        HAVING grouping(p.unit_id) = 1 OR @detail_level::text IS NULL OR p.level = @detail_level::text
        """;

    public const string Series = """
        WITH months AS (
            SELECT m::date AS first_day, (m + interval '1 month' - interval '1 day')::date AS last_day
            FROM generate_series(@series_first::date, @series_last::date, interval '1 month') m
        ),
        monthly AS (
            SELECT m.indicator_id, u.level, extract(month FROM m.period)::int AS month, m.numerator, m.denominator, m.value
            FROM months mo CROSS JOIN LATERAL units_in_force(mo.first_day, mo.last_day) u
            JOIN measurements m ON m.unit_id = u.unit_id AND m.is_current AND m.period = mo.first_day
        )
        SELECT indicator_id, level, NULL::int AS unit_id, month,
               sum(numerator) AS numerator, sum(denominator) AS denominator, sum(value) AS value
        FROM monthly
        GROUP BY GROUPING SETS ((indicator_id, month, level), (indicator_id, month))
        UNION ALL
        SELECT m.indicator_id, NULL, @series_unit, extract(month FROM m.period)::int,
               sum(m.numerator), sum(m.denominator), sum(m.value)
        FROM measurements m
        WHERE m.is_current AND m.period BETWEEN @series_first AND @series_last
          AND m.unit_id IN (SELECT @series_unit UNION ALL SELECT predecessor_id FROM unit_merged_predecessors WHERE unit_id = @series_unit)
        GROUP BY m.indicator_id, m.period
        """;
}
