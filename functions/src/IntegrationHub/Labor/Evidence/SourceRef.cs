namespace IntegrationHub.Labor.Evidence;

/// <summary>One version of one source record: what a fact stands on.</summary>
public sealed record SourceRef(string Department, string Feed, string RecordId, int Version) : IComparable<SourceRef>
{
    public int CompareTo(SourceRef? other) =>
        other is null ? 1
        : string.CompareOrdinal(Department, other.Department) is not 0 and var d ? d
        : string.CompareOrdinal(Feed, other.Feed) is not 0 and var f ? f
        : string.CompareOrdinal(RecordId, other.RecordId) is not 0 and var r ? r
        : Version.CompareTo(other.Version);

    public JsonObject ToJson() => new()
    {
        ["department"] = Department,
        ["feed"] = Feed,
        ["recordId"] = RecordId,
        ["version"] = Version,
    };

    public static SourceRef FromJson(JsonNode node) =>
        new(node["department"]!.GetValue<string>(), node["feed"]!.GetValue<string>(), node["recordId"]!.GetValue<string>(),
            node["version"]!.GetValue<int>());

    /// <summary>Sorted and without repeats, so that the same records always give the same array.</summary>
    public static JsonArray ToJson(IEnumerable<SourceRef> sources) => [.. sources.Distinct().Order().Select(s => (JsonNode)s.ToJson())];

    public static List<SourceRef> ListFromJson(JsonNode? node) => node is JsonArray array ? [.. array.Select(n => FromJson(n!))] : [];
}
