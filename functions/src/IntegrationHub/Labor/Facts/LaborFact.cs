using IntegrationHub.Labor.Evidence;

namespace IntegrationHub.Labor.Facts;

/// <summary>
/// One fact of a person: an employment spell, a registered-unemployment episode or a difficulty category. Data holds
/// its public fields (the closing ones too once closed), detail what the worker needs to recognise it next time.
/// </summary>
internal sealed record LaborFact(FactKind Kind, string Key, bool Open, JsonObject Data, JsonObject Detail, IReadOnlyList<SourceRef> Sources)
{
    public bool SameAs(LaborFact other) =>
        Open == other.Open && JsonNode.DeepEquals(Data, other.Data) && JsonNode.DeepEquals(Detail, other.Detail)
        && SourceRef.ToJson(Sources).ToJsonString() == SourceRef.ToJson(other.Sources).ToJsonString();
}
