using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace HaNoi.ReformDashboard.Data.Schema.Migrations
{
    /// <inheritdoc />
    public partial class ImportBatches : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AlterColumn<string>(
                name: "sha256",
                table: "import_batches",
                type: "character varying(64)",
                maxLength: 64,
                nullable: false,
                oldClrType: typeof(string),
                oldType: "text");

            migrationBuilder.AddColumn<int>(
                name: "changed_rows",
                table: "import_batches",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<string>(
                name: "kind",
                table: "import_batches",
                type: "character varying(16)",
                maxLength: 16,
                nullable: false,
                defaultValue: "seed");

            migrationBuilder.AddColumn<int>(
                name: "new_rows",
                table: "import_batches",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<long>(
                name: "reverts_batch_id",
                table: "import_batches",
                type: "bigint",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "size_bytes",
                table: "import_batches",
                type: "bigint",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<int>(
                name: "unchanged_rows",
                table: "import_batches",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.CreateIndex(
                name: "IX_import_batches_reverts_batch_id",
                table: "import_batches",
                column: "reverts_batch_id",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_import_batches_sha256",
                table: "import_batches",
                column: "sha256");

            migrationBuilder.AddForeignKey(
                name: "FK_import_batches_import_batches_reverts_batch_id",
                table: "import_batches",
                column: "reverts_batch_id",
                principalTable: "import_batches",
                principalColumn: "id",
                onDelete: ReferentialAction.Restrict);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_import_batches_import_batches_reverts_batch_id",
                table: "import_batches");

            migrationBuilder.DropIndex(
                name: "IX_import_batches_reverts_batch_id",
                table: "import_batches");

            migrationBuilder.DropIndex(
                name: "IX_import_batches_sha256",
                table: "import_batches");

            migrationBuilder.DropColumn(
                name: "changed_rows",
                table: "import_batches");

            migrationBuilder.DropColumn(
                name: "kind",
                table: "import_batches");

            migrationBuilder.DropColumn(
                name: "new_rows",
                table: "import_batches");

            migrationBuilder.DropColumn(
                name: "reverts_batch_id",
                table: "import_batches");

            migrationBuilder.DropColumn(
                name: "size_bytes",
                table: "import_batches");

            migrationBuilder.DropColumn(
                name: "unchanged_rows",
                table: "import_batches");

            migrationBuilder.AlterColumn<string>(
                name: "sha256",
                table: "import_batches",
                type: "text",
                nullable: false,
                oldClrType: typeof(string),
                oldType: "character varying(64)",
                oldMaxLength: 64);
        }
    }
}
