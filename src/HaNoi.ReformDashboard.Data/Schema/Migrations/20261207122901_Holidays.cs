using System;
using HaNoi.ReformDashboard.Data.Schema.Sql;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace HaNoi.ReformDashboard.Data.Schema.Migrations
{
    /// <summary>
    /// Vietnam's public holidays and swapped working days (issue 21): <c>calendar_exceptions</c>, and
    /// <c>working_days_between</c> (Schema/Sql) counting them. The seed and <c>reform holidays import</c> fill the table.
    /// </summary>
    public partial class Holidays : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "calendar_exceptions",
                columns: table => new
                {
                    day = table.Column<DateOnly>(type: "date", nullable: false),
                    kind = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    name_vi = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    name_en = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_calendar_exceptions", x => x.day);
                    table.CheckConstraint("ck_calendar_exceptions_kind", "kind IN ('holiday', 'working')");
                    table.CheckConstraint("ck_calendar_exceptions_weekday", "(kind = 'holiday') = (extract(isodow FROM day) < 6)");
                });
            migrationBuilder.Sql(SqlFiles.Read("working_days_between.sql"));
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            // The weekends-only definition, before the table it would read goes.
            migrationBuilder.Sql(SqlFiles.Read("working_days_between.v1.sql"));
            migrationBuilder.DropTable(
                name: "calendar_exceptions");
        }
    }
}
