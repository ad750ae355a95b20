using HaNoi.ReformDashboard.Data.Schema.Sql;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace HaNoi.ReformDashboard.Data.Schema.Migrations
{
    /// <summary>
    /// The dossier lists at full size (issue 21, item 6; docs/performance.md):
    /// <list type="bullet">
    /// <item><c>dossiers.on_time</c>: the on-time rule (<c>dossier_on_time</c>) for an ended dossier, stored when the record
    /// arrives and set again by a recount (holidays, a procedure's legal limit); null while it is open or once withdrawn.
    /// The months' counts and the lists read it, so a page of late dossiers no longer evaluates the rule for every
    /// dossier of the unit-month, and <c>ix_dossiers_late</c> (the late ones only, by unit and end time) finds them.
    /// With it <c>days_late</c> (<c>dossier_days_late</c>: working days late, null unless late), so a page does not
    /// count working days row by row.</item>
    /// <item><c>dossier_month_counts.ended_received_from</c>: the received month of the earliest dossier that ended in the
    /// unit-month. A list of a month's ended dossiers reads only the partitions from there on instead of planning every
    /// older one — the plan, not the rows, was most of a page's time. A lower bound: an import lowers it, never raises
    /// it; a recount sets it exactly.</item>
    /// </list>
    /// Both filled here from the dossiers held.
    /// </summary>
    [DbContext(typeof(ReformDbContext))]
    [Migration("20261207160000_DossierListReads")]
    public partial class DossierListReads : Migration
    {
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql(SqlFiles.Read("dossier_days_late.sql"));
            migrationBuilder.Sql("""
                ALTER TABLE dossiers ADD COLUMN on_time boolean, ADD COLUMN days_late integer;
                UPDATE dossiers d SET on_time = dossier_on_time(d.received_at, d.due_at, d.finished_at, d.supplement_requests, d.supplement_days, p.legal_days)
                FROM procedures p
                WHERE p.code = d.procedure_code AND d.status IN ('finished', 'returned', 'refused');
                UPDATE dossiers d SET days_late = dossier_days_late(d.on_time, d.received_at, d.due_at, d.finished_at, d.supplement_days, p.legal_days)
                FROM procedures p
                WHERE p.code = d.procedure_code AND NOT d.on_time;
                CREATE INDEX ix_dossiers_late ON dossiers (unit_id, finished_at) WHERE NOT on_time;

                ALTER TABLE dossier_month_counts ADD COLUMN ended_received_from date
                    CHECK (extract(day FROM ended_received_from) = 1 AND ended_received_from <= month);
                UPDATE dossier_month_counts c SET ended_received_from = s.received_from
                FROM (
                    SELECT unit_id, date_trunc('month', finished_at AT TIME ZONE 'Asia/Ho_Chi_Minh')::date AS month,
                           date_trunc('month', min(received_at) AT TIME ZONE 'Asia/Ho_Chi_Minh')::date AS received_from
                    FROM dossiers WHERE status IN ('finished', 'returned', 'refused')
                    GROUP BY 1, 2
                ) s
                WHERE s.unit_id = c.unit_id AND s.month = c.month;
                """);
            migrationBuilder.Sql(SqlFiles.Read("dossier_figures_refresh.v3.sql"));
        }

        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql(SqlFiles.Read("dossier_figures_refresh.v2.sql"));
            migrationBuilder.Sql("""
                ALTER TABLE dossier_month_counts DROP COLUMN ended_received_from;
                DROP INDEX ix_dossiers_late;
                ALTER TABLE dossiers DROP COLUMN on_time, DROP COLUMN days_late;
                DROP FUNCTION dossier_days_late(boolean, timestamptz, timestamptz, timestamptz, integer, integer);
                """);
        }
    }
}
