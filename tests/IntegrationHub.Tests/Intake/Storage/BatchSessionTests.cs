using IntegrationHub.Intake;
using IntegrationHub.Intake.Storage;

namespace IntegrationHub.Tests.Intake.Storage;

public sealed class BatchSessionTests
{
    private const string Feed = "wage-withholding";

    [Fact]
    public async Task WriteChunkAsync_SmallChunksInsertedAndLargeChunksCopied_StoreTheSameRows()
    {
        // Chunks of 5 go in through INSERTs from arrays, chunks of 100 through COPY: the rows must not tell them apart.
        await using var small = await IntakeHarness.StartAsync("chunks_small", new Dictionary<string, string?> { ["Intake:ChunkSize"] = "5" });
        await using var copied = await IntakeHarness.StartAsync("chunks_copied", new Dictionary<string, string?> { ["Intake:ChunkSize"] = "100" });

        foreach (var hub in new[] { small, copied })
        {
            Assert.Equal(200, (await hub.PostNdjsonAsync("tax", Feed, TaxRecords.Ndjson("mixed-1", Lines()))).Status);
            Assert.Equal(200, (await hub.PostNdjsonAsync("tax", Feed, TaxRecords.Ndjson("mixed-2",
                TaxRecords.Record("r-5", TaxRecords.IdNumber(5)), TaxRecords.Record("r-4", TaxRecords.IdNumber(4), band: "C")))).Status);
        }

        var smallRows = await RowsAsync(small.DataSource);
        Assert.Contains("|rejected|", smallRows, StringComparison.Ordinal);
        Assert.Contains("|unchanged|", smallRows, StringComparison.Ordinal);
        Assert.Contains("|accepted|2|", smallRows, StringComparison.Ordinal);
        Assert.Contains("|t|", smallRows, StringComparison.Ordinal);
        Assert.Equal(await RowsAsync(copied.DataSource), smallRows);
    }

    [Fact]
    public async Task CompleteAsync_BatchStoredWhole_ReportedFromMemoryAsTheStoredRowsReportIt()
    {
        // Chunks of 100: each batch is stored whole by the request that completes it and reported from memory. Chunks of 5:
        // the report is read back from the stored lines. Both must say the same, down to the start time's microsecond.
        await using var whole = await IntakeHarness.StartAsync("report_whole", new Dictionary<string, string?> { ["Intake:ChunkSize"] = "100" });
        await using var chunked = await IntakeHarness.StartAsync("report_read", new Dictionary<string, string?> { ["Intake:ChunkSize"] = "5" });
        var small = new[] { TaxRecords.Record("r-5", TaxRecords.IdNumber(5)), TaxRecords.Record("r-4", TaxRecords.IdNumber(4), band: "C"),
            "[]", TaxRecords.Record("r-9", "110101199003078888"), TaxRecords.Record("r-6", TaxRecords.IdNumber(6)) };

        var reports = new List<(string Whole, string Chunked)>();
        foreach (var (batchId, lines) in new[] { ("whole-1", Lines()), ("whole-2", small), ("whole-3", small) })
        {
            var fromMemory = await whole.PostNdjsonAsync("tax", Feed, TaxRecords.Ndjson(batchId, lines));
            var readBack = await chunked.PostNdjsonAsync("tax", Feed, TaxRecords.Ndjson(batchId, lines));
            Assert.Equal(1, await whole.CountAsync($"""
                SELECT count(*) FROM intake_batch
                WHERE batch_id = '{batchId}' AND started_at = '{fromMemory.Json.GetProperty("receivedAt").GetString()}'::timestamptz
                """));
            reports.Add((WithoutTimes(fromMemory.Body), WithoutTimes(readBack.Body)));
        }

        Assert.All(reports, r => Assert.Equal(r.Chunked, r.Whole));
        Assert.Contains("\"rejected\"", reports[0].Whole, StringComparison.Ordinal);
        Assert.Contains("accepted-with-warning", reports[0].Whole, StringComparison.Ordinal);
        Assert.Contains("unchanged-with-warning", reports[1].Whole, StringComparison.Ordinal);
        Assert.Contains("\"unchanged\":4", reports[2].Whole, StringComparison.Ordinal);
    }

    private static string WithoutTimes(string report)
    {
        var json = System.Text.Json.Nodes.JsonNode.Parse(report)!.AsObject();
        Assert.NotNull(json["receivedAt"]);
        json.Remove("receivedAt");
        json.Remove("completedAt");
        return json.ToJsonString();
    }

    [Fact]
    public async Task DisposeAsync_ConnectionGoesBackToPool_LockAndPlanSettingReleased()
    {
        // The pool does not reset connections: whatever the session leaves, the next user of the connection inherits.
        var connectionString = await TestDatabase.CreateMigratedAsync("session_release");
        await using var pool = PlatformDataSource.WithOneConnection(connectionString);
        await using var other = PlatformDataSource.WithOneConnection(connectionString);
        var header = Header("b-1");

        var session = await BatchSession.TryOpenAsync(pool.DataSource, header, TimeProvider.System, TestContext.Current.CancellationToken);
        Assert.NotNull(session);
        Assert.Null(await BatchSession.TryOpenAsync(other.DataSource, header, TimeProvider.System, TestContext.Current.CancellationToken));
        var during = await other.SessionStateAsync();
        await session.DisposeAsync();

        var after = await pool.SessionStateAsync();
        Assert.Equal(0, after.AdvisoryLocks);
        Assert.Equal("auto", after.PlanCacheMode);
        Assert.Equal((0, "auto"), (during.AdvisoryLocks, during.PlanCacheMode));
        await using var again = await BatchSession.TryOpenAsync(other.DataSource, header, TimeProvider.System, TestContext.Current.CancellationToken);
        Assert.NotNull(again);
    }

    private static BatchHeader Header(string batchId) => new("tax", batchId, Feed, "1", "500000", DateTimeOffset.UtcNow, BatchFormat.Json,
        IntakeChannel.Http, "tax");

    private static string[] Lines()
    {
        var lines = new List<string>();
        for (var i = 0; i < 40; i++)
        {
            lines.Add(TaxRecords.Record($"r-{i}", TaxRecords.IdNumber(i)));
        }

        lines[7] = "{ not json";
        lines[9] = TaxRecords.Record("r-9", "110101199003078888");
        lines[12] = TaxRecords.Record("r-3", TaxRecords.IdNumber(3), band: "D");
        lines[20] = TaxRecords.Record("r-20", TaxRecords.IdNumber(20), name: " 李 娜 ");
        return [.. lines];
    }

    /// <summary>Every stored column that does not carry a random nonce or the time of receipt, one line per row.</summary>
    private static async Task<string> RowsAsync(NpgsqlDataSource dataSource)
    {
        await using var command = dataSource.CreateCommand("""
            SELECT string_agg(concat_ws('|', record_id, version, batch_id, line_no, schema_version, encode(content_hash, 'hex'), payload::text,
                                        id_number_cipher IS NOT NULL, encode(id_number_index, 'hex'), id_number_valid,
                                        former_id_cipher IS NOT NULL, encode(former_id_index, 'hex'), warnings::text), E'\n'
                              ORDER BY batch_id, line_no)
            FROM source_record
            UNION ALL
            SELECT string_agg(concat_ws('|', batch_id, line_no, record_id, outcome, version, encode(line_hash, 'hex'), problems::text,
                                        encode(problem_set, 'hex'), raw_cipher IS NOT NULL), E'\n' ORDER BY batch_id, line_no)
            FROM intake_line
            UNION ALL
            SELECT string_agg(concat_ws('|', batch_id, stored_through, completed_at IS NOT NULL, report -> 'accepted', report -> 'unchanged',
                                        report -> 'rejected'), E'\n' ORDER BY batch_id)
            FROM intake_batch
            """);
        var parts = new List<string>();
        await using var reader = await command.ExecuteReaderAsync(TestContext.Current.CancellationToken);
        while (await reader.ReadAsync(TestContext.Current.CancellationToken))
        {
            parts.Add(reader.GetString(0));
        }

        return string.Join("\n--\n", parts);
    }
}
