namespace IntegrationHub.Flows.Exchange.Delivery;

/// <summary>
/// Writes a department's files into its outbox folder, each atomically: written under a dot-file name in the same folder,
/// flushed to disk, then renamed over its final name, so a reader sees the whole file or none. Folders are created closed to
/// others (0750) and files readable by the group only (0640).
/// </summary>
internal sealed class OutboxFolder(string directory)
{
    private const UnixFileMode Folder = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute
        | UnixFileMode.GroupRead | UnixFileMode.GroupExecute;

    private const UnixFileMode File = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead;

    public string Directory { get; } = directory;

    /// <summary>Writes <paramref name="name"/> through <paramref name="write"/>; throws <see cref="IOException"/> or
    /// <see cref="UnauthorizedAccessException"/> when the folder cannot take it (nothing is left under the final name).</summary>
    public async Task<string> WriteAsync(string name, Func<Stream, Task> write, CancellationToken cancellationToken)
    {
        if (OperatingSystem.IsWindows())
        {
            System.IO.Directory.CreateDirectory(Directory);
        }
        else
        {
            System.IO.Directory.CreateDirectory(Directory, Folder);
        }

        var target = Path.Join(Directory, name);
        var temporary = Path.Join(Directory, $".{name}.{Guid.NewGuid():N}.tmp");
        try
        {
            var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Options = FileOptions.Asynchronous };
            if (!OperatingSystem.IsWindows())
            {
                options.UnixCreateMode = File;
            }

            await using (var stream = new FileStream(temporary, options))
            {
                await write(stream);
                await stream.FlushAsync(cancellationToken);
                stream.Flush(flushToDisk: true);
            }

            System.IO.File.Move(temporary, target, overwrite: true);
            return target;
        }
        finally
        {
            if (System.IO.File.Exists(temporary))
            {
                System.IO.File.Delete(temporary);
            }
        }
    }
}
