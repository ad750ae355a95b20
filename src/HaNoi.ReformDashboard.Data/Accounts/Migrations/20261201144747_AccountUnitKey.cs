using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace HaNoi.ReformDashboard.Data.Accounts.Migrations
{
    /// <summary>
    /// A department head is bound to the unit's stable key instead of a code (codes are retired or reused across the
    /// 2025 restructuring). Each stored code becomes the key of the unit it names today, else of the unit that carried
    /// it last. A code no unit ever carried would leave its account bound to nobody without anyone noticing, so the
    /// migration stops instead, naming those accounts, and changes nothing (fix or remove them first).
    /// </summary>
    public partial class AccountUnitKey : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "unit_key",
                schema: "accounts",
                table: "users",
                type: "character varying(64)",
                maxLength: 64,
                nullable: true);

            migrationBuilder.Sql(ConvertCodes);

            migrationBuilder.DropColumn(
                name: "unit_code",
                schema: "accounts",
                table: "users");
        }

        // PL/pgSQL plans each statement when it runs, so a database without the reform tables yet (and so without
        // bound accounts) passes. The unit a code names today is the latest-starting version carrying it that has begun.
        private const string ConvertCodes = """
            DO $$
            DECLARE unknown text;
            BEGIN
                IF NOT EXISTS (SELECT 1 FROM accounts.users WHERE unit_code IS NOT NULL) THEN RETURN; END IF;
                IF to_regclass('unit_versions') IS NOT NULL THEN
                    UPDATE accounts.users a SET unit_key = (
                        SELECT k.key FROM unit_versions v JOIN units k ON k.id = v.unit_id
                        WHERE v.code = btrim(a.unit_code)
                        ORDER BY (v.valid_from <= current_date) DESC, v.valid_from DESC
                        LIMIT 1)
                    WHERE a.unit_code IS NOT NULL;
                END IF;
                SELECT string_agg(format('%s (%s)', user_name, unit_code), ', ' ORDER BY user_name) INTO unknown
                FROM accounts.users WHERE unit_code IS NOT NULL AND unit_key IS NULL;
                IF unknown IS NOT NULL THEN
                    RAISE EXCEPTION 'Tài khoản gắn với mã đơn vị không tồn tại: % — hãy sửa hoặc xóa trước khi nâng cấp. / Accounts bound to unknown unit codes: % — fix or remove them before upgrading.', unknown, unknown;
                END IF;
            END $$;
            """;

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "unit_code",
                schema: "accounts",
                table: "users",
                type: "character varying(32)",
                maxLength: 32,
                nullable: true);

            // Back to the code the unit carries today (its latest version begun by today).
            migrationBuilder.Sql("""
                UPDATE accounts.users a SET unit_code = (
                    SELECT f.code FROM units k JOIN units_in_force('0001-01-01', current_date) f ON f.unit_id = k.id
                    WHERE k.key = a.unit_key)
                WHERE a.unit_key IS NOT NULL;
                """);

            migrationBuilder.DropColumn(
                name: "unit_key",
                schema: "accounts",
                table: "users");
        }
    }
}
