namespace IntegrationHub.Identity.Lookup;

/// <summary>A person found by a search: enough to tell namesakes apart and open the right one.</summary>
/// <param name="IdNumber">The person's trusted identity number, masked unless the reader is entitled; null when it has none.</param>
public sealed record PersonSummary(string PersonId, string? Name, string? BirthDate, string? Gender, string? IdNumber, bool IdNumberMasked,
    int Records);
