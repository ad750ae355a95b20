using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace HaNoi.ReformDashboard.Data.Schema.Migrations
{
    /// <summary>
    /// Dossiers in (issue 20), first part: the procedure catalogue (EF's model) and, hand-written because EF has no
    /// model for declarative partitioning, the dossier records:
    /// <list type="bullet">
    /// <item><c>dossiers</c>: the current record of each dossier code, partitioned by the Hanoi month of
    /// <c>received_at</c> (PARTITION BY RANGE). Monthly partitions are made ahead by <c>reform dossiers partitions</c>
    /// and the migrate step, never inside an import; <c>dossiers_default</c> catches strays and an import refuses to
    /// write there. One current row per code is kept by the import (under its advisory lock), since a unique index of
    /// a partitioned table must hold the partition key.</item>
    /// <item><c>dossier_history</c>: the records a later one replaced, and late records older than the current one,
    /// so what was replaced stays readable.</item>
    /// </list>
    /// No applicant columns: the file format has none.
    /// </summary>
    public partial class Dossiers : Migration
    {
        internal const string UpSql = """
            CREATE TABLE dossiers (
                dossier_code        varchar(64)  NOT NULL,
                procedure_code      varchar(32)  NOT NULL REFERENCES procedures (code) ON DELETE RESTRICT,
                field_code          varchar(32)  NOT NULL,
                unit_id             integer      NOT NULL REFERENCES units (id) ON DELETE RESTRICT,
                received_at         timestamptz  NOT NULL,
                due_at              timestamptz,
                finished_at         timestamptz,
                returned_at         timestamptz,
                status              varchar(24)  NOT NULL,
                channel             varchar(8)   NOT NULL,
                supplement_requests integer      NOT NULL,
                supplement_days     integer      NOT NULL,
                fee_required        boolean      NOT NULL,
                paid_online         boolean      NOT NULL,
                digitised           boolean      NOT NULL,
                e_result            boolean      NOT NULL,
                reused_data         boolean      NOT NULL,
                synced_national     boolean      NOT NULL,
                updated_at          timestamptz  NOT NULL,
                import_batch_id     bigint       NOT NULL REFERENCES import_batches (id) ON DELETE RESTRICT,
                CONSTRAINT pk_dossiers PRIMARY KEY (dossier_code, received_at),
                CONSTRAINT ck_dossiers_status CHECK (status IN ('received', 'in_progress', 'supplement_requested', 'finished', 'returned', 'refused', 'withdrawn')),
                CONSTRAINT ck_dossiers_channel CHECK (channel IN ('direct', 'online', 'postal')),
                CONSTRAINT ck_dossiers_supplements CHECK (supplement_requests >= 0 AND supplement_days >= 0),
                CONSTRAINT ck_dossiers_times CHECK ((due_at IS NULL OR due_at >= received_at) AND (finished_at IS NULL OR finished_at >= received_at)),
                CONSTRAINT ck_dossiers_paid_online CHECK (NOT paid_online OR fee_required)
            ) PARTITION BY RANGE (received_at);
            CREATE INDEX ix_dossiers_code ON dossiers (dossier_code);
            CREATE INDEX ix_dossiers_unit_received ON dossiers (unit_id, received_at);
            CREATE INDEX ix_dossiers_unit_finished ON dossiers (unit_id, finished_at) WHERE finished_at IS NOT NULL;
            CREATE TABLE dossiers_default PARTITION OF dossiers DEFAULT;

            CREATE TABLE dossier_history (
                id                     bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                LIKE dossiers,
                -- When and by which batch the record stopped being (or, arriving late, never became) the current one.
                superseded_at          timestamptz NOT NULL,
                superseded_by_batch_id bigint      NOT NULL REFERENCES import_batches (id) ON DELETE RESTRICT,
                arrived_late           boolean     NOT NULL
            );
            CREATE INDEX ix_dossier_history_code ON dossier_history (dossier_code, updated_at);
            """;

        internal const string DownSql = """
            DROP TABLE dossier_history;
            DROP TABLE dossiers;
            """;

        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "procedures",
                columns: table => new
                {
                    code = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    name_vi = table.Column<string>(type: "text", nullable: false),
                    field_code = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    field_vi = table.Column<string>(type: "text", nullable: false),
                    level = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    legal_days = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_procedures", x => x.code);
                    table.CheckConstraint("ck_procedures_legal_days", "legal_days >= 0");
                    table.CheckConstraint("ck_procedures_level", "level IN ('province', 'district', 'commune')");
                });
            migrationBuilder.Sql(UpSql);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql(DownSql);
            migrationBuilder.DropTable(
                name: "procedures");
        }
    }
}
