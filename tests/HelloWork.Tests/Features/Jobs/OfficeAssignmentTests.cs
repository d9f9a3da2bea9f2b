using System.Net;
using HelloWork.Web.Features.Accounts;
using HelloWork.Web.Features.Offices;
using Microsoft.EntityFrameworkCore;
using static HelloWork.Tests.Features.Jobs.JobFiling;

namespace HelloWork.Tests.Features.Jobs;

public abstract class OfficeAssignmentTests(JobsApp app)
{
    private async Task<Establishment> CreateEstablishmentAsync(string prefecture)
    {
        var (user, client) = await app.SignedInAsync(UserKind.Employer);
        var number = $"7{Random.Shared.Next(100, 999)}-{Random.Shared.Next(100000, 999999)}-1";
        using var response = await client.PostFormAsync("/employer/establishment/create",
            [new("Number", number), new("Name", "株式会社エリア"), new("Prefecture", prefecture), new("City", "どこか市")], formPage: "/employer/establishment", htmx: false);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return await app.WithDbAsync(db => db.Set<Establishment>().SingleAsync(e => e.Number == number));
    }

    [Fact, Trait("Rule", "ACC-11")]
    public async Task A_new_establishment_belongs_to_the_main_office_of_its_prefecture()
    {
        var office = Office.Create("47" + Random.Shared.Next(100, 999), "那覇公共職業安定所", "Naha", "47");
        await app.WithDbAsync(async db => { db.Add(office); await db.SaveChangesAsync(); });
        var expected = await app.WithDbAsync(db => db.Set<Office>().Where(o => o.PrefectureCode == "47").OrderBy(o => o.Code).Select(o => o.Id).FirstAsync());

        var establishment = await CreateEstablishmentAsync("沖縄県");

        Assert.Equal(expected, establishment.OfficeId);
    }

    [Fact, Trait("Rule", "ACC-11")]
    public async Task A_prefecture_without_an_office_falls_to_the_office_with_the_lowest_code()
    {
        await OfficeAsync(app);
        var lowest = await app.WithDbAsync(db => db.Set<Office>().OrderBy(o => o.Code).Select(o => o.Id).FirstAsync());
        Assert.False(await app.WithDbAsync(db => db.Set<Office>().AnyAsync(o => o.PrefectureCode == "46")));

        var establishment = await CreateEstablishmentAsync("鹿児島県");

        Assert.Equal(lowest, establishment.OfficeId);
    }

    [Fact, Trait("Rule", "ACC-11")]
    public async Task The_office_of_a_prefecture_is_found_by_its_code_or_its_name_as_a_registration_writes_it()
    {
        var office = Office.Create("45" + Random.Shared.Next(100, 999), "宮崎公共職業安定所", "Miyazaki", "45");
        await app.WithDbAsync(async db => { db.Add(office); await db.SaveChangesAsync(); });
        var expected = await app.WithDbAsync(db => db.Set<Office>().Where(o => o.PrefectureCode == "45").OrderBy(o => o.Code).Select(o => o.Id).FirstAsync());

        foreach (var written in new[] { "45", "宮崎県", "宮崎" })
        {
            Assert.Equal(expected, (await app.WithDbAsync(db => OfficeAssignment.ForPrefectureAsync(db, written, default)))?.Id);
        }
    }
}

public sealed class OfficeAssignmentTestsOnSqlite(JobsSqliteApp app) : OfficeAssignmentTests(app), IClassFixture<JobsSqliteApp>;

public sealed class OfficeAssignmentTestsOnPostgres(JobsPostgresApp app) : OfficeAssignmentTests(app), IClassFixture<JobsPostgresApp>;
