using HelloWork.Web.Data;
using HelloWork.Web.Features.Offices;

namespace HelloWork.Tests.Features.Offices;

/// <summary>JOB-1: a job number's serial never repeats, even when many acceptances race.</summary>
public abstract class JobSerialTests(DatabaseProvider provider)
{
    [Fact, Trait("Rule", "JOB-1")]
    public async Task Serials_taken_at_the_same_moment_by_many_connections_are_all_different_and_leave_no_gap()
    {
        var options = new DatabaseOptions
        {
            Provider = provider,
            ConnectionString = provider == DatabaseProvider.Postgres
                ? await TestServices.CreatePostgresDatabaseAsync()
                : DataSetup.ResolveSqlitePath($"Data Source={Path.Combine(TestServices.ArtifactsDirectory, $"serials-{Guid.NewGuid():N}.db")}", "/"),
        };
        int officeId;
        await using (var db = DataSetup.Open(options))
        {
            await Schema.MigrateAsync(db);
            var office = Office.Create("13010", "飯田橋公共職業安定所", "Iidabashi", "13");
            db.Add(office);
            await db.SaveChangesAsync();
            officeId = office.Id;
        }

        var serials = await Task.WhenAll(Enumerable.Range(0, 24).Select(async _ =>
        {
            await using var db = DataSetup.Open(options);
            return await JobSerials.TakeAsync(db, officeId, CancellationToken.None);
        }));

        Assert.Equal(Enumerable.Range(1, 24).Select(i => (long)i), serials.Order());
    }
}

public sealed class JobSerialTestsOnSqlite() : JobSerialTests(DatabaseProvider.Sqlite);

public sealed class JobSerialTestsOnPostgres() : JobSerialTests(DatabaseProvider.Postgres);
