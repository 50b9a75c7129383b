using IntegrationHub.Labor.Evidence;

namespace IntegrationHub.Labor.Unemployment;

/// <summary>A person's registered-unemployment episodes as labor derives them, for the flows that compare them.</summary>
/// <remarks>The flows read the episodes through this and not through <c>labor_fact</c>, so that a comparison and the
/// labor fact always stand on the same records with the same rules.</remarks>
public static class RegisteredUnemployment
{
    /// <summary>The episodes of <paramref name="evidence"/> as of <paramref name="today"/>, in date order.</summary>
    public static IReadOnlyList<UnemploymentSpan> Of(PersonEvidence evidence, DateOnly today) =>
        [.. UnemploymentBuilder.Build(evidence, new NextChange(today))
            .Select(e => new UnemploymentSpan(e.Key, e.RegisteredOn, e.EndedOn, [.. e.Sources]))];
}

/// <summary>One registered-unemployment episode: <see cref="RegistrationRecordId"/> opened it; open while
/// <see cref="EndedOn"/> is null.</summary>
public sealed record UnemploymentSpan(string RegistrationRecordId, DateOnly RegisteredOn, DateOnly? EndedOn, IReadOnlyList<SourceRef> Sources)
{
    public bool Open => EndedOn is null;
}
