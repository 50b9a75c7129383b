namespace IntegrationHub.Bench.Generation;

/// <summary>
/// A person's identity fields as one department wrote them into one record, with what went wrong.
/// <paramref name="BaseIdNumber"/> is the correct 18-digit number the department started from (the former number when it
/// used a stale one); the written <paramref name="IdNumber"/> is derived from it by the recorded corruptions alone.
/// </summary>
public sealed record IdentityFields(
    string? IdNumber, string Name, string? BirthDate, string? Phone, Corruption Corruptions, string BaseIdNumber);
