using IntegrationHub.Labor;
using IntegrationHub.Labor.Worker;

namespace IntegrationHub.Tests.Labor.Worker;

public sealed class LinkingBacklogTests
{
    [Fact]
    public async Task ShouldWaitAsync_LargeLoadUnlinked_WaitsUntilTheLimitThenWorks()
    {
        await using var dataSource = NpgsqlDataSource.Create(await TestDatabase.CreateMigratedAsync("backlog_limit"));
        await AddBatchAsync(dataSource, "big", stored: 50_000, linked: 10_000);
        var clock = new ManualTimeProvider();
        var backlog = new LinkingBacklog(dataSource, Options.Create(new LaborOptions { MaxWaitForLinking = TimeSpan.FromMinutes(5) }), clock);

        var first = await backlog.ShouldWaitAsync(Token);
        clock.Advance(TimeSpan.FromMinutes(4));
        var stillWithinLimit = await backlog.ShouldWaitAsync(Token);
        clock.Advance(TimeSpan.FromMinutes(2));
        var pastLimit = await backlog.ShouldWaitAsync(Token);

        Assert.True(first);
        Assert.True(stillWithinLimit);
        Assert.False(pastLimit);
    }

    [Fact]
    public async Task ShouldWaitAsync_BacklogUnderTheThreshold_DoesNotWait()
    {
        await using var dataSource = NpgsqlDataSource.Create(await TestDatabase.CreateMigratedAsync("backlog_small"));
        await AddBatchAsync(dataSource, "a", stored: 6_000, linked: 0);
        await AddBatchAsync(dataSource, "b", stored: 4_000, linked: 0);
        var backlog = new LinkingBacklog(dataSource, Options.Create(new LaborOptions()), new ManualTimeProvider());

        Assert.False(await backlog.ShouldWaitAsync(Token));

        await AddBatchAsync(dataSource, "c", stored: 1, linked: 0);
        Assert.True(await backlog.ShouldWaitAsync(Token));
    }

    [Fact]
    public async Task ShouldWaitAsync_LoadLinkedAfterAWait_StartsTheLimitAfreshForTheNextLoad()
    {
        await using var dataSource = NpgsqlDataSource.Create(await TestDatabase.CreateMigratedAsync("backlog_again"));
        await AddBatchAsync(dataSource, "first", stored: 20_000, linked: 0);
        var clock = new ManualTimeProvider();
        var backlog = new LinkingBacklog(dataSource, Options.Create(new LaborOptions()), clock);
        Assert.True(await backlog.ShouldWaitAsync(Token));
        clock.Advance(TimeSpan.FromMinutes(4));
        await using (var linked = dataSource.CreateCommand("UPDATE intake_batch SET linked_through = stored_through"))
        {
            await linked.ExecuteNonQueryAsync(Token);
        }

        Assert.False(await backlog.ShouldWaitAsync(Token));
        await AddBatchAsync(dataSource, "second", stored: 20_000, linked: 0);
        clock.Advance(TimeSpan.FromMinutes(4));

        Assert.True(await backlog.ShouldWaitAsync(Token));
    }

    private static async Task AddBatchAsync(NpgsqlDataSource dataSource, string batchId, int stored, int linked)
    {
        await using var command = dataSource.CreateCommand("""
            INSERT INTO intake_batch (department, batch_id, feed, schema_version, region, extracted_at, format, channel, submitted_by,
                                      started_at, stored_through, linked_through)
            VALUES ('tax', $1, 'wage-withholding', '1', '500000', now(), 'ndjson', 'http', 'tax', now(), $2, $3)
            """);
        command.Parameters.AddWithValue(batchId);
        command.Parameters.AddWithValue(stored);
        command.Parameters.AddWithValue(linked);
        await command.ExecuteNonQueryAsync(Token);
    }
}
