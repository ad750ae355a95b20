using HaNoi.ReformDashboard.Data.Schema.Sql;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace HaNoi.ReformDashboard.Data.Schema.Migrations
{
    /// <summary>
    /// The six figures counted from dossiers (issue 20): per unit and Hanoi month the counts, kept once when dossiers
    /// arrive (<c>dossier_month_counts</c>), and <c>dossier_figures_refresh</c>, which turns them into measurement
    /// revisions with source <c>dossiers</c>. The function bodies live in Schema/Sql. Hand-written SQL: EF has no
    /// model for these.
    /// </summary>
    [DbContext(typeof(ReformDbContext))]
    [Migration("20261207093000_DossierFigures")]
    public partial class DossierFigures : Migration
    {
        private const string TablesSql = """
            CREATE TABLE dossier_month_counts (
                unit_id              integer NOT NULL REFERENCES units (id) ON DELETE RESTRICT,
                month                date    NOT NULL CHECK (extract(day FROM month) = 1),
                -- received in the month: all, online, data re-used, with a fee, paid online
                received             integer NOT NULL,
                received_online      integer NOT NULL,
                received_reused      integer NOT NULL,
                received_with_fee    integer NOT NULL,
                received_paid_online integer NOT NULL,
                -- processing ended in the month (withdrawn excluded): all, on time, digitised with an e-result, synced
                ended                integer NOT NULL,
                ended_on_time        integer NOT NULL,
                ended_digitised      integer NOT NULL,
                ended_synced         integer NOT NULL,
                PRIMARY KEY (unit_id, month)
            );
            CREATE INDEX ix_dossier_month_counts_month ON dossier_month_counts (month);
            -- The records a batch replaced, found again to recount the months they left.
            CREATE INDEX ix_dossier_history_batch ON dossier_history (superseded_by_batch_id) WHERE NOT arrived_late;
            """;

        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql(TablesSql);
            // The texts this migration made: Holidays and DossierScale replace them with the current files.
            migrationBuilder.Sql(SqlFiles.Read("working_days_between.v1.sql"));
            migrationBuilder.Sql(SqlFiles.Read("dossier_figures_refresh.v1.sql"));
        }

        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP FUNCTION dossier_figures_refresh(integer[], date[], bigint, text, timestamptz);
                DROP FUNCTION working_days_between(date, date);
                DROP INDEX ix_dossier_history_batch;
                DROP TABLE dossier_month_counts;
                """);
        }
    }
}
