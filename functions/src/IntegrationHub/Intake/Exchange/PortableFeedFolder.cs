namespace IntegrationHub.Intake.Exchange;

/// <summary>A feed folder where the Linux checks are not available: links are refused by looking before and after opening.</summary>
/// <remarks>Not free of races (a link put in place between the look and the open would be followed); the hub runs on Linux
/// in production, where <see cref="LinuxFeedFolder"/> is.</remarks>
internal sealed class PortableFeedFolder(string department, string feed, string path) : FeedFolder(department, feed, path)
{
    protected override string Listing => Path;

    public static string RealPath(string folder) =>
        new DirectoryInfo(folder).ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? System.IO.Path.GetFullPath(folder);

    public static PortableFeedFolder? TryOpen(string inbox, string department, string feed)
    {
        var departmentFolder = new DirectoryInfo(System.IO.Path.Join(inbox, department));
        var feedFolder = new DirectoryInfo(System.IO.Path.Join(inbox, department, feed));
        return departmentFolder.LinkTarget is null && feedFolder.LinkTarget is null && feedFolder.Exists
            ? new PortableFeedFolder(department, feed, feedFolder.FullName)
            : null;
    }

    public override InboxOpening Open(string name)
    {
        switch (Entry(name))
        {
            case null:
                return InboxOpening.Refused(InboxOpening.Gone);
            case { IsLink: true }:
                return InboxOpening.Refused(InboxOpening.NotRegular);
        }

        var file = System.IO.Path.Join(Listing, name);
        FileStream stream;
        try
        {
            // FileShare.Delete: on Windows the file is moved while it is still open.
            stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete, 1 << 16);
        }
        catch (Exception exception) when (exception is FileNotFoundException or DirectoryNotFoundException)
        {
            return InboxOpening.Refused(InboxOpening.Gone);
        }

        if (new FileInfo(file).LinkTarget is not null)
        {
            stream.Dispose();
            return InboxOpening.Refused(InboxOpening.NotRegular);
        }

        var handle = stream.SafeFileHandle;
        return InboxOpening.Opened(new InboxFile(stream, new FileStamp(RandomAccess.GetLength(handle), File.GetLastWriteTimeUtc(handle))));
    }

    public override void Move(string name, string target) => File.Move(System.IO.Path.Join(Listing, name), target);

    public override void Dispose()
    {
    }
}
