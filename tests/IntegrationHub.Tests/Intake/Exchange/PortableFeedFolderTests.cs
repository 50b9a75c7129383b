using IntegrationHub.Intake.Exchange;

namespace IntegrationHub.Tests.Intake.Exchange;

/// <summary>The simpler checks used where the Linux ones are not available; they run anywhere, so they are tested here too.</summary>
[UnsupportedOSPlatform("windows")]
public sealed class PortableFeedFolderTests : FeedFolderScratch
{
    [Fact]
    public void TryOpen_DepartmentFolderIsALink_ReturnsNull()
    {
        Assert.SkipWhen(OperatingSystem.IsWindows(), "symbolic links need a privilege on Windows");
        Directory.CreateSymbolicLink(Path.Combine(Inbox, "hr"), Outside);

        Assert.Null(PortableFeedFolder.TryOpen(Inbox, "hr", "wage-withholding"));
        Assert.NotNull(PortableFeedFolder.TryOpen(Inbox, "tax", "wage-withholding"));
    }

    [Fact]
    public void Open_LinkOrRegularFile_RefusesTheLinkAndOpensTheFile()
    {
        Assert.SkipWhen(OperatingSystem.IsWindows(), "symbolic links need a privilege on Windows");
        var feed = Path.Combine(Inbox, "tax", "wage-withholding");
        File.CreateSymbolicLink(Path.Combine(feed, "linked.json"), Path.Combine(Outside, "secret.json"));
        File.WriteAllText(Path.Combine(feed, "real.json"), "{\"a\":1}");
        using var folder = PortableFeedFolder.TryOpen(Inbox, "tax", "wage-withholding")!;

        var linked = folder.Open("linked.json");
        using var real = folder.Open("real.json").File;

        Assert.Equal((null, InboxOpening.NotRegular), (linked.File, linked.Refusal));
        Assert.Equal(7, real!.Stamp.Length);
        Assert.Equal(["linked.json", "real.json"], folder.Names());
    }
}
