namespace IntegrationHub.Events.Pull;

/// <summary>A position in one subscription's feed: <c>{subscription id}-{delivery id}</c>. It names its subscription, so
/// a cursor handed to another subscription is recognised as not its own.</summary>
internal readonly record struct PullCursor(long SubscriptionId, long DeliveryId)
{
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{SubscriptionId}-{DeliveryId}");

    public static bool TryParse(string? text, out PullCursor cursor)
    {
        cursor = default;
        var dash = text?.IndexOf('-', StringComparison.Ordinal) ?? -1;
        if (text is null || dash <= 0
            || !long.TryParse(text.AsSpan(0, dash), NumberStyles.None, CultureInfo.InvariantCulture, out var subscription)
            || !long.TryParse(text.AsSpan(dash + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var delivery))
        {
            return false;
        }

        cursor = new PullCursor(subscription, delivery);
        return true;
    }
}
