namespace IntegrationHub.Events.Dispatch;

/// <summary>Jittered exponential backoff: after attempt n, wait base·2^(n-1), capped, times a random factor in [0.5, 1.5)
/// so that deliveries failed together do not all come back together.</summary>
internal static class Backoff
{
    public static TimeSpan After(int attempts, TimeSpan baseDelay, TimeSpan maxDelay, double random)
    {
        var exponent = Math.Clamp(attempts - 1, 0, 30);
        var delay = Math.Min(baseDelay.TotalMilliseconds * Math.Pow(2, exponent), maxDelay.TotalMilliseconds);
        return TimeSpan.FromMilliseconds(delay * (0.5 + random));
    }
}
