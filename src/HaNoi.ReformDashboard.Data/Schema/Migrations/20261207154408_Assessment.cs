using System;
using HaNoi.ReformDashboard.Data.Schema.Sql;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace HaNoi.ReformDashboard.Data.Schema.Migrations
{
    /// <summary>
    /// The administrative-reform index of the city's units (issue 23): framework versions per year (fields, criteria,
    /// sub-criteria), rounds per year and block, unit assessments, self-assessment answers and appraisals kept as
    /// versions, evidence files, survey scores and past published results. Answers and appraisals are append-only: a
    /// trigger lets an update only retire the current version
    /// (Schema/Sql/assessment_versions_append_only.sql, assessment_versions_triggers.sql).
    /// </summary>
    public partial class Assessment : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "assessment_frameworks",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    year = table.Column<int>(type: "integer", nullable: false),
                    version = table.Column<int>(type: "integer", nullable: false),
                    title_vi = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    title_en = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    total_points = table.Column<decimal>(type: "numeric(9,4)", nullable: false),
                    is_sample = table.Column<bool>(type: "boolean", nullable: false),
                    file_name = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: false),
                    sha256 = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    copied_from_id = table.Column<int>(type: "integer", nullable: true),
                    loaded_by = table.Column<string>(type: "text", nullable: false),
                    loaded_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_assessment_frameworks", x => x.id);
                    table.CheckConstraint("ck_assessment_frameworks_total", "total_points > 0");
                    table.CheckConstraint("ck_assessment_frameworks_version", "version >= 1");
                    table.ForeignKey(
                        name: "FK_assessment_frameworks_assessment_frameworks_copied_from_id",
                        column: x => x.copied_from_id,
                        principalTable: "assessment_frameworks",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "assessment_past_results",
                columns: table => new
                {
                    year = table.Column<int>(type: "integer", nullable: false),
                    unit_id = table.Column<int>(type: "integer", nullable: false),
                    appraised_score = table.Column<decimal>(type: "numeric(9,4)", nullable: false),
                    survey_score = table.Column<decimal>(type: "numeric(9,4)", nullable: true),
                    max_score = table.Column<decimal>(type: "numeric(9,4)", nullable: false),
                    file_name = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: false),
                    imported_by = table.Column<string>(type: "text", nullable: false),
                    imported_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_assessment_past_results", x => new { x.year, x.unit_id });
                    table.CheckConstraint("ck_assessment_past_results_max", "appraised_score + coalesce(survey_score, 0) <= max_score");
                    table.CheckConstraint("ck_assessment_past_results_scores", "appraised_score >= 0 AND coalesce(survey_score, 0) >= 0 AND max_score > 0");
                    table.ForeignKey(
                        name: "FK_assessment_past_results_units_unit_id",
                        column: x => x.unit_id,
                        principalTable: "units",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "assessment_survey_scores",
                columns: table => new
                {
                    year = table.Column<int>(type: "integer", nullable: false),
                    unit_id = table.Column<int>(type: "integer", nullable: false),
                    score = table.Column<decimal>(type: "numeric(9,4)", nullable: false),
                    file_name = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: false),
                    imported_by = table.Column<string>(type: "text", nullable: false),
                    imported_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_assessment_survey_scores", x => new { x.year, x.unit_id });
                    table.CheckConstraint("ck_assessment_survey_scores_score", "score >= 0");
                    table.ForeignKey(
                        name: "FK_assessment_survey_scores_units_unit_id",
                        column: x => x.unit_id,
                        principalTable: "units",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "assessment_fields",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    framework_id = table.Column<int>(type: "integer", nullable: false),
                    code = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    name_vi = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    name_en = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    max_points = table.Column<decimal>(type: "numeric(9,4)", nullable: false),
                    applies_to = table.Column<string[]>(type: "text[]", nullable: false),
                    sort_order = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_assessment_fields", x => x.id);
                    table.CheckConstraint("ck_assessment_fields_blocks", "applies_to <@ ARRAY['department', 'district', 'commune']::text[]");
                    table.ForeignKey(
                        name: "FK_assessment_fields_assessment_frameworks_framework_id",
                        column: x => x.framework_id,
                        principalTable: "assessment_frameworks",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "assessment_rounds",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    year = table.Column<int>(type: "integer", nullable: false),
                    block = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    framework_id = table.Column<int>(type: "integer", nullable: false),
                    opens_on = table.Column<DateOnly>(type: "date", nullable: false),
                    closes_on = table.Column<DateOnly>(type: "date", nullable: false),
                    state = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    created_by = table.Column<string>(type: "text", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_assessment_rounds", x => x.id);
                    table.CheckConstraint("ck_assessment_rounds_block", "block IN ('department', 'district', 'commune')");
                    table.CheckConstraint("ck_assessment_rounds_state", "state IN ('open', 'closed', 'published')");
                    table.CheckConstraint("ck_assessment_rounds_window", "closes_on >= opens_on");
                    table.ForeignKey(
                        name: "FK_assessment_rounds_assessment_frameworks_framework_id",
                        column: x => x.framework_id,
                        principalTable: "assessment_frameworks",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "assessment_criteria",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    field_id = table.Column<int>(type: "integer", nullable: false),
                    framework_id = table.Column<int>(type: "integer", nullable: false),
                    code = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    name_vi = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    name_en = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    max_points = table.Column<decimal>(type: "numeric(9,4)", nullable: false),
                    applies_to = table.Column<string[]>(type: "text[]", nullable: false),
                    sort_order = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_assessment_criteria", x => x.id);
                    table.CheckConstraint("ck_assessment_criteria_blocks", "applies_to <@ ARRAY['department', 'district', 'commune']::text[]");
                    table.ForeignKey(
                        name: "FK_assessment_criteria_assessment_fields_field_id",
                        column: x => x.field_id,
                        principalTable: "assessment_fields",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_assessment_criteria_assessment_frameworks_framework_id",
                        column: x => x.framework_id,
                        principalTable: "assessment_frameworks",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "assessment_reopenings",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    round_id = table.Column<int>(type: "integer", nullable: false),
                    unit_id = table.Column<int>(type: "integer", nullable: false),
                    until = table.Column<DateOnly>(type: "date", nullable: false),
                    reason = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    reopened_by = table.Column<string>(type: "text", nullable: false),
                    reopened_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_assessment_reopenings", x => x.id);
                    table.ForeignKey(
                        name: "FK_assessment_reopenings_assessment_rounds_round_id",
                        column: x => x.round_id,
                        principalTable: "assessment_rounds",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_assessment_reopenings_units_unit_id",
                        column: x => x.unit_id,
                        principalTable: "units",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "unit_assessments",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    round_id = table.Column<int>(type: "integer", nullable: false),
                    unit_id = table.Column<int>(type: "integer", nullable: false),
                    state = table.Column<string>(type: "character varying(24)", maxLength: 24, nullable: false),
                    submitted_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    submitted_by = table.Column<string>(type: "text", nullable: true),
                    finalized_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    finalized_by = table.Column<string>(type: "text", nullable: true),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_unit_assessments", x => x.id);
                    table.CheckConstraint("ck_unit_assessments_state", "state IN ('draft', 'submitted', 'under_appraisal', 'evidence_requested', 'final')");
                    table.ForeignKey(
                        name: "FK_unit_assessments_assessment_rounds_round_id",
                        column: x => x.round_id,
                        principalTable: "assessment_rounds",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_unit_assessments_units_unit_id",
                        column: x => x.unit_id,
                        principalTable: "units",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "assessment_sub_criteria",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    criterion_id = table.Column<int>(type: "integer", nullable: false),
                    framework_id = table.Column<int>(type: "integer", nullable: false),
                    code = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    name_vi = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    name_en = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    max_points = table.Column<decimal>(type: "numeric(9,4)", nullable: false),
                    method = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    scale = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    evidence_vi = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    applies_to = table.Column<string[]>(type: "text[]", nullable: false),
                    indicator_id = table.Column<int>(type: "integer", nullable: true),
                    sort_order = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_assessment_sub_criteria", x => x.id);
                    table.CheckConstraint("ck_assessment_sub_criteria_blocks", "applies_to <@ ARRAY['department', 'district', 'commune']::text[]");
                    table.CheckConstraint("ck_assessment_sub_criteria_max", "max_points > 0");
                    table.CheckConstraint("ck_assessment_sub_criteria_method", "method IN ('yes_no', 'figure', 'scale', 'survey')");
                    table.ForeignKey(
                        name: "FK_assessment_sub_criteria_assessment_criteria_criterion_id",
                        column: x => x.criterion_id,
                        principalTable: "assessment_criteria",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_assessment_sub_criteria_assessment_frameworks_framework_id",
                        column: x => x.framework_id,
                        principalTable: "assessment_frameworks",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_assessment_sub_criteria_indicators_indicator_id",
                        column: x => x.indicator_id,
                        principalTable: "indicators",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "assessment_answers",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    unit_assessment_id = table.Column<int>(type: "integer", nullable: false),
                    sub_criterion_id = table.Column<int>(type: "integer", nullable: false),
                    version = table.Column<int>(type: "integer", nullable: false),
                    is_current = table.Column<bool>(type: "boolean", nullable: false),
                    answer = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    figure = table.Column<decimal>(type: "numeric(18,4)", nullable: true),
                    figure_from_scorecard = table.Column<bool>(type: "boolean", nullable: false),
                    self_score = table.Column<decimal>(type: "numeric(9,4)", nullable: true),
                    no_evidence_reason = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    author = table.Column<string>(type: "text", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_assessment_answers", x => x.id);
                    table.CheckConstraint("ck_assessment_answers_score", "self_score IS NULL OR self_score >= 0");
                    table.CheckConstraint("ck_assessment_answers_version", "version >= 1");
                    table.ForeignKey(
                        name: "FK_assessment_answers_assessment_sub_criteria_sub_criterion_id",
                        column: x => x.sub_criterion_id,
                        principalTable: "assessment_sub_criteria",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_assessment_answers_unit_assessments_unit_assessment_id",
                        column: x => x.unit_assessment_id,
                        principalTable: "unit_assessments",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "assessment_appraisals",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    unit_assessment_id = table.Column<int>(type: "integer", nullable: false),
                    sub_criterion_id = table.Column<int>(type: "integer", nullable: false),
                    version = table.Column<int>(type: "integer", nullable: false),
                    is_current = table.Column<bool>(type: "boolean", nullable: false),
                    appraised_score = table.Column<decimal>(type: "numeric(9,4)", nullable: true),
                    comment = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    evidence_due_on = table.Column<DateOnly>(type: "date", nullable: true),
                    author = table.Column<string>(type: "text", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_assessment_appraisals", x => x.id);
                    table.CheckConstraint("ck_assessment_appraisals_score", "appraised_score IS NULL OR appraised_score >= 0");
                    table.CheckConstraint("ck_assessment_appraisals_version", "version >= 1");
                    table.ForeignKey(
                        name: "FK_assessment_appraisals_assessment_sub_criteria_sub_criterion~",
                        column: x => x.sub_criterion_id,
                        principalTable: "assessment_sub_criteria",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_assessment_appraisals_unit_assessments_unit_assessment_id",
                        column: x => x.unit_assessment_id,
                        principalTable: "unit_assessments",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "assessment_evidence",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    unit_assessment_id = table.Column<int>(type: "integer", nullable: false),
                    sub_criterion_id = table.Column<int>(type: "integer", nullable: false),
                    file_name = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: false),
                    content_type = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    size_bytes = table.Column<long>(type: "bigint", nullable: false),
                    sha256 = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    content = table.Column<byte[]>(type: "bytea", nullable: false),
                    uploaded_by = table.Column<string>(type: "text", nullable: false),
                    uploaded_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    removed_by = table.Column<string>(type: "text", nullable: true),
                    removed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_assessment_evidence", x => x.id);
                    table.CheckConstraint("ck_assessment_evidence_sha256", "sha256 ~ '^[0-9a-f]{64}$'");
                    table.CheckConstraint("ck_assessment_evidence_size", "size_bytes = octet_length(content)");
                    table.CheckConstraint("ck_assessment_evidence_type", "content_type IN ('application/pdf', 'image/png', 'image/jpeg', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'application/msword', 'application/vnd.ms-excel')");
                    table.ForeignKey(
                        name: "FK_assessment_evidence_assessment_sub_criteria_sub_criterion_id",
                        column: x => x.sub_criterion_id,
                        principalTable: "assessment_sub_criteria",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_assessment_evidence_unit_assessments_unit_assessment_id",
                        column: x => x.unit_assessment_id,
                        principalTable: "unit_assessments",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_assessment_answers_sub_criterion_id",
                table: "assessment_answers",
                column: "sub_criterion_id");

            migrationBuilder.CreateIndex(
                name: "IX_assessment_answers_unit_assessment_id_sub_criterion_id_vers~",
                table: "assessment_answers",
                columns: new[] { "unit_assessment_id", "sub_criterion_id", "version" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ux_assessment_answers_current",
                table: "assessment_answers",
                columns: new[] { "unit_assessment_id", "sub_criterion_id" },
                unique: true,
                filter: "is_current");

            migrationBuilder.CreateIndex(
                name: "IX_assessment_appraisals_sub_criterion_id",
                table: "assessment_appraisals",
                column: "sub_criterion_id");

            migrationBuilder.CreateIndex(
                name: "IX_assessment_appraisals_unit_assessment_id_sub_criterion_id_v~",
                table: "assessment_appraisals",
                columns: new[] { "unit_assessment_id", "sub_criterion_id", "version" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ux_assessment_appraisals_current",
                table: "assessment_appraisals",
                columns: new[] { "unit_assessment_id", "sub_criterion_id" },
                unique: true,
                filter: "is_current");

            migrationBuilder.CreateIndex(
                name: "IX_assessment_criteria_field_id",
                table: "assessment_criteria",
                column: "field_id");

            migrationBuilder.CreateIndex(
                name: "IX_assessment_criteria_framework_id_code",
                table: "assessment_criteria",
                columns: new[] { "framework_id", "code" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_assessment_evidence_sub_criterion_id",
                table: "assessment_evidence",
                column: "sub_criterion_id");

            migrationBuilder.CreateIndex(
                name: "IX_assessment_evidence_unit_assessment_id_sub_criterion_id",
                table: "assessment_evidence",
                columns: new[] { "unit_assessment_id", "sub_criterion_id" });

            migrationBuilder.CreateIndex(
                name: "IX_assessment_fields_framework_id_code",
                table: "assessment_fields",
                columns: new[] { "framework_id", "code" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_assessment_frameworks_copied_from_id",
                table: "assessment_frameworks",
                column: "copied_from_id");

            migrationBuilder.CreateIndex(
                name: "IX_assessment_frameworks_year_version",
                table: "assessment_frameworks",
                columns: new[] { "year", "version" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_assessment_past_results_unit_id",
                table: "assessment_past_results",
                column: "unit_id");

            migrationBuilder.CreateIndex(
                name: "IX_assessment_reopenings_round_id_unit_id",
                table: "assessment_reopenings",
                columns: new[] { "round_id", "unit_id" });

            migrationBuilder.CreateIndex(
                name: "IX_assessment_reopenings_unit_id",
                table: "assessment_reopenings",
                column: "unit_id");

            migrationBuilder.CreateIndex(
                name: "IX_assessment_rounds_framework_id",
                table: "assessment_rounds",
                column: "framework_id");

            migrationBuilder.CreateIndex(
                name: "IX_assessment_rounds_year_block",
                table: "assessment_rounds",
                columns: new[] { "year", "block" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_assessment_sub_criteria_criterion_id",
                table: "assessment_sub_criteria",
                column: "criterion_id");

            migrationBuilder.CreateIndex(
                name: "IX_assessment_sub_criteria_framework_id_code",
                table: "assessment_sub_criteria",
                columns: new[] { "framework_id", "code" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_assessment_sub_criteria_indicator_id",
                table: "assessment_sub_criteria",
                column: "indicator_id");

            migrationBuilder.CreateIndex(
                name: "IX_assessment_survey_scores_unit_id",
                table: "assessment_survey_scores",
                column: "unit_id");

            migrationBuilder.CreateIndex(
                name: "IX_unit_assessments_round_id_unit_id",
                table: "unit_assessments",
                columns: new[] { "round_id", "unit_id" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_unit_assessments_unit_id",
                table: "unit_assessments",
                column: "unit_id");

            migrationBuilder.Sql(SqlFiles.Read("assessment_versions_append_only.sql"));
            migrationBuilder.Sql(SqlFiles.Read("assessment_versions_triggers.sql"));
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP TRIGGER assessment_answers_append_only ON assessment_answers;
                DROP TRIGGER assessment_appraisals_append_only ON assessment_appraisals;
                DROP FUNCTION assessment_versions_append_only();
                """);
            migrationBuilder.DropTable(
                name: "assessment_answers");

            migrationBuilder.DropTable(
                name: "assessment_appraisals");

            migrationBuilder.DropTable(
                name: "assessment_evidence");

            migrationBuilder.DropTable(
                name: "assessment_past_results");

            migrationBuilder.DropTable(
                name: "assessment_reopenings");

            migrationBuilder.DropTable(
                name: "assessment_survey_scores");

            migrationBuilder.DropTable(
                name: "assessment_sub_criteria");

            migrationBuilder.DropTable(
                name: "unit_assessments");

            migrationBuilder.DropTable(
                name: "assessment_criteria");

            migrationBuilder.DropTable(
                name: "assessment_rounds");

            migrationBuilder.DropTable(
                name: "assessment_fields");

            migrationBuilder.DropTable(
                name: "assessment_frameworks");
        }
    }
}
