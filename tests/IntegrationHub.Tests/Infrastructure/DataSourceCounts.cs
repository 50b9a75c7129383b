namespace IntegrationHub.Tests.Infrastructure;

public static class DataSourceCounts
{
    /// <summary>The single number a query answers (a count, a max), as a long.</summary>
    public static async Task<long> CountAsync(this NpgsqlDataSource dataSource, string sql)
    {
        await using var command = dataSource.CreateCommand(sql);
        return Convert.ToInt64(await command.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
    }
}
