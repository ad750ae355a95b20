using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace HaNoi.ReformDashboard.Data.Schema.Migrations
{
    /// <summary>
    /// Overdue now (issue 21, item 3): the open dossiers by due time. Open is <c>finished_at IS NULL</c> (the import's
    /// checks give every ended status a finished time and no open one), so the index holds only the dossiers still being
    /// processed, a small part of the table; unit and received time ride along so the counts read the index alone.
    /// Created on the partitioned parent: PostgreSQL makes it on every partition, and on each one made later.
    /// </summary>
    [DbContext(typeof(ReformDbContext))]
    [Migration("20261207140000_DossierOverdue")]
    public partial class DossierOverdue : Migration
    {
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("CREATE INDEX ix_dossiers_open_due ON dossiers (due_at) INCLUDE (unit_id, received_at) WHERE finished_at IS NULL;");
        }

        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP INDEX ix_dossiers_open_due;");
        }
    }
}
