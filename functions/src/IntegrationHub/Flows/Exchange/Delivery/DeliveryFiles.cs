namespace IntegrationHub.Flows.Exchange.Delivery;

/// <summary>Writes one delivery's NDJSON file and then its manifest (counts and SHA-256 of the file), the manifest last: a
/// department that sees the manifest knows the file is whole.</summary>
internal static class DeliveryFiles
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    private static readonly JsonSerializerOptions Indented = new(Json) { WriteIndented = true };

    /// <summary>Writes <paramref name="lines"/> as <c>{stem}.ndjson</c> and the manifest as <c>{stem}.manifest.json</c> with
    /// <paramref name="manifest"/>'s fields plus <c>file</c>, <c>records</c> and <c>sha256</c>; returns both names.</summary>
    public static async Task<(string File, string Manifest, string Sha256)> WriteAsync<T>(OutboxFolder folder, string stem,
        IReadOnlyList<T> lines, Dictionary<string, object?> manifest, CancellationToken cancellationToken)
    {
        var name = stem + ".ndjson";
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        await folder.WriteAsync(name, async stream =>
        {
            foreach (var line in lines)
            {
                var bytes = JsonSerializer.SerializeToUtf8Bytes(line, Json);
                hash.AppendData(bytes);
                hash.AppendData("\n"u8);
                await stream.WriteAsync(bytes, cancellationToken);
                await stream.WriteAsync("\n"u8.ToArray(), cancellationToken);
            }
        }, cancellationToken);
        var sha256 = Convert.ToHexStringLower(hash.GetHashAndReset());
        manifest["file"] = name;
        manifest["records"] = lines.Count;
        manifest["sha256"] = sha256;
        var manifestName = stem + ".manifest.json";
        await folder.WriteAsync(manifestName, stream => JsonSerializer.SerializeAsync(stream, manifest, Indented, cancellationToken), cancellationToken);
        return (name, manifestName, sha256);
    }
}
