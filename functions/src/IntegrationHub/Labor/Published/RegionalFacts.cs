namespace IntegrationHub.Labor.Published;

/// <summary>One stored labor fact reduced to what regional statistics count: the person, their hukou region and household, the
/// kind, the difficulty category, the period's start and end as stored, and an unemployment registration's region.</summary>
/// <remarks><see cref="From"/> and <see cref="To"/> are months (<c>YYYY-MM</c>) for <c>employment</c>, dates
/// (<c>YYYY-MM-DD</c>) for <c>unemployment</c> (registered, ended) and <c>difficulty</c> (since, until); <see cref="To"/> is
/// null while the fact is open.</remarks>
public sealed record RegionalFact(long PersonId, string? HukouRegion, string? HouseholdNumber, string Kind, string? Category, string? From,
    string? To, string? RegistrationRegion);

/// <summary>Labor's read face for regional statistics: every stored employment, unemployment and difficulty fact of the persons
/// not merged into another, streamed in no particular order. It reads what the labor worker last wrote.</summary>
public static class RegionalFacts
{
    public static async IAsyncEnumerable<RegionalFact> ReadAsync(NpgsqlDataSource dataSource,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("""
            SELECT f.person_id, p.golden -> 'hukouRegion' ->> 'value', lp.household_number, f.kind, f.data ->> 'category',
                   CASE f.kind WHEN 'employment' THEN f.data ->> 'from' WHEN 'unemployment' THEN f.data ->> 'registeredOn'
                        ELSE f.data ->> 'since' END,
                   CASE f.kind WHEN 'employment' THEN f.data ->> 'to' WHEN 'unemployment' THEN f.data ->> 'endedOn'
                        ELSE f.data ->> 'until' END,
                   f.data ->> 'registrationRegion'
            FROM labor_fact f
            JOIN person p ON p.person_id = f.person_id AND p.merged_into IS NULL
            LEFT JOIN labor_person lp ON lp.person_id = f.person_id
            WHERE f.kind IN ('employment', 'unemployment', 'difficulty')
            """);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            yield return new RegionalFact(reader.GetInt64(0), Text(reader, 1), Text(reader, 2), reader.GetString(3), Text(reader, 4),
                Text(reader, 5), Text(reader, 6), Text(reader, 7));
        }
    }

    private static string? Text(NpgsqlDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);
}
