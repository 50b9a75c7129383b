namespace IntegrationHub.Intake.Exchange;

/// <summary>A feed folder held by a descriptor: entries are listed, opened and moved relative to it, never by a path that could change.</summary>
internal sealed class LinuxFeedFolder : FeedFolder
{
    private readonly SafeFileHandle directory;
    private readonly string realPath;

    private LinuxFeedFolder(string department, string feed, string path, SafeFileHandle directory, string realPath)
        : base(department, feed, path)
    {
        this.directory = directory;
        this.realPath = realPath;
    }

    protected override string Listing => LinuxFiles.ProcPath(directory);

    public static string RealPath(string folder)
    {
        using var handle = OpenDirectory(folder) ?? throw new DirectoryNotFoundException($"The exchange inbox {folder} is not a folder.");
        return LinuxFiles.RealPath(handle) ?? throw new IOException($"The real path of {folder} is unknown.");
    }

    public static LinuxFeedFolder? TryOpen(string inbox, string realInbox, string department, string feed)
    {
        // O_NOFOLLOW guards the last component; the real path, read back from the kernel, guards the department's folder
        // (inbox/hr -> /etc opens /etc/{feed}, whose real path is not the one expected).
        var expected = System.IO.Path.Join(realInbox, department, feed);
        var handle = OpenDirectory(expected);
        if (handle is not null && LinuxFiles.RealPath(handle) == expected)
        {
            return new LinuxFeedFolder(department, feed, System.IO.Path.Join(inbox, department, feed), handle, expected);
        }

        handle?.Dispose();
        return null;
    }

    public override InboxOpening Open(string name)
    {
        var handle = LinuxFiles.OpenEntry(directory, name, out var error);
        if (handle is null)
        {
            return error switch
            {
                LinuxFiles.NoSuchEntry => InboxOpening.Refused(InboxOpening.Gone),
                LinuxFiles.TooManyLinks or LinuxFiles.NoDeviceOrAddress => InboxOpening.Refused(InboxOpening.NotRegular),
                _ => throw LinuxFiles.Failure("open", error),
            };
        }

        try
        {
            var (regular, links, stamp) = LinuxFiles.Describe(handle);
            // Opened relative to this folder without following a link, it can only be here; the kernel's answer says so again.
            if (!regular || LinuxFiles.RealPath(handle) != System.IO.Path.Join(realPath, name))
            {
                handle.Dispose();
                return InboxOpening.Refused(InboxOpening.NotRegular);
            }

            if (links > 1)
            {
                handle.Dispose();
                return InboxOpening.Refused(InboxOpening.HardLinked);
            }

            return InboxOpening.Opened(new InboxFile(new FileStream(handle, FileAccess.Read, 1 << 16), stamp));
        }
        catch
        {
            handle.Dispose();
            throw;
        }
    }

    public override void Move(string name, string target)
    {
        var error = LinuxFiles.Rename(directory, name, target);
        switch (error)
        {
            case 0:
                return;
            case LinuxFiles.NoSuchEntry:
                throw new FileNotFoundException($"{name} is no longer in {Path}.");
            case LinuxFiles.CrossDevice:
                // A copy would have to read what a link points at; the folders must share a file system instead.
                throw new IOException($"processed/ and failed/ must be on the file system of {Path}: {name} cannot be renamed there.");
            default:
                throw LinuxFiles.Failure("rename", error);
        }
    }

    public override void Dispose() => directory.Dispose();

    private static SafeFileHandle? OpenDirectory(string path)
    {
        var handle = LinuxFiles.OpenDirectory(path, out var error);
        return handle is not null || error is LinuxFiles.NoSuchEntry or LinuxFiles.NotADirectory or LinuxFiles.TooManyLinks
            ? handle
            : throw LinuxFiles.Failure("open", error);
    }
}
