namespace IntegrationHub.Events.Destinations;

/// <summary>What became of one request to a destination. <see cref="CircuitOpen"/>: not sent at all (the destination's
/// circuit is open), which costs the deliveries no attempt.</summary>
public sealed record SendOutcome(bool Delivered, string? Error, bool CircuitOpen = false, TimeSpan? RetryAfter = null)
{
    public static SendOutcome Success { get; } = new(true, null);

    public static SendOutcome Failed(string error) => new(false, error);
}
