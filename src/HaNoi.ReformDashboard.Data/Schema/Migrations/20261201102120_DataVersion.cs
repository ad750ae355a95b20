using HaNoi.ReformDashboard.Data.Schema.Sql;
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
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                CREATE TABLE data_version (id integer PRIMARY KEY CHECK (id = 1), version bigint NOT NULL);
                INSERT INTO data_version VALUES (1, 1);
                """);
            migrationBuilder.Sql(SqlFiles.Read("bump_data_version.sql"));
            migrationBuilder.Sql(SqlFiles.Read("data_version_triggers.sql"));
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            // CASCADE: the triggers of data_version_triggers.sql, which call it.
            migrationBuilder.Sql("DROP FUNCTION bump_data_version() CASCADE; DROP TABLE data_version;");
        }
    }
}
