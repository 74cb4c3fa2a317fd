using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace GoldenThread.Storage.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class TimetablePattern : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "timetable_pattern",
                columns: table => new
                {
                    milestone = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    start_offset = table.Column<int>(type: "integer", nullable: true),
                    end_offset = table.Column<int>(type: "integer", nullable: false),
                    quarters = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_timetable_pattern", x => x.milestone);
                });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "timetable_pattern");
        }
    }
}
