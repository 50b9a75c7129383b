namespace IntegrationHub.Tests.Identity;

/// <summary>Two hub processes on one database, each running its own linking timer over overlapping batches.</summary>
public sealed class TwoHubsLinkingTests
{
    [Fact]
    public async Task LinkRecords_TwoHubProcessesAtOnce_OnePersonPerNumberAndNoLinkLostOrDoubled()
    {
        var (connectionString, token) = await TestDatabase.CreateMigratedWithTokenAsync("two_hubs", "tax");
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
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

    [Fact]
    public async Task SubmitFeed_TwoHubProcessesLinkingSmallBatchesOnArrival_OnePersonPerNumberAndNoLinkLostOrDoubled()
    {
        var (connectionString, token) = await TestDatabase.CreateMigratedWithTokenAsync("two_hubs_arrival", "tax");
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        var ids = Enumerable.Range(1200, 120).Select(TaxRecords.IdNumber).ToArray();
        var arrival = new Dictionary<string, string> { ["Identity:InlineMaxRecords"] = "100" };

        using var first = await HandlerProcess.StartAsync(connectionString, timers: true, settings: arrival);
        using var second = await HandlerProcess.StartAsync(connectionString, timers: true, settings: arrival);
        // Batches of three numbers, the two hubs walking the numbers in opposite directions, several requests in flight each.
        await Task.WhenAll(
            SendAllAsync(first, token, "arr-a", ids),
            SendAllAsync(second, token, "arr-b", ids.Reverse().ToArray()));
        await WaitAsync(dataSource);

        Assert.Equal(120, await dataSource.CountAsync("SELECT count(*) FROM person"));
        Assert.Equal(240, await dataSource.CountAsync("SELECT count(*) FROM person_link"));
        Assert.Equal(120, await dataSource.CountAsync("SELECT count(DISTINCT person_id) FROM person_link"));
        Assert.True(await dataSource.CountAsync("SELECT count(*) FROM audit_log WHERE detail->>'path' = 'arrival'") > 0);
    }

    private static async Task SendAllAsync(HandlerProcess hub, string token, string prefix, string[] ids)
    {
        var batches = ids.Chunk(3).Select((chunk, b) => TaxRecords.Ndjson($"{prefix}-{b}",
            chunk.Select((id, i) => TaxRecords.Record($"{prefix}-{b}-{i}", id)).ToArray())).ToArray();
        using var slots = new SemaphoreSlim(4);
        await Task.WhenAll(batches.Select(async body =>
        {
            await slots.WaitAsync();
            try
            {
                await hub.SendNdjsonAsync("tax", "wage-withholding", token, body);
            }
            finally
            {
                slots.Release();
            }
        }));
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
