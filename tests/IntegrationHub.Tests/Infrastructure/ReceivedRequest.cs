namespace IntegrationHub.Tests.Infrastructure;

/// <summary>One request as <see cref="RecordingListener"/> got it, and the status it answered.</summary>
public sealed record ReceivedRequest(string Method, string PathAndQuery, IReadOnlyDictionary<string, string> Headers, byte[] Body)
{
    public int Status { get; set; }

    public string Text => Encoding.UTF8.GetString(Body);

    public string Header(string name) => Headers.TryGetValue(name, out var value) ? value : "";
}
