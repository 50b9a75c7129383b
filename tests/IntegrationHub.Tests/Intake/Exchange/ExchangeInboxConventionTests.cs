namespace IntegrationHub.Tests.Intake.Exchange;

/// <summary>The departments' convention for a file still being written: a temporary name, and optionally a manifest.</summary>
public sealed class ExchangeInboxConventionTests() : HarnessTests<ExchangeFolder>(name => ExchangeFolder.StartAsync(name))
{
    [Fact]
    public async Task ScanAsync_PartOrDotFile_IsLeftAloneUntilRenamed()
    {
        // Both look long settled: only their names say they are not finished.
        var part = hub.Drop("tax", "wage-withholding", "x.ndjson.part", TaxRecords.Ndjson("ex-part-1", TaxRecords.Record("ex-x", TaxRecords.IdNumber(21))));
        var dot = hub.Drop("tax", "wage-withholding", ".y.ndjson", TaxRecords.Ndjson("ex-dot-1", TaxRecords.Record("ex-y", TaxRecords.IdNumber(22))));

        var first = await hub.Inbox().ScanAsync(TestContext.Current.CancellationToken);
        File.Move(part, Path.Combine(Path.GetDirectoryName(part)!, "x.ndjson"));
        File.Move(dot, Path.Combine(Path.GetDirectoryName(dot)!, "y.ndjson"));
        var second = await hub.Inbox().ScanAsync(TestContext.Current.CancellationToken);

        Assert.Empty(first);
        Assert.Equal(["processed", "processed"], second.Select(r => r.Disposition));
        Assert.Equal(1, await hub.BatchesAsync("ex-part"));
        Assert.Equal(1, await hub.BatchesAsync("ex-dot"));
    }

    [Fact]
    public async Task ScanAsync_DoneManifestRequired_TakesAFileOnlyOnceItsManifestIsBesideIt()
    {
        var data = hub.Drop("tax", "wage-withholding", "a.ndjson", TaxRecords.Ndjson("ex-done-1", TaxRecords.Record("ex-a", TaxRecords.IdNumber(23))));

        var first = await hub.Inbox(o => o.RequireDoneManifest = true).ScanAsync(TestContext.Current.CancellationToken);
        ExchangeFolder.Write(data + ".done", "");
        var second = await hub.Inbox(o => o.RequireDoneManifest = true).ScanAsync(TestContext.Current.CancellationToken);

        Assert.Empty(first);
        Assert.Equal("processed", Assert.Single(second).Disposition);
        Assert.True(File.Exists(hub.Processed("tax", "wage-withholding", "a.ndjson")));
        Assert.True(File.Exists(hub.Processed("tax", "wage-withholding", "a.ndjson.done")));
        Assert.Empty(Directory.EnumerateFileSystemEntries(hub.FeedFolder("tax", "wage-withholding")));
    }

    [Fact]
    public async Task ScanAsync_ManifestChecksumDiffers_GoesToFailedWithNothingStored()
    {
        var good = TaxRecords.Ndjson("ex-sum-good", TaxRecords.Record("ex-g", TaxRecords.IdNumber(24)));
        var cut = TaxRecords.Ndjson("ex-sum-cut", TaxRecords.Record("ex-c", TaxRecords.IdNumber(25)), TaxRecords.Record("ex-c2", TaxRecords.IdNumber(26)));
        var goodFile = hub.Drop("tax", "wage-withholding", "good.ndjson", good);
        ExchangeFolder.Write(goodFile + ".done", $"{Sha256(good).ToUpperInvariant()}  good.ndjson\n");
        // The manifest was made from the whole file, but only part of it arrived.
        var cutFile = hub.Drop("tax", "wage-withholding", "cut.ndjson", cut[..(cut.Length / 2)]);
        ExchangeFolder.Write(cutFile + ".done", $"{Sha256(cut)}  cut.ndjson\n");

        var results = await hub.Inbox().ScanAsync(TestContext.Current.CancellationToken);

        Assert.Equal([("cut.ndjson", "failed", "manifest-mismatch"), ("good.ndjson", "processed", null)],
            results.Select(r => (Path.GetFileName(r.File), r.Disposition, r.Code)));
        Assert.Equal(0, await hub.BatchesAsync("ex-sum-cut"));
        Assert.Equal(1, await hub.BatchesAsync("ex-sum-good"));
        Assert.True(File.Exists(hub.Failed("tax", "wage-withholding", "cut.ndjson.done")));
    }

    private static string Sha256(string content) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(content)));
}
