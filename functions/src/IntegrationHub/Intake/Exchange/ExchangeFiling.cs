namespace IntegrationHub.Intake.Exchange;

/// <summary>Puts an inbox file in <c>processed/</c> or <c>failed/</c>, its report beside it, neither readable by everyone.</summary>
internal sealed class ExchangeFiling(string root, TimeProvider time, ILogger logger)
{
    private const UnixFileMode Folder = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute
        | UnixFileMode.GroupRead | UnixFileMode.GroupExecute;

    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    /// <summary>Writes the report, then moves the file (and its manifest, if any) beside it; returns the file's new path.</summary>
    /// <param name="file">The file as opened, to restrict its mode through its handle; null when it was not opened (a link is
    /// never changed: a mode change would reach what it points at).</param>
    public string File(FeedFolder folder, string name, string disposition, object report, InboxFile? file, InboxFile? manifest)
    {
        var directory = Path.Join(root, disposition, folder.Department, folder.Feed);
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(directory);
        }
        else
        {
            Directory.CreateDirectory(directory, Folder);
        }

        var target = FreePath(directory, name);
        WriteReport(target + ".report.json", report);
        Restrict(file, name);
        folder.Move(name, target);
        if (manifest is not null)
        {
            Restrict(manifest, name + ".done");
            folder.Move(name + ".done", target + ".done");
        }

        return target;
    }

    private static void WriteReport(string path, object report)
    {
        var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = InboxFile.Shared;
        }

        using var stream = new FileStream(path, options);
        if (!OperatingSystem.IsWindows())
        {
            // A report left by an interrupted move keeps its old mode when overwritten: set it, whatever it was.
            System.IO.File.SetUnixFileMode(stream.SafeFileHandle, InboxFile.Shared);
        }

        JsonSerializer.Serialize(stream, report, report.GetType(), Indented);
    }

    private void Restrict(InboxFile? file, string name)
    {
        if (file is not null && !file.TryRestrictAccess())
        {
            logger.LogWarning("Exchange file {File} keeps its mode: the hub does not own it (its folder is closed to others)", name);
        }
    }

    /// <summary>The name itself, or, when a file of that name is already there, one prefixed with the time.</summary>
    private string FreePath(string directory, string name)
    {
        var path = Path.Join(directory, name);
        for (var n = 2; Taken(path); n++)
        {
            var stamp = time.GetUtcNow().ToString("yyyyMMddHHmmss", System.Globalization.CultureInfo.InvariantCulture);
            path = Path.Join(directory, n == 2 ? $"{stamp}-{name}" : $"{stamp}-{n - 1}-{name}");
        }

        return path;
    }

    private static bool Taken(string path) => new FileInfo(path) is var info && (info.Exists || info.LinkTarget is not null);
}
