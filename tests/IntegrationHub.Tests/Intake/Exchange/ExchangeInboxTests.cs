using IntegrationHub.Intake.Exchange;

namespace IntegrationHub.Tests.Intake.Exchange;

public sealed class ExchangeInboxTests() : HarnessTests<ExchangeFolder>(name => ExchangeFolder.StartAsync(name))
{
    private static readonly UnixFileMode[] Private = [(UnixFileMode)0b110_000_000, (UnixFileMode)0b110_100_000];

    [Fact]
    public async Task ScanAsync_SettledFiles_AreTakenAndMovedWithTheirReports()
    {
        var json = hub.Drop("tax", "wage-withholding", "a.json", TaxRecords.Json("ex-json-1", TaxRecords.Record("ex-1", TaxRecords.IdNumber(1))));
        var gz = hub.Drop("tax", "wage-withholding", "b.ndjson.gz",
            TaxRecords.Ndjson("ex-gz-1", TaxRecords.Record("ex-2", TaxRecords.IdNumber(2)), TaxRecords.Record("ex-3", TaxRecords.IdNumber(3))));

        var results = await hub.ConfiguredInbox().ScanAsync(TestContext.Current.CancellationToken);

        Assert.Equal(["processed", "processed"], results.Select(r => r.Disposition));
        Assert.False(File.Exists(json));
        Assert.False(File.Exists(gz));
        using var parsed = JsonDocument.Parse(await hub.ReadAsync(hub.Processed("tax", "wage-withholding", "b.ndjson.gz.report.json")));
        Assert.Equal(2, parsed.RootElement.GetProperty("accepted").GetInt32());
        Assert.Equal(3, await hub.Hub.CountAsync("SELECT count(*) FROM intake_line WHERE batch_id LIKE 'ex-%'"));
        Assert.Equal(2, await hub.Hub.CountAsync("SELECT count(*) FROM intake_batch WHERE channel = 'exchange'"));
    }

    [Fact]
    public async Task ScanAsync_GzipBomb_GoesToFailedAsCompressionRatioWithoutBeingExpanded()
    {
        // 24 MiB of newlines at the strongest compression: over a thousand times smaller than what it expands to.
        var path = Path.Combine(hub.FeedFolder("tax", "wage-withholding"), "bomb.ndjson.gz");
        using (var file = File.Create(path))
        using (var gzip = new System.IO.Compression.GZipStream(file, System.IO.Compression.CompressionLevel.SmallestSize))
        {
            gzip.Write(System.Text.Encoding.UTF8.GetBytes(TaxRecords.Ndjson("ex-bomb-1")));
            gzip.Write(Enumerable.Repeat((byte)'\n', 24 * 1024 * 1024).ToArray());
        }

        ExchangeFolder.Settle(path);

        var result = Assert.Single(await hub.Inbox().ScanAsync(TestContext.Current.CancellationToken));

        Assert.Equal("failed", result.Disposition);
        Assert.Contains("compression-ratio", await hub.ReadAsync(hub.Failed("tax", "wage-withholding", "bomb.ndjson.gz.report.json")),
            StringComparison.Ordinal);
    }

    [Fact]
    public async Task ScanAsync_FileStillBeingWritten_IsLeftAlone()
    {
        var file = hub.Drop("tax", "wage-withholding", "busy.ndjson", TaxRecords.Ndjson("ex-busy-1"), settled: false);

        var results = await hub.Inbox().ScanAsync(TestContext.Current.CancellationToken);

        Assert.DoesNotContain(results, r => r.File.EndsWith("busy.ndjson", StringComparison.Ordinal));
        Assert.True(File.Exists(file));
    }

    [Fact]
    public async Task ScanAsync_BadEnvelopeOrUnknownFeed_GoesToFailedWithTheError()
    {
        hub.Drop("tax", "wage-withholding", "broken.json", "{ this is not json");
        hub.Drop("tax", "no-such-feed", "c.json", TaxRecords.Json("ex-unknown-1"));

        var results = await hub.Inbox().ScanAsync(TestContext.Current.CancellationToken);

        Assert.Equal(2, results.Count(r => r.Disposition == "failed"));
        Assert.Contains("unknown-feed", await hub.ReadAsync(hub.Failed("tax", "no-such-feed", "c.json.report.json")), StringComparison.Ordinal);
        Assert.True(File.Exists(hub.Failed("tax", "wage-withholding", "broken.json")));
    }

    [Fact]
    public async Task ScanAsync_IntakeThrowsOnOneFile_ThatFileGoesToFailedAndEveryOtherDepartmentIsProcessed()
    {
        // A complete batch whose stored report the hub cannot read: re-sending it makes intake throw, standing for any
        // fault no one foresaw. The file sorts first, in the first department, so everything else comes after it.
        var sample = IntakeHarness.SampleWithBatchId("ca", "social-assistance", "valid", "ex-boom-1");
        hub.Drop("ca", "social-assistance", "a-boom.json", sample);
        Assert.Equal("processed", Assert.Single(await hub.Inbox().ScanAsync(TestContext.Current.CancellationToken)).Disposition);
        await hub.ExecuteAsync("UPDATE intake_batch SET report = '[]' WHERE batch_id = 'ex-boom-1'");
        hub.Drop("ca", "social-assistance", "a-boom.json", sample);
        hub.Drop("ca", "social-assistance", "b.json", IntakeHarness.SampleWithBatchId("ca", "social-assistance", "valid", "ex-others-ca"));
        hub.Drop("edu", "graduate-roster", "c.json", IntakeHarness.SampleWithBatchId("edu", "graduate-roster", "valid", "ex-others-edu"));
        hub.Drop("hr", "employment-registration", "d.json",
            IntakeHarness.SampleWithBatchId("hr", "employment-registration", "valid", "ex-others-hr"));
        hub.Drop("ps", "household-registration", "e.json",
            IntakeHarness.SampleWithBatchId("ps", "household-registration", "valid", "ex-others-ps"));
        hub.Drop("tax", "wage-withholding", "f.ndjson", TaxRecords.Ndjson("ex-others-tax", TaxRecords.Record("ex-f", TaxRecords.IdNumber(4))));

        var results = await hub.Inbox(o => o.MaxAttempts = 1).ScanAsync(TestContext.Current.CancellationToken);

        var boom = Assert.Single(results, r => r.File.EndsWith("a-boom.json", StringComparison.Ordinal));
        Assert.Equal(("failed", "unexpected-error", 1), (boom.Disposition, boom.Code, boom.Attempts));
        Assert.Equal(5, results.Count(r => r.Disposition == "processed"));
        Assert.Equal(5, await hub.Hub.CountAsync("SELECT count(*) FROM intake_batch WHERE batch_id LIKE 'ex-others-%' AND completed_at IS NOT NULL"));
        Assert.Empty(Directory.EnumerateFiles(Path.Combine(hub.Root, "inbox"), "*", SearchOption.AllDirectories));
        var report = await hub.ReadAsync(boom.File + ".report.json");
        Assert.Equal("unexpected-error", JsonNode.Parse(report)!["error"]!["code"]!.GetValue<string>());
        if (!OperatingSystem.IsWindows())
        {
            Assert.Contains(File.GetUnixFileMode(boom.File), Private);
        }

        var record = JsonNode.Parse(sample)!["records"]![0]!;
        Assert.DoesNotContain(record["idNumber"]!.GetValue<string>(), report, StringComparison.Ordinal);
        Assert.DoesNotContain(record["name"]!.GetValue<string>(), report, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ScanAsync_TransientFailureEveryTime_GoesToFailedAfterMaxAttemptsEvenAcrossRestarts()
    {
        await RefuseBatchesAsync("ex-poison");
        hub.Drop("tax", "wage-withholding", "poison.ndjson", TaxRecords.Ndjson("ex-poison-1", TaxRecords.Record("ex-p", TaxRecords.IdNumber(5))));
        hub.Drop("tax", "wage-withholding", "sound.ndjson", TaxRecords.Ndjson("ex-sound-1", TaxRecords.Record("ex-s", TaxRecords.IdNumber(6))));
        var clock = new ManualTimeProvider(DateTimeOffset.UtcNow);
        void Configure(ExchangeOptions o) => (o.MaxAttempts, o.RetryAfter) = (3, TimeSpan.FromMinutes(1));

        // Each scan on a new inbox, as after a restart: the count must survive it.
        var first = await hub.Inbox(Configure, clock).ScanAsync(TestContext.Current.CancellationToken);
        var tooSoon = await hub.Inbox(Configure, clock).ScanAsync(TestContext.Current.CancellationToken);
        clock.Advance(TimeSpan.FromMinutes(1));
        var second = await hub.Inbox(Configure, clock).ScanAsync(TestContext.Current.CancellationToken);
        clock.Advance(TimeSpan.FromMinutes(2));
        var third = await hub.Inbox(Configure, clock).ScanAsync(TestContext.Current.CancellationToken);

        Assert.Equal("processed", Assert.Single(first, r => r.File.EndsWith("sound.ndjson", StringComparison.Ordinal)).Disposition);
        Assert.Equal(("inbox", 503, "storage-unavailable", 1), Poison(first));
        Assert.Equal(("inbox", 503, "storage-unavailable", 1), Poison(tooSoon));
        Assert.Equal(("inbox", 503, "storage-unavailable", 2), Poison(second));
        Assert.Equal(("failed", 503, "storage-unavailable", 3), Poison(third));
        var report = JsonNode.Parse(await hub.ReadAsync(hub.Failed("tax", "wage-withholding", "poison.ndjson.report.json")))!;
        Assert.Equal("storage-unavailable", report["error"]!["code"]!.GetValue<string>());
        Assert.Equal(3, report["attempts"]!.GetValue<int>());
        Assert.Empty(hub.AttemptRecords());
        Assert.Empty(await hub.Inbox(Configure, clock).ScanAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task ScanAsync_TransientFailureThatPasses_IsProcessedOnTheNextAttempt()
    {
        await RefuseBatchesAsync("ex-poison");
        hub.Drop("tax", "wage-withholding", "poison.ndjson", TaxRecords.Ndjson("ex-poison-2", TaxRecords.Record("ex-q", TaxRecords.IdNumber(7))));
        var clock = new ManualTimeProvider(DateTimeOffset.UtcNow);

        var first = await hub.Inbox(o => o.RetryAfter = TimeSpan.FromMinutes(1), clock).ScanAsync(TestContext.Current.CancellationToken);
        await hub.ExecuteAsync("DROP TRIGGER refuse_batch ON intake_batch");
        clock.Advance(TimeSpan.FromMinutes(1));
        var second = await hub.Inbox(o => o.RetryAfter = TimeSpan.FromMinutes(1), clock).ScanAsync(TestContext.Current.CancellationToken);

        Assert.Equal(("inbox", 503, "storage-unavailable", 1), Poison(first));
        Assert.Equal(("processed", 200, null, 2), Poison(second));
        Assert.Equal(1, await hub.Hub.CountAsync("SELECT count(*) FROM intake_batch WHERE batch_id = 'ex-poison-2' AND completed_at IS NOT NULL"));
        Assert.Empty(hub.AttemptRecords());
    }

    [Fact]
    public async Task ScanAsync_FileReplacedAfterAFailedAttempt_StartsANewCount()
    {
        await RefuseBatchesAsync("ex-poison");
        var path = hub.Drop("tax", "wage-withholding", "poison.ndjson", TaxRecords.Ndjson("ex-poison-4", TaxRecords.Record("ex-t", TaxRecords.IdNumber(10))));
        var clock = new ManualTimeProvider(DateTimeOffset.UtcNow);

        var first = await hub.Inbox(o => o.RetryAfter = TimeSpan.FromHours(1), clock).ScanAsync(TestContext.Current.CancellationToken);
        ExchangeFolder.Write(path, TaxRecords.Ndjson("ex-poison-5", TaxRecords.Record("ex-t", TaxRecords.IdNumber(10))));
        var replaced = await hub.Inbox(o => o.RetryAfter = TimeSpan.FromHours(1), clock).ScanAsync(TestContext.Current.CancellationToken);

        Assert.Equal(("inbox", 503, "storage-unavailable", 1), Poison(first));
        Assert.Equal(("inbox", 503, "storage-unavailable", 1), Poison(replaced));
    }

    [Fact]
    public async Task ScanAsync_AttemptThatNeverEnded_CountsAndTheLastOneSendsTheFileToFailed()
    {
        // The attempt is cut off mid-way, as by a crash: only the count written before it started survives.
        await hub.ExecuteAsync("""
            CREATE FUNCTION slow_batch() RETURNS trigger LANGUAGE plpgsql AS $f$ BEGIN PERFORM pg_sleep(30); RETURN NEW; END $f$;
            CREATE TRIGGER slow_batch BEFORE INSERT ON intake_batch FOR EACH ROW EXECUTE FUNCTION slow_batch();
            """);
        hub.Drop("tax", "wage-withholding", "poison.ndjson", TaxRecords.Ndjson("ex-slow-1", TaxRecords.Record("ex-u", TaxRecords.IdNumber(14))));
        using var crash = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        crash.CancelAfter(TimeSpan.FromSeconds(1));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => hub.Inbox(o => o.MaxAttempts = 1).ScanAsync(crash.Token));
        var after = await hub.Inbox(o => o.MaxAttempts = 1).ScanAsync(TestContext.Current.CancellationToken);

        Assert.Equal(("failed", 500, "attempt-interrupted", 1), Poison(after));
        Assert.Equal(0, await hub.BatchesAsync("ex-slow"));
    }

    [Fact]
    public async Task ScanAsync_MaxAttemptsFromConfiguration_BoundsTheAttempts()
    {
        await RefuseBatchesAsync("ex-poison");
        hub.Drop("tax", "wage-withholding", "poison.ndjson", TaxRecords.Ndjson("ex-poison-3", TaxRecords.Record("ex-r", TaxRecords.IdNumber(9))));

        var first = await hub.ConfiguredInbox().ScanAsync(TestContext.Current.CancellationToken);
        var second = await hub.ConfiguredInbox().ScanAsync(TestContext.Current.CancellationToken);

        Assert.Equal(("inbox", 503, "storage-unavailable", 1), Poison(first));
        Assert.Equal(("failed", 503, "storage-unavailable", 2), Poison(second));
    }

    [Fact]
    [UnsupportedOSPlatform("windows")]
    public async Task ScanAsync_ReportsAndMovedFiles_AreNotWorldReadable()
    {
        Assert.SkipWhen(OperatingSystem.IsWindows(), "Unix file modes");
        hub.Drop("tax", "wage-withholding", "good.json", TaxRecords.Json("ex-mode-1", TaxRecords.Record("ex-m", TaxRecords.IdNumber(8))));
        hub.Drop("tax", "wage-withholding", "bad.json", "{ not json");

        await hub.Inbox().ScanAsync(TestContext.Current.CancellationToken);

        foreach (var path in new[]
                 {
                     hub.Processed("tax", "wage-withholding", "good.json"), hub.Processed("tax", "wage-withholding", "good.json.report.json"),
                     hub.Failed("tax", "wage-withholding", "bad.json"), hub.Failed("tax", "wage-withholding", "bad.json.report.json"),
                 })
        {
            Assert.Contains(File.GetUnixFileMode(path), Private);
        }
    }

    /// <summary>Makes PostgreSQL refuse every batch whose id starts so: a database failure on one file, every time.</summary>
    private Task RefuseBatchesAsync(string prefix) => hub.ExecuteAsync($$"""
        CREATE FUNCTION refuse_batch() RETURNS trigger LANGUAGE plpgsql AS $f$
        BEGIN
            IF NEW.batch_id LIKE '{{prefix}}%' THEN RAISE EXCEPTION 'refused by the test'; END IF;
            RETURN NEW;
        END $f$;
        CREATE TRIGGER refuse_batch BEFORE INSERT ON intake_batch FOR EACH ROW EXECUTE FUNCTION refuse_batch();
        """);

    private static (string, int, string?, int) Poison(IReadOnlyList<ExchangeFileResult> results)
    {
        var poison = Assert.Single(results, r => r.File.EndsWith("poison.ndjson", StringComparison.Ordinal));
        return (poison.Disposition, poison.Status, poison.Code, poison.Attempts);
    }
}
