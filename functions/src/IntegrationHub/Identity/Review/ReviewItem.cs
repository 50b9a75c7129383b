namespace IntegrationHub.Identity.Review;

/// <summary>An open doubt: should this record version belong to this person? With both sides to judge by.</summary>
public sealed record ReviewItem(
    [property: JsonPropertyName("reviewId")] long ReviewId,
    [property: JsonPropertyName("record")] RecordKey Record,
    [property: JsonPropertyName("version")] int Version,
    [property: JsonPropertyName("personId")] string PersonId,
    [property: JsonPropertyName("reason")] string Reason,
    [property: JsonPropertyName("score")] double Score,
    [property: JsonPropertyName("createdAt")] DateTimeOffset CreatedAt,
    [property: JsonPropertyName("recordData")] JsonNode RecordData,
    [property: JsonPropertyName("personData")] JsonNode PersonData);
