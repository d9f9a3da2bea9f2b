using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace HelloWork.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class AddOutboxListUnsubscribe : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "ListUnsubscribe",
                table: "OutboxMails",
                type: "TEXT",
                maxLength: 500,
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "ListUnsubscribe",
                table: "OutboxMails");
        }
    }
}
