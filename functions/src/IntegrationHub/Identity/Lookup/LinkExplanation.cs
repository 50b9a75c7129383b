namespace IntegrationHub.Identity.Lookup;

/// <summary>Why a record is linked to its person: each field the matcher compares, its agreement level and its weight in the score.</summary>
/// <param name="Method"><c>deterministic</c> (a valid identity number decided, the fields are shown for information),
/// <c>probabilistic</c> (the score decided), <c>new-person</c> (nothing scored high enough: the record founded the person),
/// <c>reviewer</c> (a reviewer accepted it) or <c>split</c> (moved here by a split).</param>
/// <param name="ComparedRecords">How many records the person held when the link was made: the comparison is with the golden
/// record they make, as the matcher saw it (none for a record that founded its person).</param>
/// <param name="Score">The sum of the compared fields' weights, in bits; <see cref="LinkRow.Score"/> is what was stored then.</param>
public sealed record LinkExplanation(LinkRow Link, string Method, int ComparedRecords, MatchModelUsed Model,
    IReadOnlyList<FieldComparison> Fields, double Score, MatchThresholds Thresholds);

/// <summary>One compared field: its agreement level (0 agrees most) and name, its m and u, and its weight log2(m/u); a field one side
/// lacks is not compared and weighs nothing.</summary>
public sealed record FieldComparison(string Field, bool Compared, int? Level, string? Agreement, double? M, double? U, double Weight);

/// <summary>The model the weights come from: the EM fit in force when the link was made (its id and time), or the priors.</summary>
public sealed record MatchModelUsed(long? FitId, DateTimeOffset? FittedAt);

/// <summary>The matcher's grades in bits: certain links, probable and possible go to review, margin is the lead a certain best needs.</summary>
public sealed record MatchThresholds(double Certain, double Probable, double Possible, double Margin);
