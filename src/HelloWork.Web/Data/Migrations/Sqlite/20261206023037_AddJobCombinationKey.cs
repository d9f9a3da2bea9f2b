using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace HelloWork.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class AddJobCombinationKey : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "CombinationKey",
                table: "Jobs",
                type: "TEXT",
                maxLength: 250,
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_Jobs_OneJobPerCombination",
                table: "Jobs",
                columns: new[] { "EstablishmentId", "CombinationKey" },
                unique: true,
                filter: "\"CombinationKey\" IS NOT NULL AND \"Status\" IN (1, 2, 4, 5)");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Jobs_OneJobPerCombination",
                table: "Jobs");

            migrationBuilder.DropColumn(
                name: "CombinationKey",
                table: "Jobs");
        }
    }
}
