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
    /// <param name="indicatorCode">One indicator only (a cell's scorecard); null: every indicator.</param>
    public static NpgsqlParameter[] Parameters(int planYear, Period period, UnitLevel? detailLevel, int? seriesUnit, string? indicatorCode = null)
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
            new("indicator_code", NpgsqlDbType.Text) { Value = (object?)indicatorCode ?? DBNull.Value },
        ];
    }

    /// <summary>Room for the grouping-set sorts to stay in memory (the default 4 MB spills to disk).</summary>
    public const string Session = "SELECT set_config('work_mem', '64MB', true)";

    /// <summary>
    /// The figures of one scorecard, in the order the service reads their results. The catalogue they are scored
    /// against (<see cref="CatalogueBatch"/>) is read apart, once per data version (CatalogueService).
    /// </summary>
    public static readonly string[] Batch = [Session, Sums, Series, Explanations];

    /// <summary>The catalogue of (plan year, period), in the order CatalogueService reads the results.</summary>
    public static readonly string[] CatalogueBatch = [Units, PreviousUnits, Pillars, Indicators, Targets, MergedPredecessors, Lineage];

    /// <summary>
    /// The units in force in the period (units_in_force: the one rule), with their parent's code then and their stable key:
    /// the one read of a unit's catalogue facts (CatalogueService reads it whole, CatalogueUnits narrowed).
    /// </summary>
    public const string Units = """
        SELECT u.unit_id, u.code, u.name_vi, u.name_en, u.level, p.code AS parent_code, u.valid_from, k.key
        FROM units_in_force(@valid_from, @valid_to) u
        JOIN units k ON k.id = u.unit_id
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
        WHERE c.plan_year = @plan_year AND (@indicator_code::text IS NULL OR i.code = @indicator_code::text)
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
    /// Sums for three windows at once (0 = the period, 1 = the previous like period, 2 = year to date), per unit of the
    /// detail level (every unit when none), per level and for all units; each window counts the units in force in it,
    /// at the level they had then. Flow indicators add the months; stock ones (and ranks, milestones) take each unit's
    /// latest month. Ratios stay as Σnumerator and Σdenominator: never an average of percentages.
    /// Read from the roll-ups (migrations Rollups, LevelWindows): a unit's figures through unit_window_figures (row l
    /// minus row f − 1 of its year-to-date figures), a level's from level_window_figures, which holds those units' sums
    /// for every window a Period can be — the same figures as adding up measurements, digit for digit (ten-thousandths
    /// scaled back once: numeric(18,4) again), without reading the units of the other levels.
    /// </summary>
    public const string Sums = """
        WITH windows(tag, first_day, last_day) AS (
            SELECT * FROM (VALUES (0, @cur_first, @cur_last), (1, @prev_first, @prev_last), (2, @ytd_first, @ytd_last)) w(tag, first_day, last_day)
            WHERE first_day <= last_day
        ),
        -- A cell's scorecard reads its indicator only.
        wanted AS MATERIALIZED (SELECT array_agg(id) AS ids FROM indicators WHERE @indicator_code::text IS NULL OR code = @indicator_code::text),
        levels AS MATERIALIZED (
            SELECT w.tag, f.indicator_id, f.level, f.n, f.d, f.v, f.months
            FROM windows w CROSS JOIN wanted
            JOIN level_window_figures f ON f.year = extract(year FROM w.first_day)::smallint
                                       AND f.first_month = extract(month FROM w.first_day)::smallint
                                       AND f.last_month = extract(month FROM w.last_day)::smallint
                                       AND f.indicator_id = ANY (wanted.ids)
        )
        -- A unit's row is its own figure; the levels are sums, and the city's sum is that of its levels (each unit in
        -- force has one level in a window: the same figure as adding up every unit).
        SELECT w.tag, p.indicator_id, p.level, p.unit_id, p.n * 0.0001 AS numerator, p.d * 0.0001 AS denominator,
               p.v * 0.0001 AS value, p.months
        FROM windows w CROSS JOIN wanted
        CROSS JOIN LATERAL unit_window_figures(w.first_day, w.last_day, wanted.ids, @detail_level::text) p
        UNION ALL
        SELECT tag, indicator_id, level, NULL, n * 0.0001, d * 0.0001, v * 0.0001, months FROM levels
        UNION ALL
        SELECT tag, indicator_id, NULL, NULL, sum(n) * 0.0001, sum(d) * 0.0001, sum(v) * 0.0001, sum(months)::int
        FROM levels
        GROUP BY tag, indicator_id
        """;

    /// <summary>
    /// Month by month through the period's end: every level and all units (each month counts the units in force
    /// in it; the roll-up level_month_figures holds those sums), and one unit when asked, continued back through the
    /// units merged into it (their combined figures; a dozen rows, read from measurements).
    /// </summary>
    public const string Series = $"""
        SELECT indicator_id, level, NULL::int AS unit_id, extract(month FROM period)::int AS month, n_sum, d_sum, v_sum
        FROM level_month_figures
        WHERE period BETWEEN @series_first AND @series_last
        UNION ALL
        SELECT indicator_id, NULL, NULL, extract(month FROM period)::int, sum(n_sum), sum(d_sum), sum(v_sum)
        FROM level_month_figures
        WHERE period BETWEEN @series_first AND @series_last
        GROUP BY indicator_id, period
        UNION ALL
        {UnitMonths}
        ORDER BY 1, 4
        """;

    /// <summary>One unit's months through the period's end, continued back through the units merged into it.</summary>
    private const string UnitMonths = """
        SELECT m.indicator_id, NULL, @series_unit, extract(month FROM m.period)::int,
               sum(m.numerator), sum(m.denominator), sum(m.value)
        FROM measurements m
        WHERE m.is_current AND m.period BETWEEN @series_first AND @series_last
          AND m.unit_id IN (SELECT @series_unit UNION ALL SELECT predecessor_id FROM unit_merged_predecessors WHERE unit_id = @series_unit)
        GROUP BY m.indicator_id, m.period
        """;

    /// <summary>The unit's part of <see cref="Series"/> alone, by indicator code: all a unit's export reads beyond its level's scorecard.</summary>
    public const string UnitSeries = $"""
        SELECT i.code, u.month, u.n, u.d, u.v
        FROM ({UnitMonths}) u(indicator_id, level, unit_id, month, n, d, v)
        JOIN indicators i ON i.id = u.indicator_id
        ORDER BY i.id, u.month
        """;

    /// <summary>
    /// Monthly reports the units of the detail level owed in the period (units × the plan year's monthly indicators of
    /// that level; × months in C#) and how many arrived, over the whole catalogue: what makes a cell's scorecard
    /// provisional exactly when the unit's full scorecard is, though it reads one indicator.
    /// </summary>
    public const string ReportCounts = """
        WITH units AS (SELECT unit_id FROM units_in_force(@cur_first, @cur_last) WHERE level = @detail_level::text),
        monthly AS (
            SELECT c.indicator_id FROM plan_year_indicators c JOIN indicators i ON i.id = c.indicator_id
            WHERE c.plan_year = @plan_year AND i.frequency = 'monthly' AND @detail_level::text = ANY (c.levels)
        )
        SELECT ((SELECT count(*) FROM units) * (SELECT count(*) FROM monthly))::int AS owed,
               (SELECT coalesce(sum(r.months - coalesce(b.months, 0)), 0)::int
                FROM units u
                JOIN unit_month_figures r ON r.year = extract(year FROM @cur_first::date) AND r.month = extract(month FROM @cur_last::date)
                                         AND r.unit_id = u.unit_id AND r.indicator_id IN (SELECT indicator_id FROM monthly)
                LEFT JOIN unit_month_figures b ON b.year = r.year AND b.month = extract(month FROM @cur_first::date) - 1
                                              AND b.unit_id = u.unit_id AND b.indicator_id = r.indicator_id) AS received
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
