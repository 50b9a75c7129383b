namespace IntegrationHub.Tests.Identity.Linking.Setwise;

/// <summary>
/// A linkage described without person ids: each person as the sorted list of the records it holds, review items and golden
/// records by that description, and the records still deferred.
/// </summary>
public sealed record LinkageSnapshot(SortedSet<string> Persons, SortedSet<string> Reviews, SortedSet<string> Deferred,
    SortedDictionary<string, string> Goldens)
{
    /// <summary>Asserts that two databases hold the same linkage; returns it.</summary>
    public static async Task<LinkageSnapshot> AssertSameAsync(NpgsqlDataSource expectedSource, NpgsqlDataSource actualSource)
    {
        var expected = await ReadAsync(expectedSource);
        var actual = await ReadAsync(actualSource);
        Assert.Equal(expected.Persons, actual.Persons);
        Assert.Equal(expected.Reviews, actual.Reviews);
        Assert.Equal(expected.Deferred, actual.Deferred);
        Assert.Equal(expected.Goldens, actual.Goldens);
        return expected;
    }

    public static async Task<LinkageSnapshot> ReadAsync(NpgsqlDataSource dataSource)
    {
        var members = new Dictionary<long, SortedSet<string>>();
        await using (var command = dataSource.CreateCommand("""
            SELECT DISTINCT ON (department, feed, record_id) person_id, department || '/' || feed || '/' || record_id || '#' || version
            FROM person_link ORDER BY department, feed, record_id, version DESC
            """))
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                var person = reader.GetInt64(0);
                if (!members.TryGetValue(person, out var set))
                {
                    members[person] = set = new SortedSet<string>(StringComparer.Ordinal);
                }

                set.Add(reader.GetString(1));
            }
        }

        var names = members.ToDictionary(m => m.Key, m => string.Join(" ", m.Value));
        string Name(long person) => names.TryGetValue(person, out var name) ? name : "(a person without current records)";

        var reviews = new SortedSet<string>(StringComparer.Ordinal);
        await using (var command = dataSource.CreateCommand(
            "SELECT department || '/' || feed || '/' || record_id || '#' || version, person_id, reason FROM review_item"))
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                reviews.Add($"{reader.GetString(0)} -> [{Name(reader.GetInt64(1))}] {reader.GetString(2)}");
            }
        }

        var deferred = new SortedSet<string>(StringComparer.Ordinal);
        await using (var command = dataSource.CreateCommand("SELECT department || '/' || feed || '/' || record_id || '#' || version FROM link_deferred"))
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                deferred.Add(reader.GetString(0));
            }
        }

        var goldens = new SortedDictionary<string, string>(StringComparer.Ordinal);
        await using (var command = dataSource.CreateCommand("SELECT person_id, golden::text FROM person WHERE merged_into IS NULL"))
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                if (names.TryGetValue(reader.GetInt64(0), out var name))
                {
                    goldens[name] = reader.GetString(1);
                }
            }
        }

        return new LinkageSnapshot(new SortedSet<string>(names.Values, StringComparer.Ordinal), reviews, deferred, goldens);
    }
}
