namespace IntegrationHub.Events.Subscriptions;

/// <summary>How the hub authorizes to a Service Bus destination.</summary>
internal static class ServiceBusAuth
{
    /// <summary>A shared access signature of the destination's rule (keyName, key): the default.</summary>
    public const string Sas = "sas";

    /// <summary>A Microsoft Entra ID token of the hub's own identity (DefaultAzureCredential: managed identity in Azure),
    /// which needs the Azure Service Bus Data Sender role on the topic; no key is stored.</summary>
    public const string Entra = "entra";

    public const string Scope = "https://servicebus.azure.net/.default";

    public static IReadOnlyList<string> All { get; } = [Sas, Entra];
}
