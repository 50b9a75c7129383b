using IntegrationHub.Labor.Evidence;

namespace IntegrationHub.Labor.Employment;

/// <summary>HR's registration that an employment ended; <see cref="Employer"/> null ends every employer's.</summary>
internal sealed record EmploymentEnd(string? Employer, DateOnly Date, SourceRef Source);
