namespace IntegrationHub.Flows.Federation.Transfers;

/// <summary>A transfer as <c>GET /api/transfers/{id}</c> shows it: where it stands and every step it took.</summary>
/// <param name="PersonId">The person at this hub (formatted, <c>P…</c>); at the destination once accepted.</param>
/// <param name="Graduate">The package's graduate ledger entries and follow-up history (as sent, on both sides); null if none.</param>
public sealed record TransferView(Guid Id, string Role, string Peer, string? PersonId, string Status, string? StatusReason, string Reason,
    string Trigger, DateOnly TransferDate, int Attempts, string? LastError, IReadOnlyList<TransferStep> History)
{
    public System.Text.Json.Nodes.JsonObject? Graduate { get; init; }
}

/// <summary>One step of a transfer: the state reached, when, why, and the id of the signed message that carried it.</summary>
public sealed record TransferStep(string Status, DateTimeOffset At, string? Reason, string? MessageId);
