using HaNoi.ReformDashboard.Data.Schema;
using HaNoi.ReformDashboard.Data.Schema.Sql;
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
    /// which writer-side code could not promise. Hand-written SQL only: EF has no model for these tables. The functions
    /// and triggers live in Schema/Sql; the three that LevelWindows replaces are read from their <c>.v1.sql</c> files.
    /// </summary>
    [DbContext(typeof(ReformDbContext))]
    [Migration("20261201120000_Rollups")]
    public partial class Rollups : Migration
    {
        private const string TablesSql = """
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
            """;

        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql(TablesSql);
            foreach (var file in (string[])["rollups_insert_unit_months.sql", "rollups_refresh_unit_months.sql", "rollups_refresh_level_months.sql",
                                            "rollups_lock.sql", "rollups_after_measurements.v1.sql", "rollups_after_unit_versions.v1.sql",
                                            "rollups_triggers.sql", "rollups_rebuild.v1.sql"])
                migrationBuilder.Sql(SqlFiles.Read(file));
            migrationBuilder.Sql("""
                SELECT rollups_rebuild();
                ANALYZE unit_month_figures;
                ANALYZE level_month_figures;
                """);
        }

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
