namespace IntegrationHub.Tests.Infrastructure;

/// <summary>
/// Keeps the bodies the hub really answered with, named by the OpenAPI schema they must match, when
/// <c>HUB_CAPTURE_RESPONSES</c> names a folder; <c>./hub test</c> then validates them against contracts/openapi.yaml.
/// </summary>
public static class ResponseCapture
{
    private static int counter;

    public static void Save(string schema, string body) => SaveTo("HUB_CAPTURE_RESPONSES", schema, body);

    /// <summary>A reply of the peer interface, validated against contracts/peer-openapi.yaml (<c>HUB_CAPTURE_PEER_RESPONSES</c>).</summary>
    public static void SavePeer(string schema, string body) => SaveTo("HUB_CAPTURE_PEER_RESPONSES", schema, body);

    private static void SaveTo(string variable, string schema, string body)
    {
        if (Environment.GetEnvironmentVariable(variable) is not { Length: > 0 } directory)
        {
            return;
        }

        Directory.CreateDirectory(directory);
        var n = Interlocked.Increment(ref counter).ToString(CultureInfo.InvariantCulture);
        File.WriteAllText(Path.Combine(directory, $"{schema}.{n}.json"), body);
    }
}
