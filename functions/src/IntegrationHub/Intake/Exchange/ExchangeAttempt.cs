namespace IntegrationHub.Intake.Exchange;

/// <summary>How often the hub has tried one version of an inbox file, when last, and how the last try ended (null: it never ended).</summary>
internal sealed record ExchangeAttempt(
    [property: JsonPropertyName("attempts")] int Attempts,
    [property: JsonPropertyName("length")] long Length,
    [property: JsonPropertyName("lastWriteUtc")] DateTime LastWriteUtc,
    [property: JsonPropertyName("lastAttemptAt")] DateTimeOffset LastAttemptAt,
    [property: JsonPropertyName("lastError")] ReportedError? LastError)
{
    public bool Describes(FileStamp stamp) => Length == stamp.Length && LastWriteUtc == stamp.LastWriteUtc;

    /// <summary>When the next attempt may start: <paramref name="retryAfter"/> after the first, doubling after each further one.</summary>
    public DateTimeOffset NextAttemptAt(TimeSpan retryAfter) => LastAttemptAt + retryAfter * Math.Pow(2, Math.Min(Attempts - 1, 16));
}
