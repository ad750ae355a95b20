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

    /// <summary>The statements of one scorecard, in the order the service reads their results.</summary>
    public static readonly string[] Batch = [Session, Units, PreviousUnits, Pillars, Indicators, Targets, Sums, Series, Explanations, MergedPredecessors, Lineage];

    /// <summary>The unit a code names in the period (a reused code: the unit that started later).</summary>
    public const string UnitByCode = """
        SELECT unit_id, level FROM units_in_force(@first_day, @last_day) WHERE code = @code ORDER BY valid_from DESC LIMIT 1
        """;

    /// <summary>The units in force in the period (units_in_force: the one rule), with their parent's code then.</summary>
    public const string Units = """
        SELECT u.unit_id, u.code, u.name_vi, u.name_en, u.level, p.code AS parent_code
        FROM units_in_force(@valid_from, @valid_to) u
        LEFT JOIN units_in_force(@valid_from, @valid_to) p ON p.unit_id = u.parent_id
        ORDER BY u.code, u.unit_id
        """;

    /// <summary>The units in force in the previous like period: ranks compare only units in force in both.</summary>
    public const string PreviousUnits = "SELECT unit_id FROM units_in_force(@prev_first, @prev_last)";

    public const string Pillars = "SELECT code, name_vi, name_en, sort_order FROM pillars ORDER BY sort_order, code";

    /// <summary>The plan year's catalogue: which indicators exist this year, at which levels, with which tolerance.</summary>
    public const string Indicators = """
        SELECT i.id, i.code, i.pillar_code, i.name_vi, i.name_en, i.kind, i.rollup, i.frequency, c.levels, c.tolerance,
               i.city_figure, c.headline_order, i.definition_vi, i.data_source, i.owner
        FROM plan_year_indicators c JOIN indicators i ON i.id = c.indicator_id
        WHERE c.plan_year = @plan_year
        ORDER BY i.id
        """;

    /// <summary>The plan year's targets; a unit's own target is named by the unit's code in the period.</summary>
    public const string Targets = """
        SELECT i.code, t.level, u.code, t.operator, t.threshold, t.aspirational
        FROM targets t JOIN indicators i ON i.id = t.indicator_id
        LEFT JOIN units_in_force(@valid_from, @valid_to) u ON u.unit_id = t.unit_id
        WHERE t.plan_year = @plan_year AND (t.unit_id IS NULL OR u.unit_id IS NOT NULL)
        """;

    /// <summary>
    /// Sums for three windows at once (0 = the period, 1 = the previous like period, 2 = year to date), per unit,
    /// per level and for all units; each window counts the units in force in it, at the level they had then.
    /// Flow indicators add the months; stock ones (and ranks, milestones) take each unit's latest month.
    /// Ratios stay as Σnumerator and Σdenominator: never an average of percentages.
    /// </summary>
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
            -- Grouped by integers only: sorting on text keys is what made this slow. The months come by the
            -- windows' ranges (an index range scan), then each row meets its unit's version in force in the window.
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

    /// <summary>
    /// Month by month through the period's end: every level and all units (each month counts the units in force
    /// in it), and one unit when asked, continued back through the units merged into it (their combined figures).
    /// </summary>
    public const string Series = """
        WITH months AS (
            SELECT m::date AS first_day, (m + interval '1 month' - interval '1 day')::date AS last_day
            FROM generate_series(@series_first::date, @series_last::date, interval '1 month') m
        ),
        monthly AS (
            SELECT m.indicator_id, u.level, extract(month FROM m.period)::int AS month, m.numerator, m.denominator, m.value
            FROM months mo CROSS JOIN LATERAL units_in_force(mo.first_day, mo.last_day) u
            JOIN measurements m ON m.unit_id = u.unit_id AND m.is_current AND m.period = mo.first_day
            -- The range again, spelled out, so the planner reads only the year's months.
            WHERE m.period BETWEEN @series_first AND @series_last
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
        ORDER BY 1, 4
        """;

    /// <summary>
    /// For each unit in force now, the units merged into it (directly or through earlier mergers) that were in force
    /// in the previous like period: its previous figure is their combined one, with its own.
    /// </summary>
    public const string MergedPredecessors = """
        SELECT mp.unit_id, mp.predecessor_id
        FROM unit_merged_predecessors mp
        WHERE mp.unit_id IN (SELECT unit_id FROM units_in_force(@cur_first, @cur_last))
          AND mp.predecessor_id IN (SELECT unit_id FROM units_in_force(@prev_first, @prev_last))
        """;

    /// <summary>Reorganisations that made a unit in force now, up to the period's end, named as they were on the day.</summary>
    public const string Lineage = """
        SELECT l.kind, l.effective_on, p.code, p.name_vi, p.name_en, s.code, s.name_vi, s.name_en
        FROM unit_lineage l
        CROSS JOIN LATERAL (SELECT code, name_vi, name_en FROM units_in_force(l.effective_on - 1, l.effective_on - 1) f WHERE f.unit_id = l.predecessor_id) p
        CROSS JOIN LATERAL (SELECT code, name_vi, name_en FROM units_in_force(l.effective_on, l.effective_on) f WHERE f.unit_id = l.successor_id) s
        WHERE l.effective_on <= @cur_last
          AND l.successor_id IN (SELECT unit_id FROM units_in_force(@cur_first, @cur_last))
        ORDER BY l.effective_on, s.code, p.code
        """;

    /// <summary>The current version of each explanation of the period (earlier versions stay in the table, unread here).</summary>
    public const string Explanations = """
        SELECT u.code, i.code, e.period, e.cause, e.author, e.created_at, e.remedy, e.expected_by, e.revision
        FROM explanations e JOIN units_in_force(@valid_from, @valid_to) u ON u.unit_id = e.unit_id JOIN indicators i ON i.id = e.indicator_id
        WHERE e.period = @period_text AND e.is_current
        ORDER BY e.created_at
        """;
}
