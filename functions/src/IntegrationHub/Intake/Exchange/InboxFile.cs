namespace IntegrationHub.Intake.Exchange;

/// <summary>A regular file of the inbox, open for reading, checked to be what its folder says it is.</summary>
internal sealed class InboxFile(FileStream stream, FileStamp stamp) : IDisposable
{
    /// <summary>Owner reads and writes, the group reads, no one else: what the hub leaves in processed/ and failed/.</summary>
    public const UnixFileMode Shared = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead;

    public FileStream Stream => stream;

    public FileStamp Stamp => stamp;

    /// <summary>Takes the file's mode to <see cref="Shared"/> through the open handle, so no link can redirect it.</summary>
    /// <remarks>Only the file's owner may change its mode: a file a department's own account wrote keeps its mode when the
    /// hub runs under another, and the folders the hub makes (mode 0750) keep it from everyone else.</remarks>
    public bool TryRestrictAccess()
    {
        if (OperatingSystem.IsWindows())
        {
            return true;
        }

        try
        {
            File.SetUnixFileMode(stream.SafeFileHandle, Shared);
            return true;
        }
        catch (UnauthorizedAccessException)
        {
            return false;
        }
    }

    public void Dispose() => stream.Dispose();
}
