namespace IntegrationHub.Intake.Exchange;

/// <summary>A file's manifest, <c>{file}.done</c>: empty, or the file's SHA-256 in hex as the first word (as <c>sha256sum</c> prints it).</summary>
internal static class DoneManifest
{
    private const int MostRead = 4096;

    /// <summary>Null when the file agrees with its manifest; otherwise why not. The file is read whole and rewound.</summary>
    public static async Task<IntakeOutcome?> CheckAsync(FileStream file, FileStream manifest, CancellationToken cancellationToken)
    {
        var buffer = new byte[MostRead];
        var read = await manifest.ReadAtLeastAsync(buffer, MostRead, throwOnEndOfStream: false, cancellationToken);
        var words = Encoding.UTF8.GetString(buffer, 0, read).Split((char[]?)null, 2, StringSplitOptions.RemoveEmptyEntries);
        if (words.Length == 0)
        {
            return null;
        }

        if (words[0].Length != 64 || !words[0].All(char.IsAsciiHexDigit))
        {
            return IntakeOutcome.Refused(RefusalKind.Invalid, "manifest-invalid",
                "The .done manifest must be empty or begin with the file's SHA-256 in hex (as sha256sum prints it). Nothing was stored.");
        }

        var actual = await SHA256.HashDataAsync(file, cancellationToken);
        file.Position = 0;
        return actual.AsSpan().SequenceEqual(Convert.FromHexString(words[0])) ? null : IntakeOutcome.Refused(RefusalKind.Invalid,
            "manifest-mismatch", "The file's SHA-256 is not the one its .done manifest gives: the file is incomplete or damaged. "
            + "Nothing was stored; send it again, with its manifest.");
    }
}
