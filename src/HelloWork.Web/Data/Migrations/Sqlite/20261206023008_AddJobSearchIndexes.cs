using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace HelloWork.Web.Data.Migrations.Sqlite
{
    /// <summary>
    /// The job search's indexes (JOB-3) in raw SQL the model cannot say: an FTS5 table over the
    /// jobs' bigram tokens (external content: it reads "Jobs"."SearchTokens", stores only the index;
    /// unicode61 keeps each space-separated token whole, case and diacritics as written), kept in
    /// step by triggers on "Jobs" and rebuilt here from the rows already there; partial indexes on
    /// open jobs for the two sort orders and the selective filters. The deadline order puts jobs
    /// without a deadline last, as an expression SQLite can walk in index order.
    /// A later migration that makes EF rebuild the "Jobs" table on SQLite drops these triggers with
    /// the old table: it must create them again and rebuild "JobTokens" (see JobSearch.cs).
    /// </summary>
    public partial class AddJobSearchIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""CREATE VIRTUAL TABLE "JobTokens" USING fts5("SearchTokens", content='Jobs', content_rowid='Id', tokenize='unicode61 remove_diacritics 0', detail=none, columnsize=0);""");
            migrationBuilder.Sql("""
                CREATE TRIGGER "Jobs_JobTokens_Insert" AFTER INSERT ON "Jobs" BEGIN
                    INSERT INTO "JobTokens"(rowid, "SearchTokens") VALUES (new."Id", new."SearchTokens");
                END;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER "Jobs_JobTokens_Delete" AFTER DELETE ON "Jobs" BEGIN
                    INSERT INTO "JobTokens"("JobTokens", rowid, "SearchTokens") VALUES ('delete', old."Id", old."SearchTokens");
                END;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER "Jobs_JobTokens_Update" AFTER UPDATE OF "SearchTokens" ON "Jobs" BEGIN
                    INSERT INTO "JobTokens"("JobTokens", rowid, "SearchTokens") VALUES ('delete', old."Id", old."SearchTokens");
                    INSERT INTO "JobTokens"(rowid, "SearchTokens") VALUES (new."Id", new."SearchTokens");
                END;
                """);
            migrationBuilder.Sql("""INSERT INTO "JobTokens"("JobTokens") VALUES ('rebuild');""");
            migrationBuilder.Sql("""CREATE INDEX "IX_Jobs_Open_Newest" ON "Jobs" ("AcceptedAt" DESC, "Id" DESC) WHERE "Status" = 2;""");
            migrationBuilder.Sql("""CREATE INDEX "IX_Jobs_Open_Deadline" ON "Jobs" (("ReferralDeadline" IS NULL), "ReferralDeadline", "Id") WHERE "Status" = 2;""");
            migrationBuilder.Sql("""CREATE INDEX "IX_Jobs_Open_Prefecture" ON "Jobs" ("PrefectureCode", "AcceptedAt" DESC, "Id" DESC) WHERE "Status" = 2;""");
            migrationBuilder.Sql("""CREATE INDEX "IX_Jobs_Open_City" ON "Jobs" ("CityCode", "AcceptedAt" DESC, "Id" DESC) WHERE "Status" = 2;""");
            migrationBuilder.Sql("""CREATE INDEX "IX_Jobs_Open_Occupation" ON "Jobs" ("OccupationCode", "AcceptedAt" DESC, "Id" DESC) WHERE "Status" = 2;""");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            foreach (var name in new[] { "Newest", "Deadline", "Prefecture", "City", "Occupation" })
            {
                migrationBuilder.Sql($"""DROP INDEX IF EXISTS "IX_Jobs_Open_{name}";""");
            }
            migrationBuilder.Sql("""DROP TRIGGER IF EXISTS "Jobs_JobTokens_Insert";""");
            migrationBuilder.Sql("""DROP TRIGGER IF EXISTS "Jobs_JobTokens_Delete";""");
            migrationBuilder.Sql("""DROP TRIGGER IF EXISTS "Jobs_JobTokens_Update";""");
            migrationBuilder.Sql("""DROP TABLE IF EXISTS "JobTokens";""");
        }
    }
}
