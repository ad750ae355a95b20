using HaNoi.ReformDashboard.Data.Schema;
using HaNoi.ReformDashboard.Data.Schema.Sql;
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
    /// Hand-written SQL only: EF has no model for these tables. The functions live in Schema/Sql; the three roll-up
    /// functions this migration changes are their current files, and Rollups reads the earlier texts from <c>.v1.sql</c>.
    /// </summary>
    [DbContext(typeof(ReformDbContext))]
    [Migration("20261201170546_LevelWindows")]
    public partial class LevelWindows : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql(SqlFiles.Read("unit_window_figures.sql"));
            migrationBuilder.Sql(SqlFiles.Read("scorecard_windows.sql"));
            migrationBuilder.Sql("""
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
                """);
            foreach (var file in (string[])["rollups_refresh_level_windows.sql", "rollups_refresh_level_windows_between.sql",
                                            "rollups_after_measurements.sql", "rollups_after_unit_versions.sql", "rollups_rebuild.sql"])
                migrationBuilder.Sql(SqlFiles.Read(file));
            migrationBuilder.Sql("""
                SELECT rollups_refresh_level_windows(array_agg(indicator_id), array_agg(period))
                FROM (SELECT DISTINCT indicator_id, period FROM measurements WHERE is_current) k;
                ANALYZE level_window_figures;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            foreach (var file in (string[])["rollups_after_measurements.v1.sql", "rollups_after_unit_versions.v1.sql", "rollups_rebuild.v1.sql"])
                migrationBuilder.Sql(SqlFiles.Read(file));
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
