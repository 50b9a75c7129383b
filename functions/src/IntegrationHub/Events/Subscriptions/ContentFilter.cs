namespace IntegrationHub.Events.Subscriptions;

/// <summary>
/// What a subscription takes of the events of its types: only subjects whose region (<see cref="RegionOf"/>: the hukou
/// region of a person, or the registration region: a person's HR registration, an employer's credit code) starts with
/// one of <see cref="RegionPrefixes"/>, and only policy events of <see cref="PolicyIds"/>. Empty lists filter nothing.
/// </summary>
/// <remarks>The region is read from the event's data (<c>hukouRegion</c>, <c>registrationRegion</c>): an event that does
/// not carry it does not pass a region filter. Policy events carry both.</remarks>
public sealed record ContentFilter(IReadOnlyList<string> RegionPrefixes, string RegionOf, IReadOnlyList<string> PolicyIds)
{
    public const string Hukou = "hukou";
    public const string Registration = "registration";

    public JsonObject ToJson()
    {
        var json = new JsonObject { ["regionOf"] = RegionOf };
        if (RegionPrefixes.Count > 0)
        {
            json["regionPrefixes"] = new JsonArray([.. RegionPrefixes.Select(p => (JsonNode)p)]);
        }

        if (PolicyIds.Count > 0)
        {
            json["policyIds"] = new JsonArray([.. PolicyIds.Select(p => (JsonNode)p)]);
        }

        return json;
    }

    public static ContentFilter? FromJson(string? text) => text is null || JsonNode.Parse(text) is not JsonObject json
        ? null
        : new ContentFilter(Strings(json["regionPrefixes"]), json["regionOf"]?.GetValue<string>() ?? Hukou, Strings(json["policyIds"]));

    private static List<string> Strings(JsonNode? node) => node is JsonArray array ? [.. array.Select(n => n!.GetValue<string>())] : [];
}
