namespace IntegrationHub.Identity.Matching;

/// <summary>One stored EM estimate: what it was fitted on and when.</summary>
public sealed record MatchModelFit(long FitId, DateTimeOffset FittedAt, int Pairs, int Records, long LinksSeen, double MatchShare, MatchModel Model);
