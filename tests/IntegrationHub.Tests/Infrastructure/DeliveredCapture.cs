namespace IntegrationHub.Tests.Infrastructure;

/// <summary>
/// Keeps, byte for byte, every delivery the tests' receivers got from the hub (a webhook's CloudEvent or batch, a Service
/// Bus Send Message Batch, a pull page) when <c>HUB_CAPTURE_DELIVERED</c> names a folder; <c>./hub test</c> then checks
/// each CloudEvent in them against contracts/events (contracts/tools/check-delivered.mjs).
/// </summary>
public static class DeliveredCapture
{
    public const string Variable = "HUB_CAPTURE_DELIVERED";
    private static int counter;

    /// <summary>A request to a receiver standing in for a webhook or Service Bus, named by its content type so the check
    /// knows how to read it (and fails one that is none of the hub's).</summary>
    public static void SaveRequest(ReceivedRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var contentType = request.Header("Content-Type").Split(';')[0].Trim();
        var kind = contentType switch
        {
            "application/cloudevents+json" => "cloudevent",
            "application/cloudevents-batch+json" => "batch",
            "application/vnd.microsoft.servicebus.json" => "servicebus",
            _ => "unknown",
        };
        Save(kind, request.Body);
    }

    /// <summary>A page of the pull feed as the subscriber read it.</summary>
    public static void SavePullPage(byte[] body) => Save("pull", body);

    private static void Save(string kind, byte[] body)
    {
        if (Environment.GetEnvironmentVariable(Variable) is not { Length: > 0 } directory)
        {
            return;
        }

        Directory.CreateDirectory(directory);
        var n = Interlocked.Increment(ref counter).ToString(CultureInfo.InvariantCulture);
        File.WriteAllBytes(Path.Combine(directory, $"{kind}.{n}.json"), body);
    }
}
