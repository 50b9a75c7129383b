namespace IntegrationHub.Identity.Linking.Setwise;

/// <summary>What the survivorship fold of a segment decided: each valid record's person and whether it goes to review,
/// the blocking keys of the persons that gained records, and the golden records that changed.</summary>
internal sealed record SetwiseFold(
    List<(int Line, long Person, bool Review)> Outcomes,
    List<(byte[] Key, long Person)> Blocks,
    List<(long Person, string Golden)> Goldens)
{
    public int Linked => Outcomes.Count(o => !o.Review);

    public int Review => Outcomes.Count(o => o.Review);
}
