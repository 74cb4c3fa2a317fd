using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace GoldenThread.Storage.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class AuditImportChanges : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "import_changes",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    audit_entry_id = table.Column<long>(type: "INTEGER", nullable: false),
                    figure = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    area_code = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    indicator_code = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    period = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    old_value = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    new_value = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_import_changes", x => x.id);
                    table.ForeignKey(
                        name: "fk_import_changes_audit_entries_audit_entry_id",
                        column: x => x.audit_entry_id,
                        principalTable: "audit_entries",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "ix_import_changes_audit_entry_id",
                table: "import_changes",
                column: "audit_entry_id");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "import_changes");
        }
    }
}
