using IntegrationHub.Labor.Evidence;

namespace IntegrationHub.Labor.Published;

/// <summary>What labor knows of one person, for the flows: who they are (birth date, sex, hukou region), their household's
/// zero-employment standing and every stored fact, each with the records it stands on.</summary>
/// <remarks><see cref="MergedInto"/> is set for a person merged into another; such a person has no facts of its own.</remarks>
public sealed record PersonLaborView(
    long PersonId,
    long? MergedInto,
    DateOnly? BirthDate,
    string? Gender,
    bool? WorkingAge,
    string? HukouRegion,
    SourceRef? HukouSource,
    string? HouseholdNumber,
    bool ZeroEmploymentHousehold,
    IReadOnlyList<SourceRef> HouseholdSources,
    IReadOnlyList<LaborFactView> Facts)
{
    /// <summary>Whole years of age on <paramref name="day"/>; null when the birth date is unknown.</summary>
    public int? AgeOn(DateOnly day) => new PersonProfile(BirthDate, Gender, null, null).AgeOn(day);

    public IEnumerable<LaborFactView> OfKind(string kind) => Facts.Where(f => f.Kind == kind);
}
