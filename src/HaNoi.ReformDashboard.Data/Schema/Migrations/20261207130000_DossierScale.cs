using HaNoi.ReformDashboard.Data.Schema.Sql;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace HaNoi.ReformDashboard.Data.Schema.Migrations
{
    /// <summary>
    /// Dossiers at Hanoi's size (issue 20, benchmark goals):
    /// <list type="bullet">
    /// <item><c>dossier_codes</c>: each code's current record (its received time, so its partition, and its
    /// <c>updated_at</c>). The import's merge looks codes up here, once, instead of in every month's partition; its
    /// primary key is the database's own guarantee of one current record per code. It replaces the per-partition
    /// index on the code.</item>
    /// <item><c>ix_dossiers_ended</c>: the ended dossiers by their ended time, so a month's recount finds the ones
    /// received in earlier months with one range per partition instead of one probe per unit and partition.</item>
    /// <item><c>dossier_on_time</c> (the one on-time rule) and <c>dossier_figures_write</c> (counts to figures), split
    /// out of <c>dossier_figures_refresh</c>: imports now keep the counts on arrival and only write the figures.</item>
    /// </list>
    /// </summary>
    [DbContext(typeof(ReformDbContext))]
    [Migration("20261207130000_DossierScale")]
    public partial class DossierScale : Migration
    {
        private const string TablesSql = """
            CREATE TABLE dossier_codes (
                dossier_code varchar(64) PRIMARY KEY,
                received_at  timestamptz NOT NULL,
                updated_at   timestamptz NOT NULL
            );
            INSERT INTO dossier_codes (dossier_code, received_at, updated_at) SELECT dossier_code, received_at, updated_at FROM dossiers;
            DROP INDEX ix_dossiers_code;
            CREATE INDEX ix_dossiers_ended ON dossiers (finished_at) WHERE status IN ('finished', 'returned', 'refused');
            """;

        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql(TablesSql);
            migrationBuilder.Sql(SqlFiles.Read("dossier_on_time.sql"));
            migrationBuilder.Sql(SqlFiles.Read("dossier_figures_write.v1.sql"));
            migrationBuilder.Sql(SqlFiles.Read("dossier_figures_refresh.v2.sql"));
        }

        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP FUNCTION dossier_figures_refresh(integer[], date[], bigint, text, timestamptz);
                DROP FUNCTION dossier_figures_write(integer[], date[], bigint, text, timestamptz);
                DROP FUNCTION dossier_on_time(timestamptz, timestamptz, timestamptz, integer, integer, integer);
                DROP INDEX ix_dossiers_ended;
                CREATE INDEX ix_dossiers_code ON dossiers (dossier_code);
                DROP TABLE dossier_codes;
                """);
            // The recount as DossierFigures made it, which needs neither dossier_figures_write nor dossier_on_time.
            migrationBuilder.Sql(SqlFiles.Read("dossier_figures_refresh.v1.sql"));
        }
    }
}
