using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace HaNoi.ReformDashboard.Data.Schema.Migrations
{
    /// <inheritdoc />
    public partial class TargetRevisions : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "target_revisions",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    target_id = table.Column<int>(type: "integer", nullable: false),
                    plan_year = table.Column<int>(type: "integer", nullable: false),
                    indicator_id = table.Column<int>(type: "integer", nullable: false),
                    level = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: true),
                    unit_id = table.Column<int>(type: "integer", nullable: true),
                    revision = table.Column<int>(type: "integer", nullable: false),
                    @operator = table.Column<string>(name: "operator", type: "character varying(2)", maxLength: 2, nullable: false),
                    threshold = table.Column<decimal>(type: "numeric(18,4)", nullable: false),
                    aspirational = table.Column<bool>(type: "boolean", nullable: false),
                    source_vi = table.Column<string>(type: "text", nullable: false),
                    removed = table.Column<bool>(type: "boolean", nullable: false),
                    reason = table.Column<string>(type: "text", nullable: false),
                    changed_by = table.Column<string>(type: "text", nullable: false),
                    changed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_target_revisions", x => x.id);
                    table.CheckConstraint("ck_target_revisions_revision", "revision >= 1");
                    table.ForeignKey(
                        name: "FK_target_revisions_indicators_indicator_id",
                        column: x => x.indicator_id,
                        principalTable: "indicators",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_target_revisions_plan_years_plan_year",
                        column: x => x.plan_year,
                        principalTable: "plan_years",
                        principalColumn: "year",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_target_revisions_units_unit_id",
                        column: x => x.unit_id,
                        principalTable: "units",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_target_revisions_indicator_id",
                table: "target_revisions",
                column: "indicator_id");

            migrationBuilder.CreateIndex(
                name: "IX_target_revisions_plan_year",
                table: "target_revisions",
                column: "plan_year");

            migrationBuilder.CreateIndex(
                name: "IX_target_revisions_target_id_revision",
                table: "target_revisions",
                columns: new[] { "target_id", "revision" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_target_revisions_unit_id",
                table: "target_revisions",
                column: "unit_id");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "target_revisions");
        }
    }
}
