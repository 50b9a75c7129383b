namespace IntegrationHub.Identity.Linking;

/// <summary>What one linking step did: lines examined, records linked, sent to review, deferred to the probabilistic matcher.</summary>
public sealed record LinkOutcome(int Lines, int Linked, int Review, int Deferred)
{
    public static LinkOutcome Nothing { get; } = new(0, 0, 0, 0);

    public LinkOutcome Add(LinkOutcome other) =>
        new(Lines + other.Lines, Linked + other.Linked, Review + other.Review, Deferred + other.Deferred);
}
