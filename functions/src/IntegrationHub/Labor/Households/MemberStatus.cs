using IntegrationHub.Labor.Evidence;

namespace IntegrationHub.Labor.Households;

/// <summary>What the household pass needs of a person (<c>labor_person</c>): their household, birth date and sex for
/// working age (civil affairs' own working-age view when the birth date is unknown), whether they are employed this month
/// or in study, and the records saying so.</summary>
internal sealed record MemberStatus(long PersonId, string? HouseholdNumber, DateOnly? BirthDate, string? Gender, bool? WorkingAgeHint,
    bool Employed, bool InStudy, IReadOnlyList<SourceRef> Sources)
{
    /// <summary>Whether the household pass must look again: anything it reads changed.</summary>
    public bool DiffersForHousehold(MemberStatus? other) =>
        other is null || HouseholdNumber != other.HouseholdNumber || BirthDate != other.BirthDate || Gender != other.Gender
        || WorkingAgeHint != other.WorkingAgeHint || Employed != other.Employed || InStudy != other.InStudy;
}
