using IntegrationHub.Labor.Evidence;

namespace IntegrationHub.Flows.Policy.Rules;

/// <summary>The value of one fact for one subject (null: unknown) and the source records it was read from.</summary>
public sealed record FactValue(JsonNode? Value, IReadOnlyList<SourceRef> Sources)
{
    public static FactValue Unknown { get; } = new(null, []);
}
