using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace HelloWork.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class CountGuesses : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "NormalizedTo",
                table: "OutboxMails",
                type: "TEXT",
                maxLength: 256,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<int>(
                name: "WrongSignInCodes",
                table: "AspNetUsers",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            // Mails queued before: their address in upper case too, so they count for the hourly limit (SEC-5).
            migrationBuilder.Sql("UPDATE \"OutboxMails\" SET \"NormalizedTo\" = UPPER(\"To\");");

            migrationBuilder.CreateIndex(
                name: "IX_OutboxMails_NormalizedTo_Template_CreatedAt",
                table: "OutboxMails",
                columns: new[] { "NormalizedTo", "Template", "CreatedAt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_OutboxMails_NormalizedTo_Template_CreatedAt",
                table: "OutboxMails");

            migrationBuilder.DropColumn(
                name: "NormalizedTo",
                table: "OutboxMails");

            migrationBuilder.DropColumn(
                name: "WrongSignInCodes",
                table: "AspNetUsers");
        }
    }
}
