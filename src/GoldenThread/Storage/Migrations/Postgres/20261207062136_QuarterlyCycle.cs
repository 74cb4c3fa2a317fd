using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace GoldenThread.Storage.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class QuarterlyCycle : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "audited",
                table: "indicators",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<string>(
                name: "data_quality",
                table: "indicators",
                type: "character varying(16)",
                maxLength: 16,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "data_source",
                table: "indicators",
                type: "character varying(500)",
                maxLength: 500,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "definition",
                table: "indicators",
                type: "character varying(8000)",
                maxLength: 8000,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "risk_level",
                table: "indicators",
                type: "character varying(16)",
                maxLength: 16,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "type",
                table: "indicators",
                type: "character varying(16)",
                maxLength: 16,
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "signed_off_at",
                table: "indicator_values",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "signed_off_by_id",
                table: "indicator_values",
                type: "integer",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "bank_holidays",
                columns: table => new
                {
                    date = table.Column<DateOnly>(type: "date", nullable: false),
                    name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_bank_holidays", x => x.date);
                });

            migrationBuilder.CreateTable(
                name: "exception_reports",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    indicator_id = table.Column<int>(type: "integer", nullable: false),
                    area_id = table.Column<int>(type: "integer", nullable: false),
                    period = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    reason = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    plans = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    timescales = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    lead_partners = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    resources = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    strong_green_cause = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: true),
                    explanation = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    assurance = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    updated_by_id = table.Column<int>(type: "integer", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_exception_reports", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "figure_records",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    person_id = table.Column<int>(type: "integer", nullable: true),
                    who = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    on_behalf_of_id = table.Column<int>(type: "integer", nullable: true),
                    indicator_id = table.Column<int>(type: "integer", nullable: false),
                    area_id = table.Column<int>(type: "integer", nullable: false),
                    period = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    field = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    old_value = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    new_value = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    reason = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    source = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    return_id = table.Column<int>(type: "integer", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_figure_records", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "period_cycles",
                columns: table => new
                {
                    period = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    period_start = table.Column<int>(type: "integer", nullable: false),
                    forms_issued_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    forms_issued_by_id = table.Column<int>(type: "integer", nullable: true),
                    closed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    closed_by_id = table.Column<int>(type: "integer", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_period_cycles", x => x.period);
                });

            migrationBuilder.CreateTable(
                name: "returns",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    period = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    assignee_id = table.Column<int>(type: "integer", nullable: true),
                    organisation_id = table.Column<int>(type: "integer", nullable: true),
                    state = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    issued_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    submitted_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    submitted_by_id = table.Column<int>(type: "integer", nullable: true),
                    quality_assured_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    quality_assured_by_id = table.Column<int>(type: "integer", nullable: true),
                    signed_off_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    signed_off_by_id = table.Column<int>(type: "integer", nullable: true),
                    query = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    query_answer = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    query_count = table.Column<int>(type: "integer", nullable: false),
                    amended_after_sign_off = table.Column<bool>(type: "boolean", nullable: false),
                    chased_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_returns", x => x.id);
                    table.ForeignKey(
                        name: "fk_returns_organisations_organisation_id",
                        column: x => x.organisation_id,
                        principalTable: "organisations",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_returns_people_assignee_id",
                        column: x => x.assignee_id,
                        principalTable: "people",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "timetable_milestones",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    period = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    milestone = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    starts = table.Column<DateOnly>(type: "date", nullable: true),
                    date = table.Column<DateOnly>(type: "date", nullable: false),
                    edited = table.Column<bool>(type: "boolean", nullable: false),
                    sequence = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_timetable_milestones", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "return_lines",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    return_id = table.Column<int>(type: "integer", nullable: false),
                    indicator_id = table.Column<int>(type: "integer", nullable: false),
                    area_id = table.Column<int>(type: "integer", nullable: false),
                    period = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    period_start = table.Column<int>(type: "integer", nullable: false),
                    actual_due = table.Column<bool>(type: "boolean", nullable: false),
                    projected_outturn_due = table.Column<bool>(type: "boolean", nullable: false),
                    actual = table.Column<decimal>(type: "numeric", nullable: true),
                    projected_outturn = table.Column<decimal>(type: "numeric", nullable: true),
                    note = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    movement_note = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    saved_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    saved_by_id = table.Column<int>(type: "integer", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_return_lines", x => x.id);
                    table.ForeignKey(
                        name: "fk_return_lines_areas_area_id",
                        column: x => x.area_id,
                        principalTable: "areas",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_return_lines_indicators_indicator_id",
                        column: x => x.indicator_id,
                        principalTable: "indicators",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_return_lines_returns_return_id",
                        column: x => x.return_id,
                        principalTable: "returns",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_exception_reports_indicator_id_area_id_period",
                table: "exception_reports",
                columns: new[] { "indicator_id", "area_id", "period" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_figure_records_at",
                table: "figure_records",
                column: "at");

            migrationBuilder.CreateIndex(
                name: "ix_figure_records_indicator_id_area_id_period",
                table: "figure_records",
                columns: new[] { "indicator_id", "area_id", "period" });

            migrationBuilder.CreateIndex(
                name: "ix_return_lines_indicator_id_area_id_period",
                table: "return_lines",
                columns: new[] { "indicator_id", "area_id", "period" });

            migrationBuilder.CreateIndex(
                name: "ix_return_lines_return_id_indicator_id_area_id_period",
                table: "return_lines",
                columns: new[] { "return_id", "indicator_id", "area_id", "period" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_returns_assignee_id",
                table: "returns",
                column: "assignee_id");

            migrationBuilder.CreateIndex(
                name: "ix_returns_period_assignee_id_organisation_id",
                table: "returns",
                columns: new[] { "period", "assignee_id", "organisation_id" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_timetable_milestones_date",
                table: "timetable_milestones",
                column: "date");

            migrationBuilder.CreateIndex(
                name: "ix_timetable_milestones_period_milestone",
                table: "timetable_milestones",
                columns: new[] { "period", "milestone" },
                unique: true);

            // The record of every figure is append-only: the database itself refuses to change, remove or truncate a record.
            migrationBuilder.Sql("""
                CREATE FUNCTION figure_records_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    RAISE EXCEPTION 'figure_records is append-only: a record cannot be changed or deleted' USING ERRCODE = 'insufficient_privilege';
                END
                $$;
                CREATE TRIGGER figure_records_no_change BEFORE UPDATE OR DELETE ON figure_records FOR EACH ROW EXECUTE FUNCTION figure_records_append_only();
                CREATE TRIGGER figure_records_no_truncate BEFORE TRUNCATE ON figure_records FOR EACH STATEMENT EXECUTE FUNCTION figure_records_append_only();
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS figure_records_no_change ON figure_records; DROP TRIGGER IF EXISTS figure_records_no_truncate ON figure_records; DROP FUNCTION IF EXISTS figure_records_append_only();");
            migrationBuilder.DropTable(
                name: "bank_holidays");

            migrationBuilder.DropTable(
                name: "exception_reports");

            migrationBuilder.DropTable(
                name: "figure_records");

            migrationBuilder.DropTable(
                name: "period_cycles");

            migrationBuilder.DropTable(
                name: "return_lines");

            migrationBuilder.DropTable(
                name: "timetable_milestones");

            migrationBuilder.DropTable(
                name: "returns");

            migrationBuilder.DropColumn(
                name: "audited",
                table: "indicators");

            migrationBuilder.DropColumn(
                name: "data_quality",
                table: "indicators");

            migrationBuilder.DropColumn(
                name: "data_source",
                table: "indicators");

            migrationBuilder.DropColumn(
                name: "definition",
                table: "indicators");

            migrationBuilder.DropColumn(
                name: "risk_level",
                table: "indicators");

            migrationBuilder.DropColumn(
                name: "type",
                table: "indicators");

            migrationBuilder.DropColumn(
                name: "signed_off_at",
                table: "indicator_values");

            migrationBuilder.DropColumn(
                name: "signed_off_by_id",
                table: "indicator_values");
        }
    }
}
