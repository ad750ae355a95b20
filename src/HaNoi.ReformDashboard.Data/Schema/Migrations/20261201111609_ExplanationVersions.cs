using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace HaNoi.ReformDashboard.Data.Schema.Migrations
{
    /// <summary>
    /// Explanations get a cause (the old text, renamed), a remedy, an expected date and revisions: the rows already there
    /// become revisions 1, 2… of their unit × indicator × period in the order written, the latest one current.
    /// </summary>
    public partial class ExplanationVersions : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_explanations_unit_id_indicator_id_period",
                table: "explanations");

            migrationBuilder.RenameColumn(name: "text", table: "explanations", newName: "cause");
            migrationBuilder.AlterColumn<string>(
                name: "cause",
                table: "explanations",
                type: "character varying(2000)",
                maxLength: 2000,
                nullable: false,
                oldClrType: typeof(string),
                oldType: "text");

            migrationBuilder.AddColumn<DateOnly>(
                name: "expected_by",
                table: "explanations",
                type: "date",
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "is_current",
                table: "explanations",
                type: "boolean",
                nullable: false,
                defaultValue: true);

            migrationBuilder.AddColumn<string>(
                name: "remedy",
                table: "explanations",
                type: "character varying(2000)",
                maxLength: 2000,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<int>(
                name: "revision",
                table: "explanations",
                type: "integer",
                nullable: false,
                defaultValue: 1);

            migrationBuilder.Sql("""
                UPDATE explanations e SET revision = n.revision, is_current = n.revision = n.versions
                FROM (SELECT id, row_number() OVER w AS revision, count(*) OVER (PARTITION BY unit_id, indicator_id, period) AS versions
                      FROM explanations WINDOW w AS (PARTITION BY unit_id, indicator_id, period ORDER BY created_at, id)) n
                WHERE n.id = e.id
                """);

            migrationBuilder.CreateIndex(
                name: "ix_explanations_period_current",
                table: "explanations",
                column: "period",
                filter: "is_current");

            migrationBuilder.CreateIndex(
                name: "IX_explanations_unit_id_indicator_id_period_revision",
                table: "explanations",
                columns: new[] { "unit_id", "indicator_id", "period", "revision" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ux_explanations_current",
                table: "explanations",
                columns: new[] { "unit_id", "indicator_id", "period" },
                unique: true,
                filter: "is_current");

            migrationBuilder.AddCheckConstraint(
                name: "ck_explanations_revision",
                table: "explanations",
                sql: "revision >= 1");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_explanations_period_current",
                table: "explanations");

            migrationBuilder.DropIndex(
                name: "IX_explanations_unit_id_indicator_id_period_revision",
                table: "explanations");

            migrationBuilder.DropIndex(
                name: "ux_explanations_current",
                table: "explanations");

            migrationBuilder.DropCheckConstraint(
                name: "ck_explanations_revision",
                table: "explanations");

            migrationBuilder.DropColumn(
                name: "expected_by",
                table: "explanations");

            migrationBuilder.DropColumn(
                name: "is_current",
                table: "explanations");

            migrationBuilder.DropColumn(
                name: "remedy",
                table: "explanations");

            migrationBuilder.DropColumn(
                name: "revision",
                table: "explanations");

            migrationBuilder.AlterColumn<string>(
                name: "cause",
                table: "explanations",
                type: "text",
                nullable: false,
                oldClrType: typeof(string),
                oldType: "character varying(2000)",
                oldMaxLength: 2000);
            migrationBuilder.RenameColumn(name: "cause", table: "explanations", newName: "text");

            migrationBuilder.CreateIndex(
                name: "IX_explanations_unit_id_indicator_id_period",
                table: "explanations",
                columns: new[] { "unit_id", "indicator_id", "period" });
        }
    }
}
