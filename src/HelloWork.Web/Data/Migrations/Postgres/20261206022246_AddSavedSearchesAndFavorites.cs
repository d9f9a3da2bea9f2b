using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace HelloWork.Web.Data.Migrations.Postgres
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
                    SeekerId = table.Column<Guid>(type: "uuid", nullable: false),
                    JobId = table.Column<long>(type: "bigint", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
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
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    SeekerId = table.Column<Guid>(type: "uuid", nullable: false),
                    Name = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    Query = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    AnyPlace = table.Column<bool>(type: "boolean", nullable: false),
                    Schedule = table.Column<int>(type: "integer", nullable: true),
                    OccupationGroup = table.Column<string>(type: "character varying(2)", maxLength: 2, nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    LastRunAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    NewMatches = table.Column<int>(type: "integer", nullable: false)
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
                    SavedSearchId = table.Column<long>(type: "bigint", nullable: false),
                    PrefectureCode = table.Column<string>(type: "character varying(2)", maxLength: 2, nullable: false)
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
