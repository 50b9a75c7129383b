using IntegrationHub.Labor.Facts;

namespace IntegrationHub.Labor.Worker;

/// <summary>The persons of a chunk whose labor record has left the region (<c>labor_person_away</c>), and their facts closed
/// on the day they left.</summary>
internal static class AwayPersons
{
    public static async Task<Dictionary<long, DateOnly>> LoadAsync(NpgsqlConnection connection, NpgsqlTransaction transaction,
        long[] persons, CancellationToken cancellationToken)
    {
        var away = new Dictionary<long, DateOnly>();
        await using var command = new NpgsqlCommand("SELECT person_id, since FROM labor_person_away WHERE person_id = ANY(@ids)",
            connection, transaction);
        command.Parameters.AddWithValue("ids", persons);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            away[reader.GetInt64(0)] = reader.GetFieldValue<DateOnly>(1);
        }

        return away;
    }

    /// <summary>Each open fact closed as of <paramref name="since"/>; closed ones as they are.</summary>
    public static List<LaborFact> Close(IEnumerable<LaborFact> facts, DateOnly since) =>
        [.. facts.Select(f => f.Open ? f with { Open = false, Data = f.Kind.Close(f.Data, f.Detail, since) } : f)];
}
