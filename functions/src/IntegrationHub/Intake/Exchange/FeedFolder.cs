namespace IntegrationHub.Intake.Exchange;

/// <summary>One feed folder of the inbox, <c>inbox/{department}/{feed}</c>, opened so that nothing in it is reached through a link.</summary>
internal abstract class FeedFolder(string department, string feed, string path) : IDisposable
{
    public string Department => department;

    public string Feed => feed;

    /// <summary>The folder as the inbox names it, for results and logs.</summary>
    public string Path => path;

    /// <summary>Where the folder's entries are listed and looked at.</summary>
    protected abstract string Listing { get; }

    /// <summary>The inbox's real path: it may itself lie behind links an operator made, but nothing below it may.</summary>
    public static string RealInbox(string inbox) =>
        LinuxFiles.Supported ? LinuxFeedFolder.RealPath(inbox) : PortableFeedFolder.RealPath(inbox);

    /// <summary>Opens a feed folder; null when it or its department's folder is a link, or it is gone.</summary>
    public static FeedFolder? OpenFolder(string inbox, string realInbox, string department, string feed) => LinuxFiles.Supported
        ? LinuxFeedFolder.TryOpen(inbox, realInbox, department, feed)
        : PortableFeedFolder.TryOpen(inbox, department, feed);

    /// <summary>The names of what the folder holds other than real folders (links to folders included), in ordinal order.</summary>
    public IReadOnlyList<string> Names() => new DirectoryInfo(Listing).EnumerateFileSystemInfos()
        .Where(e => e is not DirectoryInfo || e.LinkTarget is not null)
        .Select(e => e.Name)
        .Order(StringComparer.Ordinal)
        .ToList();

    /// <summary>The entry itself, links not followed; null when it is gone or a real folder.</summary>
    public InboxEntry? Entry(string name)
    {
        var info = new FileInfo(System.IO.Path.Join(Listing, name));
        if (info.LinkTarget is not null)
        {
            return new InboxEntry(IsLink: true, default);
        }

        return info.Exists ? new InboxEntry(IsLink: false, new FileStamp(info.Length, info.LastWriteTimeUtc)) : null;
    }

    /// <summary>Opens an entry for reading if it is a regular file that lives in this folder alone; otherwise says why not.</summary>
    public abstract InboxOpening Open(string name);

    /// <summary>Moves an entry to an absolute path; a link is moved as a link, and what it points at is not touched.</summary>
    public abstract void Move(string name, string target);

    public abstract void Dispose();
}
