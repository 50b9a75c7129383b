using IntegrationHub.Labor.Evidence;

namespace IntegrationHub.Labor.Employment;

/// <summary>An employment spell as derived from the evidence, before it is matched to the spell ids already given out.
/// <see cref="Employer"/> is null for a self-paying (flexible) worker; <see cref="EndedBy"/> is null while open.</summary>
internal sealed record SpellCandidate(string? Employer, string Form, Month From, Month Last, bool Open, string? EndedBy,
    IReadOnlyList<SourceRef> Sources);
