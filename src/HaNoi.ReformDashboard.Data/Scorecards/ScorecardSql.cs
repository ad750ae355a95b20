using HaNoi.ReformDashboard.Domain.Catalogue;
using HaNoi.ReformDashboard.Domain.Periods;
using Npgsql;
using NpgsqlTypes;

namespace HaNoi.ReformDashboard.Data.Scorecards;

/// <summary>
/// The SQL behind every scorecard, sent as one batch (one round trip). PostgreSQL does all the adding up;
/// C# only applies the plan's rules to the sums. docs/scoring.md shows each statement with its plan.
/// </summary>
public static class ScorecardSql
{
    /// <summary>The parameters every statement of the batch draws on.</summary>
    public static NpgsqlParameter[] Parameters(int planYear, Period period, UnitLevel? detailLevel, int? seriesUnit)
    {
        var previous = period.Previous();
        // A period that starts in January is its own year to date: an empty window spares reading it twice.
        var ytd = Period.YearToDate(period.Year, period.LastMonth);
        var (ytdFirst, ytdLast) = period.FirstMonth == 1 ? (ytd.LastDay, ytd.FirstDay) : (ytd.FirstDay, ytd.LastDay);
        return
        [
            new("valid_from", period.FirstDay), new("valid_to", period.LastDay), new("plan_year", planYear),
            new("cur_first", period.FirstDay), new("cur_last", period.LastDay),
            new("prev_first", previous.FirstDay), new("prev_last", previous.LastDay),
            new("ytd_first", ytdFirst), new("ytd_last", ytdLast),
            new("detail_level", NpgsqlDbType.Text) { Value = (object?)detailLevel?.ToCode() ?? DBNull.Value },
            new("series_first", new DateOnly(period.Year, 1, 1)), new("series_last", period.LastDay),
            new("series_unit", NpgsqlDbType.Integer) { Value = (object?)seriesUnit ?? DBNull.Value },
            new("period_text", period.ToString()),
        ];
    }

    /// <summary>Room for the grouping-set sorts to stay in memory (the default 4 MB spills to disk).</summary>
    public const string Session = "SELECT set_config('work_mem', '64MB', true)";

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
        rules AS (
            SELECT id, rollup = 'flow' AND kind IN ('ratio', 'value') AS adds_up FROM indicators
        ),
        per_unit AS (
            -- Grouped by integers only: sorting on text keys is what made this slow.
            SELECT w.tag, m.indicator_id, m.unit_id, bool_and(r.adds_up) AS adds_up,
                   sum(m.numerator) AS n_sum, sum(m.denominator) AS d_sum, sum(m.value) AS v_sum,
                   (array_agg(m.numerator ORDER BY m.period DESC) FILTER (WHERE NOT r.adds_up))[1] AS n_latest,
                   (array_agg(m.denominator ORDER BY m.period DESC) FILTER (WHERE NOT r.adds_up))[1] AS d_latest,
                   (array_agg(m.value ORDER BY m.period DESC) FILTER (WHERE NOT r.adds_up))[1] AS v_latest,
                   count(*) AS months
            FROM windows w
            JOIN measurements m ON m.is_current AND m.period BETWEEN w.first_month AND w.last_month
            JOIN valid_units u ON u.id = m.unit_id
            JOIN rules r ON r.id = m.indicator_id
            GROUP BY w.tag, m.indicator_id, m.unit_id
        )
        SELECT p.tag, p.indicator_id, u.level, p.unit_id,
               sum(CASE WHEN p.adds_up THEN p.n_sum ELSE p.n_latest END) AS numerator,
               sum(CASE WHEN p.adds_up THEN p.d_sum ELSE p.d_latest END) AS denominator,
               sum(CASE WHEN p.adds_up THEN p.v_sum ELSE p.v_latest END) AS value,
               sum(p.months)::int AS months
        FROM per_unit p JOIN valid_units u ON u.id = p.unit_id
        GROUP BY GROUPING SETS ((p.tag, p.indicator_id, u.level, p.unit_id), (p.tag, p.indicator_id, u.level), (p.tag, p.indicator_id))
        HAVING grouping(p.unit_id) = 1 OR @detail_level::text IS NULL OR u.level = @detail_level::text
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
        SELECT indicator_id, level, NULL::int AS unit_id, month,
               sum(numerator) AS numerator, sum(denominator) AS denominator, sum(value) AS value
        FROM monthly
        GROUP BY GROUPING SETS ((indicator_id, month, level), (indicator_id, month))
        UNION ALL
        SELECT indicator_id, level, unit_id, month, numerator, denominator, value
        FROM monthly WHERE unit_id = @series_unit
        ORDER BY indicator_id, month
        """;

    public const string Explanations = """
        SELECT u.code, i.code, e.period, e.text, e.author, e.created_at
        FROM explanations e JOIN units u ON u.id = e.unit_id JOIN indicators i ON i.id = e.indicator_id
        WHERE e.period = @period_text
        ORDER BY e.created_at
        """;
}
