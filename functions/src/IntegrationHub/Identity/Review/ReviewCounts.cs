namespace IntegrationHub.Identity.Review;

/// <summary>How many review items a department's records caused, for the flows that report on a department's data quality.</summary>
public static class ReviewCounts
{
    /// <summary>Review items made in [<paramref name="from"/>, <paramref name="to"/>) for records of <paramref name="department"/>.</summary>
    public static async Task<int> CreatedAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, string department,
        DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            "SELECT count(*) FROM review_item WHERE department = @d AND created_at >= @from AND created_at < @to", connection, transaction);
        command.Parameters.AddWithValue("d", department);
        command.Parameters.AddWithValue("from", from);
        command.Parameters.AddWithValue("to", to);
        return (int)(long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }
}
