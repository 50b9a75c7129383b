namespace IntegrationHub.Identity.Matching;

/// <summary>A model as stored with its fit: <c>{"m": {"Name": [..], ..}, "u": {..}}</c>. Fields missing from the JSON keep the default.</summary>
internal static class MatchModelJson
{
    public static string Write(MatchModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        return new JsonObject
        {
            ["m"] = Side(model.M),
            ["u"] = Side(model.U),
        }.ToJsonString();
    }

    public static MatchModel Read(string json)
    {
        var root = JsonNode.Parse(json)!.AsObject();
        var fallback = MatchModel.Default();
        return new MatchModel(Side(root["m"], fallback.M), Side(root["u"], fallback.U));
    }

    private static JsonObject Side(Dictionary<MatchField, double[]> side) =>
        new(side.Select(p => KeyValuePair.Create(p.Key.ToString(), (JsonNode?)new JsonArray(p.Value.Select(v => (JsonNode?)v).ToArray()))));

    private static Dictionary<MatchField, double[]> Side(JsonNode? node, Dictionary<MatchField, double[]> fallback) =>
        fallback.ToDictionary(p => p.Key, p => node?[p.Key.ToString()] is JsonArray values && values.Count == p.Value.Length
            ? values.Select(v => v!.GetValue<double>()).ToArray()
            : (double[])p.Value.Clone());
}
