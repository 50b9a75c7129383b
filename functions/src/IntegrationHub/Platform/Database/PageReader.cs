using Npgsql;

namespace IntegrationHub.Platform.Database;

/// <summary>Reads one page of a query whose last column is the count of all its rows (<c>count(*) OVER ()</c>).</summary>
/// <remarks>The command's SQL ends in <c>OFFSET @offset LIMIT @limit</c>; this binds both. A page past the end has no rows,
/// so its total is 0: the caller that must say how many there are asks again for the first page.</remarks>
public static class PageReader
{
    /// <summary>The rows of the page, each made by <paramref name="row"/>, and the total the last column gives.</summary>
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
