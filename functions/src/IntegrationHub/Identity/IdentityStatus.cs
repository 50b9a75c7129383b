using IntegrationHub.Intake.Published;

namespace IntegrationHub.Identity;

/// <summary>How far linking has got: lines stored but not linked, records deferred or in review, persons, links.</summary>
public sealed record IdentityStatus(
    [property: JsonPropertyName("unlinkedLines")] long UnlinkedLines,
    [property: JsonPropertyName("deferred")] long Deferred,
    [property: JsonPropertyName("openReviews")] long OpenReviews,
    [property: JsonPropertyName("persons")] long Persons,
    [property: JsonPropertyName("links")] long Links)
{
    public static async Task<IdentityStatus> ReadAsync(NpgsqlDataSource dataSource, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand($"""
            SELECT ({StoredLines.UnlinkedCount}),
                   (SELECT count(*) FROM link_deferred),
                   (SELECT count(*) FROM review_item WHERE decided_at IS NULL),
                   (SELECT count(*) FROM person WHERE merged_into IS NULL),
                   (SELECT count(*) FROM person_link)
            """);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return new IdentityStatus(reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2), reader.GetInt64(3), reader.GetInt64(4));
    }
}
