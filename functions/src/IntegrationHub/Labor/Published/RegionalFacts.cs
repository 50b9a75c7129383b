namespace IntegrationHub.Labor.Published;

/// <summary>One stored labor fact reduced to what regional statistics count: the person, their hukou region and household, the
/// kind, the difficulty category, the period's start and end as stored, and an unemployment registration's region.</summary>
/// <remarks><see cref="From"/> and <see cref="To"/> are months (<c>YYYY-MM</c>) for <c>employment</c>, dates
/// (<c>YYYY-MM-DD</c>) for <c>unemployment</c> (registered, ended) and <c>difficulty</c> (since, until); <see cref="To"/> is
/// null while the fact is open.</remarks>
public sealed record RegionalFact(long PersonId, string? HukouRegion, string? HouseholdNumber, string Kind, string? Category, string? From,
    string? To, string? RegistrationRegion);

/// <summary>Labor's read face for regional statistics: the stored employment, unemployment and difficulty facts of the persons
/// not merged into another that bear on one month in one region, streamed in no particular order. It reads what the labor
/// worker last wrote.</summary>
/// <remarks>A fact bears on the month when it may count in it: a spell covering the month or the month before (the month
/// before tells a newly employed person), a registration open at some time in the month or opened or ended in it, a
/// difficulty holding on the month's last day. The comparisons are of the stored text: months <c>YYYY-MM</c> and days
/// <c>YYYY-MM-DD</c> as labor writes them, digits at fixed places, which every collation orders as their dates. In a region:
/// the person's hukou region starts with it, or for a registration, when <c>byRegistrationRegion</c>, the
/// registration's region (else the hukou region); a fact with no region is in no region. Null <c>region</c>:
/// every fact of the month.</remarks>
public static class RegionalFacts
{
    public static async IAsyncEnumerable<RegionalFact> ReadAsync(NpgsqlDataSource dataSource, Month month, string? region,
        bool byRegistrationRegion, [EnumeratorCancellation] CancellationToken cancellationToken)
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
            WHERE CASE f.kind
                      WHEN 'employment' THEN f.data ->> 'from' <= @month
                          AND (f.data ->> 'to' IS NULL OR f.data ->> 'to' >= @previous)
                      WHEN 'unemployment' THEN f.data ->> 'registeredOn' <= @last
                          AND (f.data ->> 'endedOn' IS NULL OR f.data ->> 'endedOn' >= @first)
                          OR f.data ->> 'registeredOn' BETWEEN @first AND @last OR f.data ->> 'endedOn' BETWEEN @first AND @last
                      WHEN 'difficulty' THEN f.data ->> 'since' <= @last
                          AND (f.data ->> 'until' IS NULL OR f.data ->> 'until' > @last)
                  END
              AND (@region IS NULL OR starts_with(
                  CASE WHEN f.kind = 'unemployment' AND @byRegistration
                       THEN coalesce(f.data ->> 'registrationRegion', p.golden -> 'hukouRegion' ->> 'value')
                       ELSE p.golden -> 'hukouRegion' ->> 'value' END, @region))
            """);
        var last = month.Plus(1).FirstDay.AddDays(-1);
        command.Parameters.Add(Bound("month", month.ToString()));
        command.Parameters.Add(Bound("previous", month.Plus(-1).ToString()));
        command.Parameters.Add(Bound("first", Day(month.FirstDay)));
        command.Parameters.Add(Bound("last", Day(last)));
        command.Parameters.Add(Bound("region", region));
        command.Parameters.AddWithValue("byRegistration", byRegistrationRegion);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            yield return new RegionalFact(reader.GetInt64(0), Text(reader, 1), Text(reader, 2), reader.GetString(3), Text(reader, 4),
                Text(reader, 5), Text(reader, 6), Text(reader, 7));
        }
    }

    private static NpgsqlParameter Bound(string name, string? value) => new(name, NpgsqlDbType.Text) { Value = (object?)value ?? DBNull.Value };

    private static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string? Text(NpgsqlDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);
}
