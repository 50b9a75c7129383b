using IntegrationHub.Labor.Evidence;

namespace IntegrationHub.Labor.Difficulty;

/// <summary>Whether the person's household is a zero-employment household, as the household pass last found it.</summary>
internal sealed record HouseholdStanding(bool ZeroEmployment, DateOnly? AsOf, IReadOnlyList<SourceRef> Sources)
{
    public static HouseholdStanding None { get; } = new(false, null, []);
}
