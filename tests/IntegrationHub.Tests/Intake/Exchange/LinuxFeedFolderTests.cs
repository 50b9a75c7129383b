using IntegrationHub.Intake.Exchange;

namespace IntegrationHub.Tests.Intake.Exchange;

/// <summary>The checks made on what was opened, for the swaps that happen between the scan's look and its open.</summary>
[SupportedOSPlatform("linux")]
public sealed class LinuxFeedFolderTests : FeedFolderScratch
{
    [Fact]
    public void TryOpen_DepartmentFolderIsALink_ReturnsNull()
    {
        Assert.SkipUnless(LinuxFiles.Supported, "the descriptor checks are Linux's");
        Directory.CreateSymbolicLink(Path.Combine(Inbox, "hr"), Outside);

        using var linked = LinuxFeedFolder.TryOpen(Inbox, LinuxFeedFolder.RealPath(Inbox), "hr", "wage-withholding");
        using var real = LinuxFeedFolder.TryOpen(Inbox, LinuxFeedFolder.RealPath(Inbox), "tax", "wage-withholding");

        Assert.Null(linked);
        Assert.NotNull(real);
    }

    [Fact]
    public void TryOpen_FolderSwappedForALinkAfterOpening_StillListsAndMovesWithinTheOpenedFolder()
    {
        Assert.SkipUnless(LinuxFiles.Supported, "the descriptor checks are Linux's");
        var feed = Path.Combine(Inbox, "tax", "wage-withholding");
        File.WriteAllText(Path.Combine(feed, "inside.json"), "{}");
        using var folder = LinuxFeedFolder.TryOpen(Inbox, LinuxFeedFolder.RealPath(Inbox), "tax", "wage-withholding")!;
        Directory.Move(feed, Path.Combine(Inbox, "tax", "moved-away"));
        Directory.CreateSymbolicLink(feed, Path.Combine(Outside, "wage-withholding"));

        var names = folder.Names();
        using var opened = folder.Open("outside.json").File;
        folder.Move("inside.json", Path.Combine(directory, "taken.json"));

        Assert.Equal(["inside.json"], names);
        Assert.Null(opened);
        Assert.True(File.Exists(Path.Combine(directory, "taken.json")));
        Assert.True(File.Exists(Path.Combine(Outside, "wage-withholding", "outside.json")));
    }

    [Fact]
    public void Open_EntrySwappedForALinkAfterListing_IsRefusedUnread()
    {
        Assert.SkipUnless(LinuxFiles.Supported, "the descriptor checks are Linux's");
        var file = Path.Combine(Inbox, "tax", "wage-withholding", "a.json");
        File.WriteAllText(file, "{}");
        using var folder = LinuxFeedFolder.TryOpen(Inbox, LinuxFeedFolder.RealPath(Inbox), "tax", "wage-withholding")!;
        Assert.False(folder.Entry("a.json")!.Value.IsLink);
        File.Delete(file);
        File.CreateSymbolicLink(file, Path.Combine(Outside, "secret.json"));

        var opening = folder.Open("a.json");

        Assert.Equal((null, InboxOpening.NotRegular), (opening.File, opening.Refusal));
    }
}
