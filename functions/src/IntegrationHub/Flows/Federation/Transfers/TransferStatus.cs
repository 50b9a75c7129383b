namespace IntegrationHub.Flows.Federation.Transfers;

/// <summary>The states of a transfer, the same on both hubs: requested → sent → received → accepted | rejected.</summary>
public static class TransferStatus
{
    public const string Requested = "requested";
    public const string Sent = "sent";
    public const string Received = "received";
    public const string Accepted = "accepted";
    public const string Rejected = "rejected";

    public static bool IsFinal(string status) => status is Accepted or Rejected;
}
