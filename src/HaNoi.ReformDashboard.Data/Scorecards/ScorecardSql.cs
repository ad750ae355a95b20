namespace HaNoi.ReformDashboard.Data.Scorecards;

/// <summary>
/// The SQL behind every scorecard, sent as one batch (one round trip). PostgreSQL does all the adding up;
/// C# only applies the plan's rules to the sums. docs/scoring.md shows each statement with its plan.
/// </summary>
internal static class ScorecardSql
{
    public const string Units = """
        SELECT u.id, u.code, u.name_vi, u.name_en, u.level, p.code AS parent_code
        FROM units u LEFT JOIN units p ON p.id = u.parent_id
        WHERE u.valid_from <= @valid_to AND (u.valid_to IS NULL OR u.valid_to >= @valid_from)
        ORDER BY u.code
        """;

    public const string Pillars = "SELECT code, name_vi, name_en, sort_order FROM pillars ORDER BY sort_order, code";

    public const string Indicators = """
        SELECT id, code, pillar_code, name_vi, name_en, kind, rollup, frequency, levels, tolerance
        FROM indicators ORDER BY id
        """;

    public const string Targets = """
        SELECT i.code, t.level, u.code, t.operator, t.threshold, t.aspirational
        FROM targets t JOIN indicators i ON i.id = t.indicator_id LEFT JOIN units u ON u.id = t.unit_id
        WHERE t.plan_year = @plan_year
        """;

    /// <summary>
    /// Sums for three windows at once (0 = the period, 1 = the previous like period, 2 = year to date), per unit,
    /// per level and for all units. Flow indicators add the months; stock ones (and ranks, milestones) take each
    /// unit's latest month. Ratios stay as Σnumerator and Σdenominator: never an average of percentages.
    /// </summary>
    public const string Sums = """
        WITH windows(tag, first_month, last_month) AS (
            VALUES (0, @cur_first, @cur_last), (1, @prev_first, @prev_last), (2, @ytd_first, @ytd_last)
        ),
        valid_units AS (
            SELECT id, level FROM units
            WHERE valid_from <= @valid_to AND (valid_to IS NULL OR valid_to >= @valid_from)
        ),
        per_unit AS (
            SELECT w.tag, m.indicator_id, u.level, m.unit_id,
                   CASE WHEN i.rollup = 'flow' AND i.kind IN ('ratio', 'value') THEN sum(m.numerator)
                        ELSE (array_agg(m.numerator ORDER BY m.period DESC))[1] END AS numerator,
                   CASE WHEN i.rollup = 'flow' AND i.kind IN ('ratio', 'value') THEN sum(m.denominator)
                        ELSE (array_agg(m.denominator ORDER BY m.period DESC))[1] END AS denominator,
                   CASE WHEN i.rollup = 'flow' AND i.kind IN ('ratio', 'value') THEN sum(m.value)
                        ELSE (array_agg(m.value ORDER BY m.period DESC))[1] END AS value,
                   count(*) AS months
            FROM windows w
            JOIN measurements m ON m.is_current AND m.period BETWEEN w.first_month AND w.last_month
            JOIN valid_units u ON u.id = m.unit_id
            JOIN indicators i ON i.id = m.indicator_id
            GROUP BY w.tag, m.indicator_id, u.level, m.unit_id, i.rollup, i.kind
        )
        SELECT tag, indicator_id, level, unit_id,
               sum(numerator) AS numerator, sum(denominator) AS denominator, sum(value) AS value,
               sum(months)::int AS months, grouping(level, unit_id) AS grouping
        FROM per_unit
        GROUP BY GROUPING SETS ((tag, indicator_id, level, unit_id), (tag, indicator_id, level), (tag, indicator_id))
        HAVING grouping(unit_id) = 1 OR @detail_level::text IS NULL OR level = @detail_level::text
        """;

    /// <summary>Month by month through the period's end: every level, all units, and one unit when asked.</summary>
    public const string Series = """
        WITH valid_units AS (
            SELECT id, level FROM units
            WHERE valid_from <= @valid_to AND (valid_to IS NULL OR valid_to >= @valid_from)
        ),
        monthly AS (
            SELECT m.indicator_id, u.level, m.unit_id, extract(month FROM m.period)::int AS month,
                   m.numerator, m.denominator, m.value
            FROM measurements m JOIN valid_units u ON u.id = m.unit_id
            WHERE m.is_current AND m.period BETWEEN @series_first AND @series_last
        )
        SELECT indicator_id, level, unit_id, month,
               sum(numerator) AS numerator, sum(denominator) AS denominator, sum(value) AS value,
               grouping(level, unit_id) AS grouping
        FROM monthly
        GROUP BY GROUPING SETS ((indicator_id, month, level, unit_id), (indicator_id, month, level), (indicator_id, month))
        HAVING grouping(unit_id) = 1 OR unit_id = @series_unit
        ORDER BY indicator_id, month
        """;

    public const string Explanations = """
        SELECT u.code, i.code, e.period, e.text, e.author, e.created_at
        FROM explanations e JOIN units u ON u.id = e.unit_id JOIN indicators i ON i.id = e.indicator_id
        WHERE e.period = @period_text
        ORDER BY e.created_at
        """;
}
