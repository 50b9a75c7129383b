namespace IntegrationHub.Flows.Exchange;

/// <summary>A setting of the exchange flow the hub refuses to start with: its configuration key and why.</summary>
public sealed class ExchangeConfigurationException(string key, string reason) : Exception($"Setting {key}: {reason}")
{
    public string Key { get; } = key;

    public string Reason { get; } = reason;
}
