using IntegrationHub.Flows.Policy.Catalogue;
using IntegrationHub.Labor.Published;

namespace IntegrationHub.Flows.Policy.Decisions;

/// <summary>
/// Notices when the version of a policy in effect today (or its content) differs from the one decisions were last made
/// with, and marks every subject of the policy's kind, so that a new version re-decides everyone it touches.
/// </summary>
internal static class CatalogueSync
{
    private const int Page = 5000;

    /// <summary>Returns the ids of the policies whose subjects it marked.</summary>
    public static async Task<IReadOnlyList<string>> RunAsync(NpgsqlDataSource dataSource, PolicyCatalogue catalogue, DateOnly today,
        DateTimeOffset now, CancellationToken cancellationToken)
    {
        var stored = new Dictionary<string, (int Version, string Hash)>(StringComparer.Ordinal);
        await using (var command = dataSource.CreateCommand("SELECT policy_id, version, content_hash FROM policy_catalogue_state"))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                stored[reader.GetString(0)] = (reader.GetInt32(1), reader.GetString(2));
            }
        }

        var changed = new List<(string Id, PolicyDocument Policy, int Version, string Hash)>();
        foreach (var id in catalogue.Ids)
        {
            var policy = catalogue.InEffect(id, today);
            var (version, hash) = policy is null ? (0, "") : (policy.Version, policy.ContentHash);
            if (!stored.TryGetValue(id, out var was) || was != (version, hash))
            {
                changed.Add((id, policy ?? catalogue.Documents.First(d => d.Id == id), version, hash));
            }
        }

        if (changed.Any(c => c.Policy.Subject == PolicySubject.Person))
        {
            await MarkAllAsync(dataSource, "person", async (connection, after) =>
                (await LaborReader.PersonsAfterAsync(connection, null, after is null ? 0 : long.Parse(after,
                    CultureInfo.InvariantCulture), Page,
                    cancellationToken)).Select(p => p.ToString(CultureInfo.InvariantCulture)).ToList(), cancellationToken);
        }

        if (changed.Any(c => c.Policy.Subject == PolicySubject.Employer))
        {
            await MarkAllAsync(dataSource, "employer", (connection, after) =>
                LaborReader.EmployersAfterAsync(connection, null, after ?? "", Page, cancellationToken), cancellationToken);
        }

        // Saved once every subject is marked: a run that stops halfway marks them all again next time.
        foreach (var (id, _, version, hash) in changed)
        {
            await using var save = dataSource.CreateCommand("""
                INSERT INTO policy_catalogue_state (policy_id, version, content_hash, updated_at) VALUES (@id, @version, @hash, @now)
                ON CONFLICT (policy_id) DO UPDATE SET version = excluded.version, content_hash = excluded.content_hash,
                    updated_at = excluded.updated_at
                """);
            save.Parameters.AddWithValue("id", id);
            save.Parameters.AddWithValue("version", version);
            save.Parameters.AddWithValue("hash", hash);
            save.Parameters.AddWithValue("now", now);
            await save.ExecuteNonQueryAsync(cancellationToken);
        }

        return [.. changed.Select(c => c.Id)];
    }

    private static async Task MarkAllAsync(NpgsqlDataSource dataSource, string kind,
        Func<NpgsqlConnection, string?, Task<List<string>>> page,
        CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        string? after = null;
        while (true)
        {
            var ids = await page(connection, after);
            if (ids.Count == 0)
            {
                return;
            }

            await SubjectClaims.MarkAsync(connection, null, kind, ids, cancellationToken);
            after = ids[^1];
        }
    }
}
