namespace IntegrationHub.Tests.Identity.Linking.Setwise;

/// <summary>The hub killed (SIGKILL) while it links a large batch set-wise, then started again.</summary>
public sealed class SetwiseCrashTests
{
    private const int Records = 40_000;

    private static readonly Dictionary<string, string> Setwise = new()
    {
        ["Identity:SetwiseThreshold"] = "1000",
        ["Identity:SetwiseSegmentSize"] = "8000",
    };

    [Fact]
    public async Task LinkRecords_HubKilledMidSetwiseLink_RestartCompletesItAndLinksNothingTwice()
    {
        var (connectionString, token) = await TestDatabase.CreateMigratedWithTokenAsync("setwise_crash", "tax");
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        var numbers = Enumerable.Range(0, Records).Select(i => TaxRecords.IdNumber(i % 30_000)).ToArray();
        var batch = TaxRecords.Ndjson("setwise-crash", numbers.Select((id, i) => TaxRecords.Record($"sc-{i}", id)).ToArray());
        using (var intake = await HandlerProcess.StartAsync(connectionString))
        {
            await intake.SendNdjsonAsync("tax", "wage-withholding", token, batch);
        }

        using (var linker = await HandlerProcess.StartAsync(connectionString, timers: true, Setwise))
        {
            // Killed once a segment has committed and the next one is under way (its staging table exists).
            await WaitForAsync(dataSource, """
                SELECT count(*) FROM intake_batch b, pg_stat_activity a
                WHERE b.batch_id = 'setwise-crash' AND b.linked_through > 0 AND b.linked_through < b.stored_through
                  AND a.datname = current_database() AND a.pid <> pg_backend_pid() AND a.xact_start IS NOT NULL
                  AND a.query ~ 'link_(stage|fold|person)'
                """);
            linker.Kill();
        }

        var cursor = await dataSource.CountAsync("SELECT linked_through FROM intake_batch WHERE batch_id = 'setwise-crash'");
        Assert.InRange(cursor, 1, Records);
        Assert.Equal(cursor - 1, await dataSource.CountAsync("SELECT count(*) FROM person_link"));

        using (await HandlerProcess.StartAsync(connectionString, timers: true, Setwise))
        {
            await WaitForAsync(dataSource, "SELECT count(*) FROM intake_batch WHERE batch_id = 'setwise-crash' AND linked_through = stored_through");
        }

        var persons = numbers.Distinct().Count();
        Assert.Equal(Records, await dataSource.CountAsync("SELECT count(*) FROM person_link"));
        Assert.Equal(Records, await dataSource.CountAsync("SELECT count(DISTINCT record_id) FROM person_link"));
        Assert.Equal(persons, await dataSource.CountAsync("SELECT count(*) FROM person"));
        Assert.Equal(persons, await dataSource.CountAsync("SELECT count(DISTINCT person_id) FROM person_link"));
        Assert.Equal(0, await dataSource.CountAsync("""
            SELECT count(*) FROM (SELECT subject FROM event_outbox WHERE type = 'cn.gov.hrss.hub.person.created.v1'
                                  GROUP BY subject HAVING count(*) > 1) twice
            """));
        Assert.Equal(persons, await dataSource.CountAsync("SELECT count(*) FROM event_outbox WHERE type = 'cn.gov.hrss.hub.person.created.v1'"));
        await dataSource.SealEverythingAsync();
        Assert.True(await dataSource.CountAsync("SELECT count(*) FROM audit_seal") > 0);
        Assert.Null(await AuditLog.VerifyAsync(dataSource, CancellationToken.None));
    }

    private static async Task WaitForAsync(NpgsqlDataSource dataSource, string sql)
    {
        var deadline = DateTime.UtcNow.AddSeconds(180);
        while (await dataSource.CountAsync(sql) == 0)
        {
            Assert.True(DateTime.UtcNow < deadline, $"not reached within 180 s: {sql}");
            await Task.Delay(20);
        }
    }
}
