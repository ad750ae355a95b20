using HaNoi.ReformDashboard.Data.Schema;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace HaNoi.ReformDashboard.Data.Schema.Migrations
{
    /// <summary>
    /// Roll-ups that PostgreSQL adds up once, when figures arrive, instead of at every scorecard (issue 11):
    /// <list type="bullet">
    /// <item><c>unit_month_figures</c>: per unit identity, indicator and month, the year-to-date figures through that
    /// month, so a window's sum is a difference of two rows and its latest month's figures ride on its last row.
    /// Which units are in force stays a read-time rule (units_in_force).</item>
    /// <item><c>level_month_figures</c>: per month, indicator and level, the sums over the units in force that month
    /// at the level they had (the Series rule), so the monthly series reads a few hundred rows.</item>
    /// </list>
    /// Kept exact by statement-level triggers with transition tables, in the writer's own transaction: a 100 000-row
    /// COPY is a few set-based statements, and every writer — import, revert, seed, correction, psql — is covered,
    /// which writer-side code could not promise. Hand-written SQL only: EF has no model for these tables.
    /// </summary>
    [DbContext(typeof(ReformDbContext))]
    [Migration("20261201120000_Rollups")]
    public partial class Rollups : Migration
    {
        /// <summary>The trigger function on measurements as this migration made it (LevelWindows replaces it; its Down puts this back).</summary>
        internal const string AfterMeasurementsSql = """
            -- After each statement on measurements: the keys whose current rows the statement touched, recomputed.
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
                    PERFORM rollups_refresh_level_months(i, ARRAY(SELECT date_trunc('month', d)::date FROM unnest(p) d));
                END IF;
                RETURN NULL;
            END
            $$;
            """;

        /// <summary>The trigger function on unit_versions as this migration made it (LevelWindows replaces it; its Down puts this back).</summary>
        internal const string AfterUnitVersionsSql = """
            -- A unit's versions decide its level and whether it is in force in a month: the level sums of the months a
            -- changed version covers (before or after the change) are recomputed. Reorganisations are rare.
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
                RETURN NULL;
            END
            $$;
            """;

        /// <summary>rollups_rebuild as this migration made it (LevelWindows replaces it; its Down puts this back).</summary>
        internal const string RebuildSql = """
            -- Everything again from measurements, in the caller's transaction (reform rollups rebuild).
            CREATE OR REPLACE FUNCTION rollups_rebuild() RETURNS void LANGUAGE plpgsql SET work_mem = '256MB' AS $$
            DECLARE
                u integer[]; i integer[]; p date[];
            BEGIN
                PERFORM rollups_lock();
                DELETE FROM unit_month_figures;
                DELETE FROM level_month_figures;
                -- One key per unit, indicator and year, from January: every row again.
                SELECT array_agg(unit_id), array_agg(indicator_id), array_agg(make_date(year, 1, 1)) INTO u, i, p
                FROM (SELECT DISTINCT unit_id, indicator_id, extract(year FROM period)::integer AS year FROM measurements WHERE is_current) k;
                IF u IS NOT NULL THEN PERFORM rollups_insert_unit_months(u, i, p); END IF;
                SELECT array_agg(indicator_id), array_agg(period) INTO i, p
                FROM (SELECT DISTINCT indicator_id, period FROM measurements WHERE is_current) k;
                IF i IS NOT NULL THEN PERFORM rollups_refresh_level_months(i, p); END IF;
            END
            $$;
            """;

        internal const string UpSql = $"""
            -- Row (year, month) of a unit and indicator: its figures of months 1..month of the year (current revisions
            -- only), from its first reported month of the year on. Sums are in ten-thousandths (the columns are
            -- numeric(18,4)): bigint adds up exactly and cheaply, scaled back once when read. A NULL counts as 0 in
            -- the sums; the counts tell whether any value was there (a window of NULLs sums to NULL, as in SQL). The
            -- *_last columns are the figures of the latest month ≤ month with a row (last_month), for stock
            -- indicators. A year's total beyond 9.2·10^14 overflows bigint: the write fails loudly, never a wrong figure.
            CREATE TABLE unit_month_figures (
                year smallint NOT NULL,
                month smallint NOT NULL,
                unit_id integer NOT NULL,
                indicator_id integer NOT NULL,
                months smallint NOT NULL,
                n_count smallint NOT NULL, d_count smallint NOT NULL, v_count smallint NOT NULL,
                n_sum bigint NOT NULL, d_sum bigint NOT NULL, v_sum bigint NOT NULL,
                last_month smallint NOT NULL,
                n_last bigint, d_last bigint, v_last bigint,
                -- A scorecard reads one month of the units in force of a year: (year, month, unit) is one range of the key.
                PRIMARY KEY (year, month, unit_id, indicator_id)
            );
            -- A write recomputes a unit's indicator over a year: its rows by this key, not by a scan of the month.
            CREATE INDEX ix_unit_month_figures_key ON unit_month_figures (unit_id, indicator_id, year, month);

            -- Only groups with at least one row, as GROUP BY gives them; a NULL sum: no value in the group.
            CREATE TABLE level_month_figures (
                period date NOT NULL,
                indicator_id integer NOT NULL,
                level varchar(16) NOT NULL,
                n_sum numeric, d_sum numeric, v_sum numeric,
                PRIMARY KEY (period, indicator_id, level)
            );

            -- The rows of the (unit, indicator, month) keys' years computed from measurements, from the earliest month
            -- given on (the months before are unchanged): one index range scan per key and year (at most twelve current
            -- rows, ux_measurements_current) — exact by construction, no running deltas to drift.
            CREATE FUNCTION rollups_insert_unit_months(keys_unit integer[], keys_indicator integer[], keys_period date[])
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

            -- What a write changed: those rows deleted and computed again.
            CREATE FUNCTION rollups_refresh_unit_months(keys_unit integer[], keys_indicator integer[], keys_period date[])
            RETURNS void LANGUAGE sql AS $$
                DELETE FROM unit_month_figures f
                USING (SELECT unit_id, indicator_id, extract(year FROM period)::smallint AS year, min(extract(month FROM period))::smallint AS from_month
                       FROM unnest(keys_unit, keys_indicator, keys_period) k(unit_id, indicator_id, period) GROUP BY 1, 2, 3) k
                WHERE f.year = k.year AND f.unit_id = k.unit_id AND f.indicator_id = k.indicator_id AND f.month >= k.from_month;

                SELECT rollups_insert_unit_months(keys_unit, keys_indicator, keys_period);
            $$;

            -- The level sums of (indicator, month) keys recomputed: the units in force that month, at their level then.
            CREATE FUNCTION rollups_refresh_level_months(keys_indicator integer[], keys_period date[])
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

            -- Concurrent writers of different months still share a unit's year: one at a time through the roll-ups. Each
            -- statement of a plpgsql function takes a fresh snapshot (READ COMMITTED), so after the wait the recompute
            -- sees what the writer before committed.
            CREATE FUNCTION rollups_lock() RETURNS void LANGUAGE sql AS $$ SELECT pg_advisory_xact_lock(11, 0) $$;

            {AfterMeasurementsSql}

            {AfterUnitVersionsSql}

            CREATE TRIGGER measurements_rollups_insert AFTER INSERT ON measurements
                REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION rollups_after_measurements();
            CREATE TRIGGER measurements_rollups_update AFTER UPDATE ON measurements
                REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION rollups_after_measurements();
            CREATE TRIGGER measurements_rollups_delete AFTER DELETE ON measurements
                REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION rollups_after_measurements();
            CREATE TRIGGER measurements_rollups_truncate AFTER TRUNCATE ON measurements
                FOR EACH STATEMENT EXECUTE FUNCTION rollups_after_measurements();

            CREATE TRIGGER unit_versions_rollups_insert AFTER INSERT ON unit_versions
                REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION rollups_after_unit_versions();
            CREATE TRIGGER unit_versions_rollups_update AFTER UPDATE ON unit_versions
                REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION rollups_after_unit_versions();
            CREATE TRIGGER unit_versions_rollups_delete AFTER DELETE ON unit_versions
                REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION rollups_after_unit_versions();
            CREATE TRIGGER unit_versions_rollups_truncate AFTER TRUNCATE ON unit_versions
                FOR EACH STATEMENT EXECUTE FUNCTION rollups_after_unit_versions();

            {RebuildSql}

            SELECT rollups_rebuild();
            ANALYZE unit_month_figures;
            ANALYZE level_month_figures;
            """;

        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder) => migrationBuilder.Sql(UpSql);

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder) => migrationBuilder.Sql("""
            DROP TRIGGER measurements_rollups_insert ON measurements;
            DROP TRIGGER measurements_rollups_update ON measurements;
            DROP TRIGGER measurements_rollups_delete ON measurements;
            DROP TRIGGER measurements_rollups_truncate ON measurements;
            DROP TRIGGER unit_versions_rollups_insert ON unit_versions;
            DROP TRIGGER unit_versions_rollups_update ON unit_versions;
            DROP TRIGGER unit_versions_rollups_delete ON unit_versions;
            DROP TRIGGER unit_versions_rollups_truncate ON unit_versions;
            DROP FUNCTION rollups_rebuild(); DROP FUNCTION rollups_after_unit_versions(); DROP FUNCTION rollups_after_measurements();
            DROP FUNCTION rollups_lock(); DROP FUNCTION rollups_refresh_level_months(integer[], date[]);
            DROP FUNCTION rollups_refresh_unit_months(integer[], integer[], date[]); DROP FUNCTION rollups_insert_unit_months(integer[], integer[], date[]);
            DROP TABLE level_month_figures; DROP TABLE unit_month_figures;
            """);
    }
}
