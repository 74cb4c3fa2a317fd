using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace GoldenThread.Storage.Migrations.Postgres
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
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    return_id = table.Column<int>(type: "integer", nullable: false),
                    kind = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    occasion = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    unique_key = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    person_id = table.Column<int>(type: "integer", nullable: true),
                    recipients = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    sent_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    job_id = table.Column<long>(type: "bigint", nullable: true)
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
