namespace IntegrationHub.Events.Subscriptions;

/// <summary>An <c>eventTypes</c> entry: an exact type or a prefix ending in <c>*</c>.</summary>
internal static class EventTypePattern
{
    public static bool Matches(string pattern, string type) => pattern.EndsWith('*')
        ? type.StartsWith(pattern[..^1], StringComparison.Ordinal)
        : string.Equals(pattern, type, StringComparison.Ordinal);

    /// <summary>Known when it names a type the hub emits, or is a prefix of at least one.</summary>
    public static bool IsKnown(string pattern) => EventTypes.All.Any(type => Matches(pattern, type));

    /// <summary>The pattern for SQL <c>LIKE</c> (with the default backslash escape).</summary>
    public static string ToLike(string pattern)
    {
        var exact = pattern.EndsWith('*') ? pattern[..^1] : pattern;
        var escaped = exact.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal)
            .Replace("_", "\\_", StringComparison.Ordinal);
        return pattern.EndsWith('*') ? escaped + "%" : escaped;
    }
}
