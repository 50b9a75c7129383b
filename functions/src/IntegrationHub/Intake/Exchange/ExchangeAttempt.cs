namespace IntegrationHub.Intake.Exchange;

/// <summary>How often the hub has tried one version of an inbox file, when last, and how the last try ended (null: it never ended).</summary>
/// <remarks>Stored by <see cref="ExchangeAttempts"/>, its members camel-cased (<c>lastWriteUtc</c>).</remarks>
internal sealed record ExchangeAttempt(
    int Attempts, long Length, DateTime LastWriteUtc, DateTimeOffset LastAttemptAt, ReportedError? LastError)
{
    public bool Describes(FileStamp stamp) => Length == stamp.Length && LastWriteUtc == stamp.LastWriteUtc;

    /// <summary>When the next attempt may start: <paramref name="retryAfter"/> after the first, doubling after each further one.</summary>
    public DateTimeOffset NextAttemptAt(TimeSpan retryAfter) => LastAttemptAt + retryAfter * Math.Pow(2, Math.Min(Attempts - 1, 16));
}
