using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace GoldenThread.Storage.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class InterventionWorkflow : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_exception_reports_indicator_id_area_id_period",
                table: "exception_reports");

            migrationBuilder.AddColumn<string>(
                name: "answer",
                table: "exception_reports",
                type: "TEXT",
                maxLength: 4000,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "body_id",
                table: "exception_reports",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "cause",
                table: "exception_reports",
                type: "TEXT",
                maxLength: 32,
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "closed_at",
                table: "exception_reports",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "closed_reason",
                table: "exception_reports",
                type: "TEXT",
                maxLength: 4000,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "kind",
                table: "exception_reports",
                type: "TEXT",
                maxLength: 16,
                nullable: false,
                defaultValue: "performance");

            migrationBuilder.AddColumn<string>(
                name: "question",
                table: "exception_reports",
                type: "TEXT",
                maxLength: 4000,
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "raised_at",
                table: "exception_reports",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "return_id",
                table: "exception_reports",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "state",
                table: "exception_reports",
                type: "TEXT",
                maxLength: 16,
                nullable: false,
                defaultValue: "required");

            migrationBuilder.AddColumn<int>(
                name: "chair_id",
                table: "bodies",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "secretary_id",
                table: "bodies",
                type: "INTEGER",
                nullable: true);

            // Exception reports written before their life was recorded: submitted with their return, or drafted; raised when last written.
            migrationBuilder.Sql(
                "UPDATE exception_reports SET raised_at = updated_at, state = CASE WHEN EXISTS (SELECT 1 FROM return_lines l JOIN returns r ON r.id = l.return_id "
                + "WHERE l.indicator_id = exception_reports.indicator_id AND l.area_id = exception_reports.area_id AND r.period = exception_reports.period "
                + "AND r.state IN ('submitted', 'quality_assured', 'signed_off')) THEN 'submitted' ELSE 'drafted' END;");

            migrationBuilder.CreateTable(
                name: "action_plans",
                columns: table => new
                {
                    id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    indicator_id = table.Column<int>(type: "INTEGER", nullable: false),
                    area_id = table.Column<int>(type: "INTEGER", nullable: false),
                    period = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    title = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    state = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    agreed_with = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    created_at = table.Column<long>(type: "INTEGER", nullable: false),
                    created_by_id = table.Column<int>(type: "INTEGER", nullable: true),
                    agreed_at = table.Column<long>(type: "INTEGER", nullable: true),
                    agreed_by_id = table.Column<int>(type: "INTEGER", nullable: true),
                    agreed_by = table.Column<string>(type: "TEXT", maxLength: 300, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_action_plans", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "escalations",
                columns: table => new
                {
                    id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    indicator_id = table.Column<int>(type: "INTEGER", nullable: false),
                    area_id = table.Column<int>(type: "INTEGER", nullable: false),
                    period = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    issue = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    level = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    body_id = table.Column<int>(type: "INTEGER", nullable: true),
                    state = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    raised_at = table.Column<long>(type: "INTEGER", nullable: false),
                    raised_by_id = table.Column<int>(type: "INTEGER", nullable: true),
                    raised_by = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    resolved_at = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_escalations", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "exception_steps",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    exception_report_id = table.Column<int>(type: "INTEGER", nullable: false),
                    at = table.Column<long>(type: "INTEGER", nullable: false),
                    action = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    from = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    to = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    person_id = table.Column<int>(type: "INTEGER", nullable: true),
                    who = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    body_id = table.Column<int>(type: "INTEGER", nullable: true),
                    text = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_exception_steps", x => x.id);
                    table.ForeignKey(
                        name: "fk_exception_steps_exception_reports_exception_report_id",
                        column: x => x.exception_report_id,
                        principalTable: "exception_reports",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ladder_changes",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    indicator_id = table.Column<int>(type: "INTEGER", nullable: false),
                    area_id = table.Column<int>(type: "INTEGER", nullable: false),
                    period = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    from_stage = table.Column<int>(type: "INTEGER", nullable: false),
                    to_stage = table.Column<int>(type: "INTEGER", nullable: false),
                    computed_stage = table.Column<int>(type: "INTEGER", nullable: false),
                    manual_stage = table.Column<int>(type: "INTEGER", nullable: false),
                    movement = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    reason = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    recorded_at = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_ladder_changes", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "ladder_triggers",
                columns: table => new
                {
                    id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    indicator_id = table.Column<int>(type: "INTEGER", nullable: false),
                    area_id = table.Column<int>(type: "INTEGER", nullable: false),
                    stage = table.Column<int>(type: "INTEGER", nullable: false),
                    from_period = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    reason = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    evidence = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    raised_at = table.Column<long>(type: "INTEGER", nullable: false),
                    raised_by_id = table.Column<int>(type: "INTEGER", nullable: true),
                    raised_by = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    cleared_in_period = table.Column<string>(type: "TEXT", maxLength: 16, nullable: true),
                    cleared_at = table.Column<long>(type: "INTEGER", nullable: true),
                    cleared_by_id = table.Column<int>(type: "INTEGER", nullable: true),
                    cleared_by = table.Column<string>(type: "TEXT", maxLength: 300, nullable: true),
                    clear_reason = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_ladder_triggers", x => x.id);
                    table.CheckConstraint("ck_ladder_triggers_stage", "stage BETWEEN 1 AND 3");
                });

            migrationBuilder.CreateTable(
                name: "notices",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    person_id = table.Column<int>(type: "INTEGER", nullable: false),
                    kind = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    subject = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    text = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    link = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    key = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    created_at = table.Column<long>(type: "INTEGER", nullable: false),
                    mailed_at = table.Column<long>(type: "INTEGER", nullable: true),
                    done_at = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_notices", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "report_requests",
                columns: table => new
                {
                    id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    indicator_id = table.Column<int>(type: "INTEGER", nullable: false),
                    area_id = table.Column<int>(type: "INTEGER", nullable: false),
                    period = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    state = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    request = table.Column<string>(type: "TEXT", maxLength: 8000, nullable: false),
                    owner_id = table.Column<int>(type: "INTEGER", nullable: false),
                    due_on = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    requested_at = table.Column<long>(type: "INTEGER", nullable: false),
                    requested_by_id = table.Column<int>(type: "INTEGER", nullable: true),
                    requested_by = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    causes = table.Column<string>(type: "TEXT", maxLength: 8000, nullable: true),
                    options = table.Column<string>(type: "TEXT", maxLength: 8000, nullable: true),
                    document_name = table.Column<string>(type: "TEXT", maxLength: 255, nullable: true),
                    document_type = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    document = table.Column<byte[]>(type: "BLOB", nullable: true),
                    answered_at = table.Column<long>(type: "INTEGER", nullable: true),
                    answered_by_id = table.Column<int>(type: "INTEGER", nullable: true),
                    considered_at = table.Column<long>(type: "INTEGER", nullable: true),
                    considered_by_id = table.Column<int>(type: "INTEGER", nullable: true),
                    decision = table.Column<string>(type: "TEXT", maxLength: 8000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_report_requests", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "actions",
                columns: table => new
                {
                    id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    action_plan_id = table.Column<int>(type: "INTEGER", nullable: true),
                    indicator_id = table.Column<int>(type: "INTEGER", nullable: true),
                    area_id = table.Column<int>(type: "INTEGER", nullable: true),
                    period = table.Column<string>(type: "TEXT", maxLength: 16, nullable: true),
                    stage = table.Column<int>(type: "INTEGER", nullable: true),
                    what = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    how = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    owner_id = table.Column<int>(type: "INTEGER", nullable: true),
                    who = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    due_on = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    priority = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    status = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    percent_complete = table.Column<int>(type: "INTEGER", nullable: false),
                    created_at = table.Column<long>(type: "INTEGER", nullable: false),
                    created_by_id = table.Column<int>(type: "INTEGER", nullable: true),
                    updated_at = table.Column<long>(type: "INTEGER", nullable: false),
                    updated_by_id = table.Column<int>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_actions", x => x.id);
                    table.CheckConstraint("ck_actions_percent_complete", "percent_complete BETWEEN 0 AND 100");
                    table.ForeignKey(
                        name: "fk_actions_action_plans_action_plan_id",
                        column: x => x.action_plan_id,
                        principalTable: "action_plans",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "escalation_steps",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    escalation_id = table.Column<int>(type: "INTEGER", nullable: false),
                    from = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    to = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    to_body_id = table.Column<int>(type: "INTEGER", nullable: true),
                    resolved = table.Column<bool>(type: "INTEGER", nullable: false),
                    decision = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    decided_on = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    at = table.Column<long>(type: "INTEGER", nullable: false),
                    person_id = table.Column<int>(type: "INTEGER", nullable: true),
                    who = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_escalation_steps", x => x.id);
                    table.ForeignKey(
                        name: "fk_escalation_steps_escalations_escalation_id",
                        column: x => x.escalation_id,
                        principalTable: "escalations",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "action_milestones",
                columns: table => new
                {
                    id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    action_id = table.Column<int>(type: "INTEGER", nullable: false),
                    name = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    due_on = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    done_on = table.Column<DateOnly>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_action_milestones", x => x.id);
                    table.ForeignKey(
                        name: "fk_action_milestones_actions_action_id",
                        column: x => x.action_id,
                        principalTable: "actions",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_exception_reports_indicator_id_area_id_period_kind",
                table: "exception_reports",
                columns: new[] { "indicator_id", "area_id", "period", "kind" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_exception_reports_state_body_id",
                table: "exception_reports",
                columns: new[] { "state", "body_id" });

            migrationBuilder.CreateIndex(
                name: "ix_action_milestones_action_id",
                table: "action_milestones",
                column: "action_id");

            migrationBuilder.CreateIndex(
                name: "ix_action_plans_indicator_id_area_id",
                table: "action_plans",
                columns: new[] { "indicator_id", "area_id" });

            migrationBuilder.CreateIndex(
                name: "ix_actions_action_plan_id",
                table: "actions",
                column: "action_plan_id");

            migrationBuilder.CreateIndex(
                name: "ix_actions_indicator_id_area_id",
                table: "actions",
                columns: new[] { "indicator_id", "area_id" });

            migrationBuilder.CreateIndex(
                name: "ix_escalation_steps_escalation_id",
                table: "escalation_steps",
                column: "escalation_id");

            migrationBuilder.CreateIndex(
                name: "ix_escalations_indicator_id_area_id",
                table: "escalations",
                columns: new[] { "indicator_id", "area_id" });

            migrationBuilder.CreateIndex(
                name: "ix_exception_steps_exception_report_id",
                table: "exception_steps",
                column: "exception_report_id");

            migrationBuilder.CreateIndex(
                name: "ix_ladder_changes_indicator_id_area_id_period",
                table: "ladder_changes",
                columns: new[] { "indicator_id", "area_id", "period" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_ladder_triggers_indicator_id_area_id",
                table: "ladder_triggers",
                columns: new[] { "indicator_id", "area_id" });

            migrationBuilder.CreateIndex(
                name: "ix_notices_key",
                table: "notices",
                column: "key",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_notices_mailed_at",
                table: "notices",
                column: "mailed_at");

            migrationBuilder.CreateIndex(
                name: "ix_notices_person_id_done_at",
                table: "notices",
                columns: new[] { "person_id", "done_at" });

            migrationBuilder.CreateIndex(
                name: "ix_report_requests_indicator_id_area_id",
                table: "report_requests",
                columns: new[] { "indicator_id", "area_id" });

            migrationBuilder.CreateIndex(
                name: "ix_report_requests_owner_id_state",
                table: "report_requests",
                columns: new[] { "owner_id", "state" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "action_milestones");

            migrationBuilder.DropTable(
                name: "escalation_steps");

            migrationBuilder.DropTable(
                name: "exception_steps");

            migrationBuilder.DropTable(
                name: "ladder_changes");

            migrationBuilder.DropTable(
                name: "ladder_triggers");

            migrationBuilder.DropTable(
                name: "notices");

            migrationBuilder.DropTable(
                name: "report_requests");

            migrationBuilder.DropTable(
                name: "actions");

            migrationBuilder.DropTable(
                name: "escalations");

            migrationBuilder.DropTable(
                name: "action_plans");

            migrationBuilder.DropIndex(
                name: "ix_exception_reports_indicator_id_area_id_period_kind",
                table: "exception_reports");

            migrationBuilder.DropIndex(
                name: "ix_exception_reports_state_body_id",
                table: "exception_reports");

            migrationBuilder.DropColumn(
                name: "answer",
                table: "exception_reports");

            migrationBuilder.DropColumn(
                name: "body_id",
                table: "exception_reports");

            migrationBuilder.DropColumn(
                name: "cause",
                table: "exception_reports");

            migrationBuilder.DropColumn(
                name: "closed_at",
                table: "exception_reports");

            migrationBuilder.DropColumn(
                name: "closed_reason",
                table: "exception_reports");

            migrationBuilder.DropColumn(
                name: "kind",
                table: "exception_reports");

            migrationBuilder.DropColumn(
                name: "question",
                table: "exception_reports");

            migrationBuilder.DropColumn(
                name: "raised_at",
                table: "exception_reports");

            migrationBuilder.DropColumn(
                name: "return_id",
                table: "exception_reports");

            migrationBuilder.DropColumn(
                name: "state",
                table: "exception_reports");

            migrationBuilder.DropColumn(
                name: "chair_id",
                table: "bodies");

            migrationBuilder.DropColumn(
                name: "secretary_id",
                table: "bodies");

            migrationBuilder.CreateIndex(
                name: "ix_exception_reports_indicator_id_area_id_period",
                table: "exception_reports",
                columns: new[] { "indicator_id", "area_id", "period" },
                unique: true);
        }
    }
}
