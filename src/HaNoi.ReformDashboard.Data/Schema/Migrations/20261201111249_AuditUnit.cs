using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace HaNoi.ReformDashboard.Data.Schema.Migrations
{
    /// <inheritdoc />
    public partial class AuditUnit : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "unit_id",
                table: "audit_log",
                type: "integer",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_audit_log_actor_at",
                table: "audit_log",
                columns: new[] { "actor", "at" });

            migrationBuilder.CreateIndex(
                name: "IX_audit_log_unit_id_at",
                table: "audit_log",
                columns: new[] { "unit_id", "at" });

            migrationBuilder.AddForeignKey(
                name: "FK_audit_log_units_unit_id",
                table: "audit_log",
                column: "unit_id",
                principalTable: "units",
                principalColumn: "id",
                onDelete: ReferentialAction.Restrict);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_audit_log_units_unit_id",
                table: "audit_log");

            migrationBuilder.DropIndex(
                name: "IX_audit_log_actor_at",
                table: "audit_log");

            migrationBuilder.DropIndex(
                name: "IX_audit_log_unit_id_at",
                table: "audit_log");

            migrationBuilder.DropColumn(
                name: "unit_id",
                table: "audit_log");
        }
    }
}
