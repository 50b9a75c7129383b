namespace IntegrationHub.Identity.Review;

public sealed record RecordKey(
    [property: JsonPropertyName("department")] string Department,
    [property: JsonPropertyName("feed")] string Feed,
    [property: JsonPropertyName("recordId")] string RecordId);
