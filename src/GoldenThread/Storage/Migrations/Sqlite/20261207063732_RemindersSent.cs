using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace GoldenThread.Storage.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class RemindersSent : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "reminders_sent",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    return_id = table.Column<int>(type: "INTEGER", nullable: false),
                    kind = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    occasion = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    unique_key = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    person_id = table.Column<int>(type: "INTEGER", nullable: true),
                    recipients = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    sent_at = table.Column<long>(type: "INTEGER", nullable: false),
                    job_id = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_reminders_sent", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_reminders_sent_return_id",
                table: "reminders_sent",
                column: "return_id");

            migrationBuilder.CreateIndex(
                name: "ix_reminders_sent_unique_key",
                table: "reminders_sent",
                column: "unique_key",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "reminders_sent");
        }
    }
}
