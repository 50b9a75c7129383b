namespace IntegrationHub.Platform.Database;

/// <summary>Reads a query's rows into a list or by id, each made by the caller's row reader; or one page of them with their total.</summary>
public static class RowReader
{
    /// <summary>Every row of the query, each made by <paramref name="row"/>, in the query's order.</summary>
    public static async Task<List<T>> ReadRowsAsync<T>(this NpgsqlCommand command, Func<NpgsqlDataReader, T> row,
        CancellationToken cancellationToken)
    {
        var rows = new List<T>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(row(reader));
        }

        return rows;
    }

    /// <summary>Every row of the query by its first column (a <c>bigint</c> id), each value made by <paramref name="value"/>;
    /// a later row for the same id replaces an earlier one.</summary>
    public static async Task<Dictionary<long, T>> ReadByIdAsync<T>(this NpgsqlCommand command, Func<NpgsqlDataReader, T> value,
        CancellationToken cancellationToken)
    {
        var rows = new Dictionary<long, T>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            rows[reader.GetInt64(0)] = value(reader);
        }

        return rows;
    }

    /// <summary>The rows of the page, each made by <paramref name="row"/>, and the total its last column gives
    /// (<c>count(*) OVER ()</c>).</summary>
    /// <remarks>The command's SQL ends in <c>OFFSET @offset LIMIT @limit</c>; this binds both. A page past the end has no rows,
    /// so its total is 0: the caller that must say how many there are asks again for the first page.</remarks>
    public static async Task<(IReadOnlyList<T> Page, long Total)> ReadPageAsync<T>(this NpgsqlCommand command, int offset,
        int limit, Func<NpgsqlDataReader, T> row, CancellationToken cancellationToken)
    {
        command.Parameters.AddWithValue("offset", offset);
        command.Parameters.AddWithValue("limit", limit);
        var page = new List<T>();
        long total = 0;
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            page.Add(row(reader));
            total = reader.GetInt64(reader.FieldCount - 1);
        }

        return (page, total);
    }
}
