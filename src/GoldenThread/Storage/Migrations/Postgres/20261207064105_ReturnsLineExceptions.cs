using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace GoldenThread.Storage.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class ReturnsLineExceptions : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "exception_assurance",
                table: "return_lines",
                type: "character varying(4000)",
                maxLength: 4000,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "exception_cause",
                table: "return_lines",
                type: "character varying(32)",
                maxLength: 32,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "exception_explanation",
                table: "return_lines",
                type: "character varying(4000)",
                maxLength: 4000,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "exception_lead_partners",
                table: "return_lines",
                type: "character varying(4000)",
                maxLength: 4000,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "exception_plans",
                table: "return_lines",
                type: "character varying(4000)",
                maxLength: 4000,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "exception_reason",
                table: "return_lines",
                type: "character varying(4000)",
                maxLength: 4000,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "exception_resources",
                table: "return_lines",
                type: "character varying(4000)",
                maxLength: 4000,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "exception_timescales",
                table: "return_lines",
                type: "character varying(4000)",
                maxLength: 4000,
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "exception_assurance",
                table: "return_lines");

            migrationBuilder.DropColumn(
                name: "exception_cause",
                table: "return_lines");

            migrationBuilder.DropColumn(
                name: "exception_explanation",
                table: "return_lines");

            migrationBuilder.DropColumn(
                name: "exception_lead_partners",
                table: "return_lines");

            migrationBuilder.DropColumn(
                name: "exception_plans",
                table: "return_lines");

            migrationBuilder.DropColumn(
                name: "exception_reason",
                table: "return_lines");

            migrationBuilder.DropColumn(
                name: "exception_resources",
                table: "return_lines");

            migrationBuilder.DropColumn(
                name: "exception_timescales",
                table: "return_lines");
        }
    }
}
