using IntegrationHub.Platform.Credentials;
using IntegrationHub.Tests.Infrastructure;
using Npgsql;

namespace IntegrationHub.Tests.Identity;

/// <summary>Two hub processes on one database, each running its own linking timer over overlapping batches.</summary>
public sealed class TwoHubsLinkingTests
{
    [Fact]
    public async Task LinkRecords_TwoHubProcessesAtOnce_OnePersonPerNumberAndNoLinkLostOrDoubled()
    {
        var connectionString = await TestDatabase.CreateMigratedAsync("two_hubs");
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        var token = BearerToken.Create();
        await new CredentialStore(dataSource, TimeProvider.System).IssueAsync("tax", PrincipalKind.Department, token, CancellationToken.None);
        var ids = Enumerable.Range(900, 300).Select(TaxRecords.IdNumber).ToArray();

        using var first = await HandlerProcess.StartAsync(connectionString, timers: true);
        using var second = await HandlerProcess.StartAsync(connectionString, timers: true);
        await Task.WhenAll(
            first.SendNdjsonAsync("tax", "wage-withholding", token, TaxRecords.Ndjson("two-a", ids.Select((id, i) => TaxRecords.Record($"ta-{i}", id)).ToArray())),
            second.SendNdjsonAsync("tax", "wage-withholding", token, TaxRecords.Ndjson("two-b", ids.Reverse().Select((id, i) => TaxRecords.Record($"tb-{i}", id)).ToArray())));
        await WaitAsync(dataSource);

        Assert.Equal(300, await dataSource.CountAsync("SELECT count(*) FROM person"));
        Assert.Equal(600, await dataSource.CountAsync("SELECT count(*) FROM person_link"));
        Assert.Equal(300, await dataSource.CountAsync("SELECT count(DISTINCT person_id) FROM person_link"));
    }

    private static async Task WaitAsync(NpgsqlDataSource dataSource)
    {
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (await dataSource.CountAsync("SELECT count(*) FROM intake_batch WHERE linked_through < stored_through OR completed_at IS NULL") > 0)
        {
            Assert.True(DateTime.UtcNow < deadline, "linking did not finish within 90 s");
            await Task.Delay(200);
        }
    }
}
