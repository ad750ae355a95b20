using HaNoi.ReformDashboard.Data.Schema.Sql;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace HaNoi.ReformDashboard.Data.Schema.Migrations
{
    /// <summary>
    /// A recount re-evaluates the stored answers of a month's ended dossiers (<c>dossiers.on_time</c>, <c>days_late</c>)
    /// only when the rules' data may have changed them (issue 20, docs/performance.md): <c>dossier_rule_answers</c> keeps,
    /// per Hanoi month of ending, the digest of the rules (<c>dossier_rules_digest</c>: the calendar's exceptions, the
    /// procedures' legal limits, the rule functions' text) under which the recount last evaluated all of the month's ended
    /// dossiers. Empty here: each month is evaluated in full by its first recount. <c>dossier_figures_write</c> joins the
    /// catalogue once and looks each revision in force up once, and writes nothing (nor runs the measurements' triggers)
    /// when no figure changes.
    /// </summary>
    [DbContext(typeof(ReformDbContext))]
    [Migration("20261207230000_DossierRuleAnswers")]
    public partial class DossierRuleAnswers : Migration
    {
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                CREATE TABLE dossier_rule_answers (
                    month        date PRIMARY KEY CHECK (extract(day FROM month) = 1),
                    rules_digest text NOT NULL
                );
                """);
            migrationBuilder.Sql(SqlFiles.Read("dossier_rules_digest.sql"));
            migrationBuilder.Sql(SqlFiles.Read("dossier_figures_write.sql"));
            migrationBuilder.Sql(SqlFiles.Read("dossier_figures_refresh.sql"));
        }

        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql(SqlFiles.Read("dossier_figures_refresh.v3.sql"));
            migrationBuilder.Sql(SqlFiles.Read("dossier_figures_write.v1.sql"));
            migrationBuilder.Sql("""
                DROP FUNCTION dossier_rules_digest();
                DROP TABLE dossier_rule_answers;
                """);
        }
    }
}
