using System;
using HaNoi.ReformDashboard.Data.Schema.Sql;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace HaNoi.ReformDashboard.Data.Schema.Migrations
{
    /// <inheritdoc />
    public partial class UnitVersions : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Exclusion constraints on (integer or text =, daterange &&) need btree_gist (a trusted extension).
            migrationBuilder.Sql("CREATE EXTENSION IF NOT EXISTS btree_gist;");
            migrationBuilder.AddColumn<string>(
                name: "city_figure",
                table: "indicators",
                type: "character varying(16)",
                maxLength: 16,
                nullable: false,
                defaultValue: "");

            migrationBuilder.CreateTable(
                name: "plan_year_indicators",
                columns: table => new
                {
                    plan_year = table.Column<int>(type: "integer", nullable: false),
                    indicator_id = table.Column<int>(type: "integer", nullable: false),
                    levels = table.Column<string[]>(type: "text[]", nullable: false),
                    tolerance = table.Column<decimal>(type: "numeric(9,4)", nullable: false),
                    headline_order = table.Column<int>(type: "integer", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_plan_year_indicators", x => new { x.plan_year, x.indicator_id });
                    table.ForeignKey(
                        name: "FK_plan_year_indicators_indicators_indicator_id",
                        column: x => x.indicator_id,
                        principalTable: "indicators",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_plan_year_indicators_plan_years_plan_year",
                        column: x => x.plan_year,
                        principalTable: "plan_years",
                        principalColumn: "year",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "unit_lineage",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    predecessor_id = table.Column<int>(type: "integer", nullable: false),
                    successor_id = table.Column<int>(type: "integer", nullable: false),
                    kind = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    effective_on = table.Column<DateOnly>(type: "date", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_unit_lineage", x => x.id);
                    table.CheckConstraint("ck_unit_lineage_not_self", "predecessor_id <> successor_id");
                    table.ForeignKey(
                        name: "FK_unit_lineage_units_predecessor_id",
                        column: x => x.predecessor_id,
                        principalTable: "units",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_unit_lineage_units_successor_id",
                        column: x => x.successor_id,
                        principalTable: "units",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "unit_versions",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    unit_id = table.Column<int>(type: "integer", nullable: false),
                    code = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    name_vi = table.Column<string>(type: "text", nullable: false),
                    name_en = table.Column<string>(type: "text", nullable: false),
                    level = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    parent_id = table.Column<int>(type: "integer", nullable: true),
                    valid_from = table.Column<DateOnly>(type: "date", nullable: false),
                    valid_to = table.Column<DateOnly>(type: "date", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_unit_versions", x => x.id);
                    table.CheckConstraint("ck_unit_versions_validity", "valid_to IS NULL OR valid_to >= valid_from");
                    table.ForeignKey(
                        name: "FK_unit_versions_units_parent_id",
                        column: x => x.parent_id,
                        principalTable: "units",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_unit_versions_units_unit_id",
                        column: x => x.unit_id,
                        principalTable: "units",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_plan_year_indicators_indicator_id",
                table: "plan_year_indicators",
                column: "indicator_id");

            migrationBuilder.CreateIndex(
                name: "IX_unit_lineage_predecessor_id_successor_id_kind",
                table: "unit_lineage",
                columns: new[] { "predecessor_id", "successor_id", "kind" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_unit_lineage_successor_id",
                table: "unit_lineage",
                column: "successor_id");

            migrationBuilder.CreateIndex(
                name: "IX_unit_versions_code_valid_from",
                table: "unit_versions",
                columns: new[] { "code", "valid_from" });

            migrationBuilder.CreateIndex(
                name: "IX_unit_versions_parent_id",
                table: "unit_versions",
                column: "parent_id");

            migrationBuilder.CreateIndex(
                name: "IX_unit_versions_unit_id_valid_from",
                table: "unit_versions",
                columns: new[] { "unit_id", "valid_from" });
        
            migrationBuilder.AddColumn<string>(
                name: "key",
                table: "units",
                type: "character varying(64)",
                maxLength: 64,
                nullable: true);


            // Every existing unit becomes an identity with one version; its successor becomes a "merged into" edge;
            // every plan year's catalogue takes today's levels and tolerances and today's headline cards.
            migrationBuilder.Sql("""
                UPDATE units SET key = code;
                INSERT INTO unit_versions (unit_id, code, name_vi, name_en, level, parent_id, valid_from, valid_to)
                SELECT id, code, name_vi, name_en, level, parent_id, valid_from, valid_to FROM units ORDER BY id;
                INSERT INTO unit_lineage (predecessor_id, successor_id, kind, effective_on)
                SELECT id, successor_id, 'merged_into', coalesce(valid_to + 1, valid_from) FROM units WHERE successor_id IS NOT NULL;
                UPDATE indicators SET city_figure = CASE WHEN 'city' = ANY (levels) THEN 'own_report' ELSE 'sum_of_units' END;
                INSERT INTO plan_year_indicators (plan_year, indicator_id, levels, tolerance, headline_order)
                SELECT p.year, i.id, i.levels, i.tolerance,
                       array_position(ARRAY['PARINDEX_RANK', 'SIPAS', 'ONTIME', 'ONLINE_DOSSIER', 'ONLINE_PAYMENT_TX', 'DIGITISED_RECORDS'], i.code::text)
                FROM plan_years p CROSS JOIN indicators i;
                """);

            migrationBuilder.DropForeignKey(
                name: "FK_units_units_parent_id",
                table: "units");

            migrationBuilder.DropForeignKey(
                name: "FK_units_units_successor_id",
                table: "units");

            migrationBuilder.DropIndex(
                name: "IX_units_code",
                table: "units");

            migrationBuilder.DropIndex(
                name: "IX_units_level_valid_from_valid_to",
                table: "units");

            migrationBuilder.DropIndex(
                name: "IX_units_parent_id",
                table: "units");

            migrationBuilder.DropIndex(
                name: "IX_units_successor_id",
                table: "units");

            migrationBuilder.DropCheckConstraint(
                name: "ck_units_validity",
                table: "units");

            migrationBuilder.DropColumn(
                name: "code",
                table: "units");

            migrationBuilder.DropColumn(
                name: "level",
                table: "units");

            migrationBuilder.DropColumn(
                name: "name_en",
                table: "units");

            migrationBuilder.DropColumn(
                name: "name_vi",
                table: "units");

            migrationBuilder.DropColumn(
                name: "parent_id",
                table: "units");

            migrationBuilder.DropColumn(
                name: "successor_id",
                table: "units");

            migrationBuilder.DropColumn(
                name: "valid_from",
                table: "units");

            migrationBuilder.DropColumn(
                name: "valid_to",
                table: "units");

            migrationBuilder.DropColumn(
                name: "levels",
                table: "indicators");

            migrationBuilder.DropColumn(
                name: "tolerance",
                table: "indicators");


            migrationBuilder.AlterColumn<string>(
                name: "key",
                table: "units",
                type: "character varying(64)",
                maxLength: 64,
                nullable: false,
                oldClrType: typeof(string),
                oldType: "character varying(64)",
                oldMaxLength: 64,
                oldNullable: true);
            migrationBuilder.CreateIndex(
                name: "IX_units_key",
                table: "units",
                column: "key",
                unique: true);


            migrationBuilder.Sql(NoOverlapSql);
            migrationBuilder.Sql(SqlFiles.Read("units_in_force.sql"));
            migrationBuilder.Sql(SqlFiles.Read("unit_merged_predecessors.sql"));
        }

        /// <summary>
        /// What EF cannot model: a unit's versions never overlap and a code names one unit at a time; the one rule
        /// for "units in force in a period" (Schema/Sql/units_in_force.sql; Domain's UnitsInForce is its C# twin); the
        /// closure of mergers (unit_merged_predecessors.sql).
        /// </summary>
        internal const string NoOverlapSql = """
            ALTER TABLE unit_versions
                ADD CONSTRAINT ex_unit_versions_no_overlap
                    EXCLUDE USING gist (unit_id WITH =, daterange(valid_from, valid_to, '[]') WITH &&),
                ADD CONSTRAINT ex_unit_versions_code_once
                    EXCLUDE USING gist (code WITH =, daterange(valid_from, valid_to, '[]') WITH &&);
            """;

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP VIEW unit_merged_predecessors; DROP FUNCTION units_in_force(date, date);");



            migrationBuilder.DropIndex(
                name: "IX_units_key",
                table: "units");

            migrationBuilder.DropColumn(
                name: "key",
                table: "units");

            migrationBuilder.DropColumn(
                name: "city_figure",
                table: "indicators");

            migrationBuilder.AddColumn<string>(
                name: "code",
                table: "units",
                type: "character varying(32)",
                maxLength: 32,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "level",
                table: "units",
                type: "character varying(16)",
                maxLength: 16,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "name_en",
                table: "units",
                type: "text",
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "name_vi",
                table: "units",
                type: "text",
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<int>(
                name: "parent_id",
                table: "units",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "successor_id",
                table: "units",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "valid_from",
                table: "units",
                type: "date",
                nullable: false,
                defaultValue: new DateOnly(1, 1, 1));

            migrationBuilder.AddColumn<DateOnly>(
                name: "valid_to",
                table: "units",
                type: "date",
                nullable: true);

            migrationBuilder.AddColumn<string[]>(
                name: "levels",
                table: "indicators",
                type: "text[]",
                nullable: false,
                defaultValue: new string[0]);

            migrationBuilder.AddColumn<decimal>(
                name: "tolerance",
                table: "indicators",
                type: "numeric(9,4)",
                nullable: false,
                defaultValue: 0m);

            // The latest version of each unit goes back into units; later versions and splits cannot be kept.
            migrationBuilder.Sql("""
                UPDATE units u SET code = v.code, name_vi = v.name_vi, name_en = v.name_en, level = v.level,
                                   parent_id = v.parent_id, valid_from = v.valid_from, valid_to = v.valid_to
                FROM (SELECT DISTINCT ON (unit_id) * FROM unit_versions ORDER BY unit_id, valid_from DESC) v WHERE v.unit_id = u.id;
                UPDATE units u SET successor_id = l.successor_id FROM unit_lineage l WHERE l.predecessor_id = u.id AND l.kind = 'merged_into';
                UPDATE indicators i SET levels = c.levels, tolerance = c.tolerance
                FROM (SELECT DISTINCT ON (indicator_id) * FROM plan_year_indicators ORDER BY indicator_id, plan_year DESC) c WHERE c.indicator_id = i.id;
                """);

            migrationBuilder.CreateIndex(
                name: "IX_units_code",
                table: "units",
                column: "code",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_units_level_valid_from_valid_to",
                table: "units",
                columns: new[] { "level", "valid_from", "valid_to" });

            migrationBuilder.CreateIndex(
                name: "IX_units_parent_id",
                table: "units",
                column: "parent_id");

            migrationBuilder.CreateIndex(
                name: "IX_units_successor_id",
                table: "units",
                column: "successor_id");

            migrationBuilder.AddCheckConstraint(
                name: "ck_units_validity",
                table: "units",
                sql: "valid_to IS NULL OR valid_to >= valid_from");

            migrationBuilder.AddForeignKey(
                name: "FK_units_units_parent_id",
                table: "units",
                column: "parent_id",
                principalTable: "units",
                principalColumn: "id",
                onDelete: ReferentialAction.Restrict);

            migrationBuilder.AddForeignKey(
                name: "FK_units_units_successor_id",
                table: "units",
                column: "successor_id",
                principalTable: "units",
                principalColumn: "id",
                onDelete: ReferentialAction.Restrict);

            migrationBuilder.DropTable(
                name: "plan_year_indicators");
            migrationBuilder.DropTable(
                name: "unit_lineage");
            migrationBuilder.DropTable(
                name: "unit_versions");
        }
    }
}
