namespace IntegrationHub.Flows.Exchange.Findings;

/// <summary>A finding as a comparison produced it now; <see cref="FindingStore"/> makes it open, keeps it, or resolves
/// the stored ones no comparison produces any more.</summary>
/// <param name="Key">Tells apart two findings of one rule, department and person (the registration or grant concerned).</param>
/// <param name="Evidence">The other departments' feeds it stands on, as <c>{department, feed}</c>: never their values.</param>
/// <param name="Detail">What the rule's legal basis allows it to show (its <c>mayShow</c>).</param>
/// <param name="NumberCipher">The identity number the department itself sent, encrypted, for number findings.</param>
internal sealed record FindingDraft(
    string RuleId,
    string Department,
    long PersonId,
    string Key,
    IReadOnlyList<string> RecordIds,
    string PeriodFrom,
    string PeriodTo,
    JsonArray Evidence,
    JsonObject Detail,
    byte[]? NumberCipher)
{
    /// <summary>Whether the stored finding says the same as this draft (its content, not its times).</summary>
    public bool SameAs(StoredFinding stored) =>
        RecordIds.SequenceEqual(stored.Content.RecordIds) && PeriodFrom == stored.Content.PeriodFrom && PeriodTo == stored.Content.PeriodTo
        && JsonNode.DeepEquals(Evidence, stored.Content.Evidence) && JsonNode.DeepEquals(Detail, stored.Content.Detail);
}
