namespace IntegrationHub.Identity.Matching;

/// <summary>What a record or a person offers for comparison. Absent fields are null and are left out of the score.</summary>
public sealed record MatchFeatures(
    string? Name,
    IReadOnlyList<string> FormerNames,
    DateOnly? BirthDate,
    string? Gender,
    string? Region,
    string? Phone,
    string? Employer)
{
    private static readonly string[] RegionFields = ["hukouRegion", "registrationRegion", "insuredRegion", "assistanceRegion", "issuingRegion"];

    public static MatchFeatures FromRecord(JsonObject payload, DateOnly? birthFromNumber, string? sexFromNumber) => new(
        Text(payload, "name"),
        payload["formerNames"] is JsonArray former ? former.Select(n => n!.GetValue<string>()).ToList() : [],
        Date(Text(payload, "birthDate")) ?? birthFromNumber,
        Text(payload, "gender") is "1" or "2" ? Text(payload, "gender") : sexFromNumber,
        RegionFields.Select(f => Text(payload, f)).FirstOrDefault(r => r is not null),
        Text(payload, "phone"),
        Text(payload, "employerCreditCode"));

    public static MatchFeatures FromGolden(JsonObject golden) => new(
        Survivorship.Value(golden, "name"),
        golden["formerNames"]?["value"] is JsonArray former ? former.Select(n => n!.GetValue<string>()).ToList() : [],
        Date(Survivorship.Value(golden, "birthDate")),
        Survivorship.Value(golden, "gender"),
        Survivorship.Value(golden, "hukouRegion"),
        Survivorship.Value(golden, "phone"),
        null);

    private static string? Text(JsonObject payload, string field) =>
        payload[field] is JsonValue value && value.TryGetValue<string>(out var text) && text.Length > 0 ? text : null;

    private static DateOnly? Date(string? text) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) ? date : null;
}
