using System.IO.Compression;
using System.Text;
using System.Text.Json;
using IntegrationHub.Intake.Exchange;
using IntegrationHub.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace IntegrationHub.Tests.Intake.Exchange;

public sealed class ExchangeInboxTests : IAsyncLifetime
{
    private readonly string root = Path.Combine(Path.GetTempPath(), "hub-exchange-" + Guid.NewGuid().ToString("N"));
    private IntakeHarness hub = null!;

    public async ValueTask InitializeAsync() => hub = await IntakeHarness.StartAsync(nameof(ExchangeInboxTests),
        new Dictionary<string, string?> { ["Exchange:Root"] = root, ["Exchange:StableFor"] = "00:00:05" });

    public async ValueTask DisposeAsync()
    {
        await hub.DisposeAsync();
        Directory.Delete(root, recursive: true);
    }

    [Fact]
    public async Task ScanAsync_SettledFiles_AreTakenAndMovedWithTheirReports()
    {
        var json = Drop("tax", "wage-withholding", "a.json", TaxRecords.Json("ex-json-1", TaxRecords.Record("ex-1", TaxRecords.IdNumber(1))));
        var gz = Drop("tax", "wage-withholding", "b.ndjson.gz",
            TaxRecords.Ndjson("ex-gz-1", TaxRecords.Record("ex-2", TaxRecords.IdNumber(2)), TaxRecords.Record("ex-3", TaxRecords.IdNumber(3))));

        var results = await Inbox().ScanAsync(TestContext.Current.CancellationToken);

        Assert.Equal(["processed", "processed"], results.Select(r => r.Disposition));
        Assert.False(File.Exists(json));
        Assert.False(File.Exists(gz));
        var report = Path.Combine(root, "processed", "tax", "wage-withholding", "b.ndjson.gz.report.json");
        using var parsed = JsonDocument.Parse(await File.ReadAllTextAsync(report, TestContext.Current.CancellationToken));
        Assert.Equal(2, parsed.RootElement.GetProperty("accepted").GetInt32());
        Assert.Equal(3, await hub.CountAsync("SELECT count(*) FROM intake_line WHERE batch_id LIKE 'ex-%'"));
        Assert.Equal(2, await hub.CountAsync("SELECT count(*) FROM intake_batch WHERE channel = 'exchange'"));
    }

    [Fact]
    public async Task ScanAsync_FileStillBeingWritten_IsLeftAlone()
    {
        var file = Drop("tax", "wage-withholding", "busy.ndjson", TaxRecords.Ndjson("ex-busy-1"), settled: false);

        var results = await Inbox().ScanAsync(TestContext.Current.CancellationToken);

        Assert.DoesNotContain(results, r => r.File.EndsWith("busy.ndjson", StringComparison.Ordinal));
        Assert.True(File.Exists(file));
    }

    [Fact]
    public async Task ScanAsync_BadEnvelopeOrUnknownFeed_GoesToFailedWithTheError()
    {
        Drop("tax", "wage-withholding", "broken.json", "{ this is not json");
        Drop("tax", "no-such-feed", "c.json", TaxRecords.Json("ex-unknown-1"));

        var results = await Inbox().ScanAsync(TestContext.Current.CancellationToken);

        Assert.Equal(2, results.Count(r => r.Disposition == "failed"));
        var error = await File.ReadAllTextAsync(Path.Combine(root, "failed", "tax", "no-such-feed", "c.json.report.json"),
            TestContext.Current.CancellationToken);
        Assert.Contains("unknown-feed", error, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(root, "failed", "tax", "wage-withholding", "broken.json")));
    }

    private ExchangeInbox Inbox() => hub.Server.Services.GetRequiredService<ExchangeInbox>();

    private string Drop(string department, string feed, string name, string content, bool settled = true)
    {
        var directory = Path.Combine(root, "inbox", department, feed);
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, name);
        var bytes = Encoding.UTF8.GetBytes(content);
        if (name.EndsWith(".gz", StringComparison.Ordinal))
        {
            using var compressed = new MemoryStream();
            using (var gzip = new GZipStream(compressed, CompressionLevel.Fastest, leaveOpen: true))
            {
                gzip.Write(bytes);
            }

            bytes = compressed.ToArray();
        }

        File.WriteAllBytes(path, bytes);
        if (settled)
        {
            File.SetLastWriteTimeUtc(path, DateTime.UtcNow.AddMinutes(-1));
        }

        return path;
    }
}
