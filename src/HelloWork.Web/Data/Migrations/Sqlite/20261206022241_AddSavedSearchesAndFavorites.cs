using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace HelloWork.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class AddSavedSearchesAndFavorites : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "Favorites",
                columns: table => new
                {
                    SeekerId = table.Column<Guid>(type: "TEXT", nullable: false),
                    JobId = table.Column<long>(type: "INTEGER", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Favorites", x => new { x.SeekerId, x.JobId });
                    table.ForeignKey(
                        name: "FK_Favorites_AspNetUsers_SeekerId",
                        column: x => x.SeekerId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_Favorites_Jobs_JobId",
                        column: x => x.JobId,
                        principalTable: "Jobs",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "SavedSearches",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    SeekerId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 50, nullable: false),
                    Query = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    AnyPlace = table.Column<bool>(type: "INTEGER", nullable: false),
                    Schedule = table.Column<int>(type: "INTEGER", nullable: true),
                    OccupationGroup = table.Column<string>(type: "TEXT", maxLength: 2, nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    LastRunAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    NewMatches = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SavedSearches", x => x.Id);
                    table.ForeignKey(
                        name: "FK_SavedSearches_AspNetUsers_SeekerId",
                        column: x => x.SeekerId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "SavedSearchPrefectures",
                columns: table => new
                {
                    SavedSearchId = table.Column<long>(type: "INTEGER", nullable: false),
                    PrefectureCode = table.Column<string>(type: "TEXT", maxLength: 2, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SavedSearchPrefectures", x => new { x.PrefectureCode, x.SavedSearchId });
                    table.ForeignKey(
                        name: "FK_SavedSearchPrefectures_SavedSearches_SavedSearchId",
                        column: x => x.SavedSearchId,
                        principalTable: "SavedSearches",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Favorites_JobId",
                table: "Favorites",
                column: "JobId");

            migrationBuilder.CreateIndex(
                name: "IX_Favorites_SeekerId_CreatedAt",
                table: "Favorites",
                columns: new[] { "SeekerId", "CreatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_SavedSearches_AnyPlace",
                table: "SavedSearches",
                column: "AnyPlace");

            migrationBuilder.CreateIndex(
                name: "IX_SavedSearches_SeekerId_Id",
                table: "SavedSearches",
                columns: new[] { "SeekerId", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_SavedSearches_SeekerId_Query",
                table: "SavedSearches",
                columns: new[] { "SeekerId", "Query" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_SavedSearchPrefectures_SavedSearchId",
                table: "SavedSearchPrefectures",
                column: "SavedSearchId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "Favorites");

            migrationBuilder.DropTable(
                name: "SavedSearchPrefectures");

            migrationBuilder.DropTable(
                name: "SavedSearches");
        }
    }
}
