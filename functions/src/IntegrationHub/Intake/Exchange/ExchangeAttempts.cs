namespace IntegrationHub.Intake.Exchange;

/// <summary>
/// The count of attempts per inbox file, kept durably in a small file per inbox file under <c>{root}/attempts/{department}/{feed}/</c>.
/// </summary>
/// <remarks>
/// Beside the files rather than in the database because the commonest cause of a retry is the database being unavailable: a
/// count kept there could not be written exactly when it matters, and a restart would start it again. The record is written
/// before each attempt, so an attempt that takes the hub down (killed, out of memory) counts too; it is keyed to the file's
/// length and last write, so a department that replaces the file starts a new count. Outside <c>inbox/</c>, where departments
/// cannot write; only the hub reads it (mode 0600). Hub instances sharing a folder share the counts.
/// </remarks>
internal sealed class ExchangeAttempts(string directory)
{
    private const UnixFileMode Private = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private const UnixFileMode PrivateFolder = Private | UnixFileMode.UserExecute;

    /// <summary>The record's members camel-cased, as the files have always had them.</summary>
    private static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = JsonNamingPolicy.CamelCase };

    /// <summary>The record for this version of the file, or null when there is none (or it was for an earlier version).</summary>
    public ExchangeAttempt? Read(FeedFolder folder, string name, FileStamp stamp)
    {
        try
        {
            var attempt = JsonSerializer.Deserialize<ExchangeAttempt>(File.ReadAllBytes(PathOf(folder, name)), Json);
            return attempt is not null && attempt.Describes(stamp) ? attempt : null;
        }
        catch (Exception exception) when (exception is FileNotFoundException or DirectoryNotFoundException or JsonException)
        {
            return null;
        }
    }

    /// <summary>Writes the record whole or not at all (a new file renamed over the old), flushed to disk.</summary>
    public void Write(FeedFolder folder, string name, ExchangeAttempt attempt)
    {
        var path = PathOf(folder, name);
        var directoryOfFile = Path.GetDirectoryName(path)!;
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(directoryOfFile);
        }
        else
        {
            Directory.CreateDirectory(directoryOfFile, PrivateFolder);
        }

        var temporary = path + ".tmp";
        var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = Private;
        }

        using (var stream = new FileStream(temporary, options))
        {
            JsonSerializer.Serialize(stream, attempt, Json);
            stream.Flush(flushToDisk: true);
        }

        File.Move(temporary, path, overwrite: true);
    }

    public void Clear(FeedFolder folder, string name)
    {
        var path = PathOf(folder, name);
        if (File.Exists(path))
        {
            File.Delete(path);
        }
    }

    private string PathOf(FeedFolder folder, string name) => Path.Join(directory, folder.Department, folder.Feed, name + ".json");
}
