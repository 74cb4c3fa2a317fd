using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace GoldenThread.Storage.Migrations.Sqlite
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
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<string>(
                name: "data_quality",
                table: "indicators",
                type: "TEXT",
                maxLength: 16,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "data_source",
                table: "indicators",
                type: "TEXT",
                maxLength: 500,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "definition",
                table: "indicators",
                type: "TEXT",
                maxLength: 8000,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "risk_level",
                table: "indicators",
                type: "TEXT",
                maxLength: 16,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "type",
                table: "indicators",
                type: "TEXT",
                maxLength: 16,
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "signed_off_at",
                table: "indicator_values",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "signed_off_by_id",
                table: "indicator_values",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "bank_holidays",
                columns: table => new
                {
                    date = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_bank_holidays", x => x.date);
                });

            migrationBuilder.CreateTable(
                name: "exception_reports",
                columns: table => new
                {
                    id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    indicator_id = table.Column<int>(type: "INTEGER", nullable: false),
                    area_id = table.Column<int>(type: "INTEGER", nullable: false),
                    period = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    status = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    reason = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    plans = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    timescales = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    lead_partners = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    resources = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    strong_green_cause = table.Column<string>(type: "TEXT", maxLength: 32, nullable: true),
                    explanation = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    assurance = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    updated_at = table.Column<long>(type: "INTEGER", nullable: false),
                    updated_by_id = table.Column<int>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_exception_reports", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "figure_records",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    at = table.Column<long>(type: "INTEGER", nullable: false),
                    person_id = table.Column<int>(type: "INTEGER", nullable: true),
                    who = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    on_behalf_of_id = table.Column<int>(type: "INTEGER", nullable: true),
                    indicator_id = table.Column<int>(type: "INTEGER", nullable: false),
                    area_id = table.Column<int>(type: "INTEGER", nullable: false),
                    period = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    field = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    old_value = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    new_value = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    reason = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    source = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    return_id = table.Column<int>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_figure_records", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "period_cycles",
                columns: table => new
                {
                    period = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    period_start = table.Column<int>(type: "INTEGER", nullable: false),
                    forms_issued_at = table.Column<long>(type: "INTEGER", nullable: true),
                    forms_issued_by_id = table.Column<int>(type: "INTEGER", nullable: true),
                    closed_at = table.Column<long>(type: "INTEGER", nullable: true),
                    closed_by_id = table.Column<int>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_period_cycles", x => x.period);
                });

            migrationBuilder.CreateTable(
                name: "returns",
                columns: table => new
                {
                    id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    period = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    assignee_id = table.Column<int>(type: "INTEGER", nullable: true),
                    organisation_id = table.Column<int>(type: "INTEGER", nullable: true),
                    state = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    issued_at = table.Column<long>(type: "INTEGER", nullable: false),
                    updated_at = table.Column<long>(type: "INTEGER", nullable: true),
                    submitted_at = table.Column<long>(type: "INTEGER", nullable: true),
                    submitted_by_id = table.Column<int>(type: "INTEGER", nullable: true),
                    quality_assured_at = table.Column<long>(type: "INTEGER", nullable: true),
                    quality_assured_by_id = table.Column<int>(type: "INTEGER", nullable: true),
                    signed_off_at = table.Column<long>(type: "INTEGER", nullable: true),
                    signed_off_by_id = table.Column<int>(type: "INTEGER", nullable: true),
                    query = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    query_answer = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    query_count = table.Column<int>(type: "INTEGER", nullable: false),
                    amended_after_sign_off = table.Column<bool>(type: "INTEGER", nullable: false),
                    chased_at = table.Column<long>(type: "INTEGER", nullable: true)
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
                    id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    period = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    milestone = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    starts = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    date = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    edited = table.Column<bool>(type: "INTEGER", nullable: false),
                    sequence = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_timetable_milestones", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "return_lines",
                columns: table => new
                {
                    id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    return_id = table.Column<int>(type: "INTEGER", nullable: false),
                    indicator_id = table.Column<int>(type: "INTEGER", nullable: false),
                    area_id = table.Column<int>(type: "INTEGER", nullable: false),
                    period = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    period_start = table.Column<int>(type: "INTEGER", nullable: false),
                    actual_due = table.Column<bool>(type: "INTEGER", nullable: false),
                    projected_outturn_due = table.Column<bool>(type: "INTEGER", nullable: false),
                    actual = table.Column<decimal>(type: "TEXT", nullable: true),
                    projected_outturn = table.Column<decimal>(type: "TEXT", nullable: true),
                    note = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    movement_note = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    saved_at = table.Column<long>(type: "INTEGER", nullable: true),
                    saved_by_id = table.Column<int>(type: "INTEGER", nullable: true)
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

            // The record of every figure is append-only: the database itself refuses to change or remove a record.
            migrationBuilder.Sql("CREATE TRIGGER figure_records_no_update BEFORE UPDATE ON figure_records BEGIN SELECT RAISE(ABORT, 'figure_records is append-only: a record cannot be changed'); END;");
            migrationBuilder.Sql("CREATE TRIGGER figure_records_no_delete BEFORE DELETE ON figure_records BEGIN SELECT RAISE(ABORT, 'figure_records is append-only: a record cannot be deleted'); END;");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
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
