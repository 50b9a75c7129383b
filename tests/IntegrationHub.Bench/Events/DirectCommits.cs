namespace IntegrationHub.Bench.Events;

/// <summary>
/// The delivery path alone: commits events straight into the outbox (through <c>hub_emit_event</c>, as every writer does)
/// at a steady rate, notes when each transaction's COMMIT returned, and leaves the rest to the hub's dispatcher. The
/// events are valid employment.started data; their subjects are person ids in the hub's form (P, the run tag, unix
/// seconds, and six digits) far above any real person's, so they are the run's own.
/// </summary>
public sealed class DirectCommits(string connectionString, string runTag)
{
    public const string EventType = "cn.gov.hrss.hub.employment.started.v1";

    /// <summary>Commits <paramref name="count"/> events, <paramref name="perCommit"/> per transaction, at about
    /// <paramref name="rate"/> events/s; returns each event's subject and commit time.</summary>
    public async Task<Dictionary<string, DateTimeOffset>> RunAsync(int count, int perCommit, int rate, CancellationToken cancellationToken)
    {
        var committed = new Dictionary<string, DateTimeOffset>(count, StringComparer.Ordinal);
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var clock = Stopwatch.StartNew();
        for (var first = 0; first < count; first += perCommit)
        {
            var due = TimeSpan.FromSeconds((double)first / rate);
            if (due > clock.Elapsed)
            {
                await Task.Delay(due - clock.Elapsed, cancellationToken);
            }

            var subjects = Enumerable.Range(first, Math.Min(perCommit, count - first))
                .Select(i => string.Create(CultureInfo.InvariantCulture, $"P{runTag}{i:D6}")).ToArray();
            await using (var transaction = await connection.BeginTransactionAsync(cancellationToken))
            {
                await using var command = new NpgsqlCommand("""
                    SELECT hub_emit_event(@type, s, now(), jsonb_build_object(
                        'personId', s, 'spellId', 'bench-spell-' || s, 'employerCreditCode', NULL, 'employmentForm', 'flexible',
                        'from', '2026-11', 'sources', jsonb_build_array(jsonb_build_object(
                            'department', 'hr', 'feed', 'employment-registration', 'recordId', 'bench-' || s, 'version', 1))), NULL)
                    FROM unnest(@subjects) WITH ORDINALITY AS u(s, n) ORDER BY n
                    """, connection, transaction);
                command.Parameters.AddWithValue("type", EventType);
                command.Parameters.AddWithValue("subjects", subjects);
                await command.ExecuteNonQueryAsync(cancellationToken);
                await transaction.CommitAsync(cancellationToken);
            }

            var at = DateTimeOffset.UtcNow;
            foreach (var subject in subjects)
            {
                committed[subject] = at;
            }
        }

        return committed;
    }
}
