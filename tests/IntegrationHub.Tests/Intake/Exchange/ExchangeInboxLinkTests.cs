namespace IntegrationHub.Tests.Intake.Exchange;

/// <summary>Only regular files written in the inbox itself are taken: links, pipes and linked folders are never read through.</summary>
public sealed class ExchangeInboxLinkTests() : HarnessTests<ExchangeFolder>(name => ExchangeFolder.StartAsync(name))
{
    [Fact]
    [UnsupportedOSPlatform("windows")]
    public async Task ScanAsync_SymlinksToFilesOutside_AreNotReadAndGoToFailedWithoutTheirContent()
    {
        Assert.SkipWhen(OperatingSystem.IsWindows(), "symbolic links need a privilege on Windows");
        var batch = ExchangeFolder.Write(Path.Combine(hub.Outside, "batch.json"),
            TaxRecords.Json("ex-outside-1", TaxRecords.Record("ex-o", TaxRecords.IdNumber(11))));
        var credentials = ExchangeFolder.Write(Path.Combine(hub.Outside, ".hub", "credentials.json"),
            """{"tax":{"token":"hub-secret-4f1c"}}""");
        var modes = (File.GetUnixFileMode(batch), File.GetUnixFileMode(credentials));
        var feed = hub.FeedFolder("tax", "wage-withholding");
        // Links older than the stability window, as an attacker's would be (the link's own time: the targets are not touched).
        ExchangeFolder.Settle(File.CreateSymbolicLink(Path.Combine(feed, "credentials.json"), credentials).FullName);
        ExchangeFolder.Settle(File.CreateSymbolicLink(Path.Combine(feed, "linked.json"), batch).FullName);

        var results = await hub.Inbox().ScanAsync(TestContext.Current.CancellationToken);

        Assert.Equal([("failed", "not-a-regular-file"), ("failed", "not-a-regular-file")], results.Select(r => (r.Disposition, r.Code)));
        Assert.Equal(0, await hub.BatchesAsync("ex-outside"));
        foreach (var name in new[] { "credentials.json", "linked.json" })
        {
            // The link itself was moved; what it points at stayed where it was, untouched.
            Assert.NotNull(new FileInfo(hub.Failed("tax", "wage-withholding", name)).LinkTarget);
            var report = await hub.ReadAsync(hub.Failed("tax", "wage-withholding", name + ".report.json"));
            Assert.Contains("not-a-regular-file", report, StringComparison.Ordinal);
            Assert.DoesNotContain("hub-secret", report, StringComparison.Ordinal);
            Assert.DoesNotContain("token", report, StringComparison.Ordinal);
        }

        Assert.True(File.Exists(batch) && File.Exists(credentials));
        Assert.Equal(modes, (File.GetUnixFileMode(batch), File.GetUnixFileMode(credentials)));
    }

    [Fact]
    public async Task ScanAsync_SymlinkedDepartmentOrFeedFolder_IsNotEnteredAndTheRestGoesOn()
    {
        Assert.SkipWhen(OperatingSystem.IsWindows(), "symbolic links need a privilege on Windows");
        var hrOutside = Path.Combine(hub.Outside, "hr");
        var hrFile = ExchangeFolder.Write(Path.Combine(hrOutside, "employment-registration", "x.json"),
            IntakeHarness.SampleWithBatchId("hr", "employment-registration", "valid", "ex-dirlink-hr"));
        Directory.CreateSymbolicLink(Path.Combine(hub.Root, "inbox", "hr"), hrOutside);
        var taxOutside = Path.Combine(hub.Outside, "tax-feed");
        var taxFile = ExchangeFolder.Write(Path.Combine(taxOutside, "y.json"),
            TaxRecords.Json("ex-dirlink-tax", TaxRecords.Record("ex-d", TaxRecords.IdNumber(12))));
        Directory.CreateDirectory(Path.Combine(hub.Root, "inbox", "tax"));
        Directory.CreateSymbolicLink(Path.Combine(hub.Root, "inbox", "tax", "wage-withholding"), taxOutside);
        hub.Drop("edu", "graduate-roster", "z.json", IntakeHarness.SampleWithBatchId("edu", "graduate-roster", "valid", "ex-dirlink-edu"));

        var results = await hub.Inbox().ScanAsync(TestContext.Current.CancellationToken);

        Assert.Equal(0, await hub.BatchesAsync("ex-dirlink-hr"));
        Assert.Equal(0, await hub.BatchesAsync("ex-dirlink-tax"));
        Assert.True(File.Exists(hrFile) && File.Exists(taxFile));
        Assert.Equal(2, results.Count(r => r is { Disposition: "inbox", Code: "not-a-directory" }));
        Assert.Equal("processed", Assert.Single(results, r => r.File.EndsWith("z.json", StringComparison.Ordinal)).Disposition);
    }

    [Fact]
    [SupportedOSPlatform("linux")]
    public async Task ScanAsync_PipeOrHardLinkedFile_IsNotReadAndGoesToFailed()
    {
        Assert.SkipUnless(OperatingSystem.IsLinux(), "mkfifo and ln, and the hub's checks of the opened file, are Linux's");
        var feed = hub.FeedFolder("tax", "wage-withholding");
        var pipe = Path.Combine(feed, "pipe.ndjson");
        await RunAsync("mkfifo", pipe);
        ExchangeFolder.Settle(pipe);
        var original = ExchangeFolder.Write(Path.Combine(hub.Outside, "original.json"),
            TaxRecords.Json("ex-hard-1", TaxRecords.Record("ex-h", TaxRecords.IdNumber(13))));
        var mode = File.GetUnixFileMode(original);
        await RunAsync("ln", original, Path.Combine(feed, "hard.json"));

        // Opening a pipe blocks until someone writes to it: a hub that tried would never finish the scan.
        var results = await Task.Run(() => hub.Inbox().ScanAsync(TestContext.Current.CancellationToken), TestContext.Current.CancellationToken)
            .WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);

        Assert.Equal([("hard.json", "failed", "hard-linked"), ("pipe.ndjson", "failed", "not-a-regular-file")],
            results.Select(r => (Path.GetFileName(r.File), r.Disposition, r.Code)));
        Assert.Equal(0, await hub.BatchesAsync("ex-hard"));
        Assert.Equal(mode, File.GetUnixFileMode(original));
    }

    private static async Task RunAsync(string program, params string[] arguments)
    {
        using var process = Process.Start(program, arguments);
        await process.WaitForExitAsync(TestContext.Current.CancellationToken);
        Assert.Equal(0, process.ExitCode);
    }
}
