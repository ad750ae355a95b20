using HaNoi.ReformDashboard.Data.Schema;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace HaNoi.ReformDashboard.Data.Schema.Migrations
{
    /// <summary>
    /// The level sums of every window a scorecard can ask for, added up once when figures arrive (issue 11). A page
    /// of the district view used to read every commune's rows (16 686 at full size) only to add up the commune level
    /// and the city; it now reads its thirty districts and a hundred level rows.
    /// <list type="bullet">
    /// <item><c>unit_window_figures(first, last, indicators, level)</c>: a unit's figures in a window, the one place of
    /// that rule — the scorecard's Sums read the detail level's units through it, and the roll-up is its sums.</item>
    /// <item><c>scorecard_windows()</c>: the windows of a year a Period can be (26).</item>
    /// <item><c>level_window_figures</c>: per year, window, indicator and level, the sums over the units in force in
    /// the window, kept by the roll-ups' triggers after unit_month_figures, in the writer's transaction.</item>
    /// </list>
    /// Hand-written SQL only: EF has no model for these tables.
    /// </summary>
    [DbContext(typeof(ReformDbContext))]
    [Migration("20261201170546_LevelWindows")]
    public partial class LevelWindows : Migration
    {
        internal const string UpSql = """
            -- A window [window_first, window_last] within one calendar year, per unit in force in it (units_in_force: one
            -- version per unit, its level then) and indicator: a flow's sum is row last minus row first − 1 of
            -- unit_month_figures; a stock (and a rank, a milestone) takes its latest month, which rides on row last. A
            -- unit without a month in the window has no row. Ten-thousandths, as stored; NULL: no value in the window.
            CREATE FUNCTION unit_window_figures(window_first date, window_last date, wanted_ids integer[], only_level text)
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

            -- The windows of a year a scorecard can ask for (Domain Period): each month, each quarter, each year to date
            -- (a whole year is the year to date through December). A test holds every Period to this list.
            CREATE FUNCTION scorecard_windows() RETURNS TABLE (first_month smallint, last_month smallint)
            LANGUAGE sql IMMUTABLE AS $$
                SELECT m::smallint, m::smallint FROM generate_series(1, 12) m
                UNION SELECT (q * 3 - 2)::smallint, (q * 3)::smallint FROM generate_series(1, 4) q
                UNION SELECT 1::smallint, l::smallint FROM generate_series(1, 12) l
            $$;

            -- Only groups with at least one unit row, as GROUP BY gives them. Sums in ten-thousandths (numeric: a level's
            -- sum may outgrow bigint), months = the unit-months with a row.
            CREATE TABLE level_window_figures (
                year smallint NOT NULL,
                first_month smallint NOT NULL,
                last_month smallint NOT NULL,
                indicator_id integer NOT NULL,
                level varchar(16) NOT NULL,
                months integer NOT NULL,
                n numeric, d numeric, v numeric,
                PRIMARY KEY (year, first_month, last_month, indicator_id, level)
            );

            -- The level sums of the windows holding any of the (indicator, month) keys, recomputed from unit_month_figures
            -- (which the caller brought up to date first): a window's sums depend on its own months only.
            CREATE FUNCTION rollups_refresh_level_windows(keys_indicator integer[], keys_period date[])
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

            -- A unit's versions decide which units a window counts and at which level: every window overlapping the months a
            -- changed version covers (before or after the change), for every indicator, within the years with figures.
            CREATE FUNCTION rollups_refresh_level_windows_between(first_day date, last_day date)
            RETURNS void LANGUAGE sql AS $$
                SELECT rollups_refresh_level_windows(array_agg(i.id), array_agg(mo.period::date))
                -- No figures, no row (greatest and least would pass over NULL bounds: an endless series).
                FROM (SELECT make_date(min(year), 1, 1) AS first_year, make_date(max(year), 12, 1) AS last_year
                      FROM unit_month_figures HAVING count(*) > 0) y
                CROSS JOIN LATERAL generate_series(greatest(date_trunc('month', first_day)::date, y.first_year),
                                                   least(last_day, y.last_year), interval '1 month') mo(period)
                CROSS JOIN indicators i;
            $$;

            CREATE OR REPLACE FUNCTION rollups_after_measurements() RETURNS trigger LANGUAGE plpgsql
            SET work_mem = '64MB' -- the recompute's sorts of a month of every unit stay in memory
            AS $$
            DECLARE
                u integer[]; i integer[]; p date[];
            BEGIN
                IF TG_OP = 'TRUNCATE' THEN
                    PERFORM rollups_lock();
                    DELETE FROM unit_month_figures;
                    DELETE FROM level_month_figures;
                    DELETE FROM level_window_figures;
                    RETURN NULL;
                ELSIF TG_OP = 'INSERT' THEN
                    SELECT array_agg(unit_id), array_agg(indicator_id), array_agg(period) INTO u, i, p
                    FROM (SELECT DISTINCT unit_id, indicator_id, period FROM new_rows WHERE is_current) k;
                ELSIF TG_OP = 'UPDATE' THEN
                    SELECT array_agg(unit_id), array_agg(indicator_id), array_agg(period) INTO u, i, p
                    FROM (SELECT unit_id, indicator_id, period FROM new_rows WHERE is_current
                          UNION SELECT unit_id, indicator_id, period FROM old_rows WHERE is_current) k;
                ELSE
                    SELECT array_agg(unit_id), array_agg(indicator_id), array_agg(period) INTO u, i, p
                    FROM (SELECT DISTINCT unit_id, indicator_id, period FROM old_rows WHERE is_current) k;
                END IF;
                IF u IS NOT NULL THEN
                    PERFORM rollups_lock();
                    PERFORM rollups_refresh_unit_months(u, i, p);
                    p := ARRAY(SELECT date_trunc('month', d)::date FROM unnest(p) d);
                    PERFORM rollups_refresh_level_months(i, p);
                    -- After the unit rows: the windows are their sums.
                    PERFORM rollups_refresh_level_windows(i, p);
                END IF;
                RETURN NULL;
            END
            $$;

            CREATE OR REPLACE FUNCTION rollups_after_unit_versions() RETURNS trigger LANGUAGE plpgsql AS $$
            DECLARE
                first_day date; last_day date; i integer[]; p date[];
            BEGIN
                IF TG_OP = 'TRUNCATE' THEN
                    first_day := '-infinity'; last_day := 'infinity';
                ELSIF TG_OP = 'INSERT' THEN
                    SELECT min(valid_from), max(coalesce(valid_to, 'infinity')) INTO first_day, last_day FROM new_rows;
                ELSIF TG_OP = 'UPDATE' THEN
                    SELECT min(valid_from), max(coalesce(valid_to, 'infinity')) INTO first_day, last_day
                    FROM (SELECT valid_from, valid_to FROM new_rows UNION ALL SELECT valid_from, valid_to FROM old_rows) v;
                ELSE
                    SELECT min(valid_from), max(coalesce(valid_to, 'infinity')) INTO first_day, last_day FROM old_rows;
                END IF;
                IF first_day IS NULL THEN RETURN NULL; END IF;
                PERFORM rollups_lock();
                SELECT array_agg(indicator_id), array_agg(period) INTO i, p
                FROM (SELECT DISTINCT indicator_id, period FROM measurements
                      WHERE is_current AND period >= date_trunc('month', first_day) AND period <= last_day
                      UNION SELECT indicator_id, period FROM level_month_figures
                      WHERE period >= date_trunc('month', first_day) AND period <= last_day) k;
                IF i IS NOT NULL THEN PERFORM rollups_refresh_level_months(i, p); END IF;
                PERFORM rollups_refresh_level_windows_between(first_day, last_day);
                RETURN NULL;
            END
            $$;

            CREATE OR REPLACE FUNCTION rollups_rebuild() RETURNS void LANGUAGE plpgsql SET work_mem = '256MB' AS $$
            DECLARE
                u integer[]; i integer[]; p date[];
            BEGIN
                PERFORM rollups_lock();
                DELETE FROM unit_month_figures;
                DELETE FROM level_month_figures;
                DELETE FROM level_window_figures;
                -- One key per unit, indicator and year, from January: every row again.
                SELECT array_agg(unit_id), array_agg(indicator_id), array_agg(make_date(year, 1, 1)) INTO u, i, p
                FROM (SELECT DISTINCT unit_id, indicator_id, extract(year FROM period)::integer AS year FROM measurements WHERE is_current) k;
                IF u IS NOT NULL THEN PERFORM rollups_insert_unit_months(u, i, p); END IF;
                SELECT array_agg(indicator_id), array_agg(period) INTO i, p
                FROM (SELECT DISTINCT indicator_id, period FROM measurements WHERE is_current) k;
                IF i IS NOT NULL THEN
                    PERFORM rollups_refresh_level_months(i, p);
                    -- Every month with a figure: every window with one.
                    PERFORM rollups_refresh_level_windows(i, p);
                END IF;
            END
            $$;

            SELECT rollups_refresh_level_windows(array_agg(indicator_id), array_agg(period))
            FROM (SELECT DISTINCT indicator_id, period FROM measurements WHERE is_current) k;
            ANALYZE level_window_figures;
            """;

        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder) => migrationBuilder.Sql(UpSql);

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql(Rollups.AfterMeasurementsSql);
            migrationBuilder.Sql(Rollups.AfterUnitVersionsSql);
            migrationBuilder.Sql(Rollups.RebuildSql);
            migrationBuilder.Sql("""
                DROP FUNCTION rollups_refresh_level_windows_between(date, date);
                DROP FUNCTION rollups_refresh_level_windows(integer[], date[]);
                DROP TABLE level_window_figures;
                DROP FUNCTION scorecard_windows();
                DROP FUNCTION unit_window_figures(date, date, integer[], text);
                """);
        }
    }
}
