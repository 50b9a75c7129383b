namespace IntegrationHub.Platform.Database;

/// <summary>Claims a chunk of work marked dirty, or due by the calendar, under locks tried rather than waited for.</summary>
/// <remarks>
/// The candidates are chosen first (materialized), so that the locks tried are at most a chunk's worth whatever the plan;
/// the claim keeps those whose lock it took, skipping what another worker holds. A dirty candidate carries its mark, which
/// the worker removes after its chunk only if nobody marked the work again meanwhile; a due one carries none.
/// </remarks>
public static class MarkedClaims
{
    /// <summary>The claimed keys with their marks (null for work that was due, not marked).</summary>
    /// <param name="candidates">Selects the candidates, each with its <c>mark</c>: at most <c>@n</c>, due at <c>@now</c>.</param>
    /// <param name="claim">Selects from <c>candidate</c> those whose lock it takes: the key's columns, the mark last.</param>
    public static async Task<Dictionary<TKey, string?>> ClaimAsync<TKey>(NpgsqlConnection connection, NpgsqlTransaction transaction,
        string candidates, string claim, DateTimeOffset now, int limit, Func<NpgsqlDataReader, TKey> key,
        CancellationToken cancellationToken)
        where TKey : notnull
    {
        ArgumentNullException.ThrowIfNull(key);
        await using var command = new NpgsqlCommand($"""
            WITH candidate AS MATERIALIZED ({candidates})
            {claim}
            """, connection, transaction);
        command.Parameters.AddWithValue("now", now);
        command.Parameters.AddWithValue("n", limit);
        var claimed = new Dictionary<TKey, string?>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var mark = reader.FieldCount - 1;
        while (await reader.ReadAsync(cancellationToken))
        {
            claimed[key(reader)] = reader.IsDBNull(mark) ? null : reader.GetString(mark);
        }

        return claimed;
    }
}
