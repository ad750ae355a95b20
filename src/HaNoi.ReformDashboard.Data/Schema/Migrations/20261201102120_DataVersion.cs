using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace HaNoi.ReformDashboard.Data.Schema.Migrations
{
    /// <summary>
    /// A counter that every change to what a scorecard reads moves on, in the same transaction as the change: the
    /// scorecard cache keys on it, so whoever writes (an import, a correction, a target, the seed, psql) invalidates.
    /// </summary>
    public partial class DataVersion : Migration
    {
        internal static readonly string[] Tables =
            ["units", "unit_versions", "unit_lineage", "pillars", "indicators", "plan_years", "plan_year_indicators", "targets", "measurements", "explanations"];

        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                CREATE TABLE data_version (id integer PRIMARY KEY CHECK (id = 1), version bigint NOT NULL);
                INSERT INTO data_version VALUES (1, 1);
                -- Once per statement, not per row: a COPY of a million rows moves it once. The upsert survives a
                -- test reset that empties every table.
                CREATE FUNCTION bump_data_version() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    INSERT INTO data_version VALUES (1, 1) ON CONFLICT (id) DO UPDATE SET version = data_version.version + 1;
                    RETURN NULL;
                END
                $$;
                """);
            foreach (var table in Tables)
                migrationBuilder.Sql($"CREATE TRIGGER {table}_data_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON {table} FOR EACH STATEMENT EXECUTE FUNCTION bump_data_version();");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            foreach (var table in Tables)
                migrationBuilder.Sql($"DROP TRIGGER {table}_data_version ON {table};");
            migrationBuilder.Sql("DROP FUNCTION bump_data_version(); DROP TABLE data_version;");
        }
    }
}
