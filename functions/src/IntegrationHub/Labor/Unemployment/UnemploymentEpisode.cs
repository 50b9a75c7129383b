using IntegrationHub.Labor.Evidence;

namespace IntegrationHub.Labor.Unemployment;

/// <summary>A registered-unemployment episode: from HR's unemployment registration until its end (null while it runs).
/// <see cref="Key"/> is the registration that opened it.</summary>
internal sealed record UnemploymentEpisode(string Key, DateOnly RegisteredOn, string? Region, DateOnly? EndedOn, List<SourceRef> Sources)
{
    public bool Open => EndedOn is null;
}
