using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace HelloWork.Web.Data.Migrations.Postgres
{
    /// <summary>
    /// The job search's indexes (JOB-3), all partial on open jobs ("Status" = 2), in raw SQL because
    /// the model cannot say them: a GIN over the job's bigram tokens taken verbatim as lexemes
    /// (array_to_tsvector, no text-search parser in between: 1-character words are prefix queries,
    /// 2-character words one exact lexeme, longer words the AND of their bigrams), the two sort
    /// orders with the id as tie-breaker, and the selective filters. See Features/Jobs/JobSearch.cs.
    /// </summary>
    public partial class AddJobSearchIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""CREATE INDEX "IX_Jobs_Open_Tokens" ON "Jobs" USING gin (array_to_tsvector(string_to_array("SearchTokens", ' '))) WHERE "Status" = 2;""");
            migrationBuilder.Sql("""CREATE INDEX "IX_Jobs_Open_Newest" ON "Jobs" ("AcceptedAt" DESC, "Id" DESC) WHERE "Status" = 2;""");
            migrationBuilder.Sql("""CREATE INDEX "IX_Jobs_Open_Deadline" ON "Jobs" ("ReferralDeadline", "Id") WHERE "Status" = 2;""");
            migrationBuilder.Sql("""CREATE INDEX "IX_Jobs_Open_Prefecture" ON "Jobs" ("PrefectureCode", "AcceptedAt" DESC, "Id" DESC) WHERE "Status" = 2;""");
            migrationBuilder.Sql("""CREATE INDEX "IX_Jobs_Open_City" ON "Jobs" ("CityCode", "AcceptedAt" DESC, "Id" DESC) WHERE "Status" = 2;""");
            migrationBuilder.Sql("""CREATE INDEX "IX_Jobs_Open_Occupation" ON "Jobs" ("OccupationCode", "AcceptedAt" DESC, "Id" DESC) WHERE "Status" = 2;""");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            foreach (var name in new[] { "Tokens", "Newest", "Deadline", "Prefecture", "City", "Occupation" })
            {
                migrationBuilder.Sql($"""DROP INDEX IF EXISTS "IX_Jobs_Open_{name}";""");
            }
        }
    }
}
