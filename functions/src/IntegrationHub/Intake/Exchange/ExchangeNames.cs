namespace IntegrationHub.Intake.Exchange;

/// <summary>Which names in a feed folder are batches to take, and in which format.</summary>
internal static class ExchangeNames
{
    /// <summary>The format of a finished batch file; null for anything else.</summary>
    /// <remarks>A name starting with a dot or ending in <c>.part</c> is a file still being written, by the departments'
    /// convention: it is renamed when complete. Reports and manifests are the hub's and the departments' notes, not batches.</remarks>
    public static BatchFormat? Format(string name)
    {
        if (name.StartsWith('.') || name.EndsWith(".part", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var lower = name.ToLowerInvariant();
        return lower.EndsWith(".json", StringComparison.Ordinal) && !lower.EndsWith(".report.json", StringComparison.Ordinal) ? BatchFormat.Json
            : lower.EndsWith(".ndjson", StringComparison.Ordinal) || lower.EndsWith(".ndjson.gz", StringComparison.Ordinal) ? BatchFormat.Ndjson
            : null;
    }
}
