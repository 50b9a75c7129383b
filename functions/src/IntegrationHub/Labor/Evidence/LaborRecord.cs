namespace IntegrationHub.Labor.Evidence;

/// <summary>The current version of a source record linked to the person, read defensively: a field that is missing or
/// not what the feed promises reads as null, so odd input never stops the worker.</summary>
public sealed record LaborRecord(SourceRef Source, JsonObject Payload, DateTimeOffset ReceivedAt)
{
    public bool Is(string department, string feed) => Source.Department == department && Source.Feed == feed;

    public string? Text(string field) =>
        Payload[field] is JsonValue value && value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : null;

    public bool? Flag(string field) =>
        Payload[field] is JsonValue value && value.GetValueKind() is JsonValueKind.True or JsonValueKind.False ? value.GetValue<bool>() : null;

    public bool Has(string field) => Payload[field] is not null;

    public DateOnly? Date(string field) => ParseDate(Text(field));

    public Month? MonthOf(string field) => Month.Parse(Text(field));

    public static DateOnly? ParseDate(string? text) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) ? date : null;
}
