using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace HaNoi.ReformDashboard.Data.Accounts.Migrations
{
    /// <inheritdoc />
    public partial class SignInThrottle : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "sign_in_throttle",
                schema: "accounts",
                columns: table => new
                {
                    user_name = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    address = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    failures = table.Column<int>(type: "integer", nullable: false),
                    last_failure_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    blocked_until = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_sign_in_throttle", x => new { x.user_name, x.address });
                });

            migrationBuilder.CreateIndex(
                name: "sign_in_throttle_last_failure",
                schema: "accounts",
                table: "sign_in_throttle",
                column: "last_failure_at");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "sign_in_throttle",
                schema: "accounts");
        }
    }
}
