using IntegrationHub.Intake.Published;

namespace IntegrationHub.Flows.Exchange.Employers;

/// <summary>The enterprises HR monitors: a list replaced whole (<c>PUT /api/monitoring/enterprises</c>, each change audited),
/// and the records of HR's feed <c>hr/monitored-enterprise</c> adding and withdrawing enterprises.</summary>
/// <remarks>
/// An enterprise is monitored when the latest record of the feed naming it whose <c>effectiveDate</c> has come (China time)
/// says <c>active</c>, or when it is in the list and no such record saying <c>withdrawn</c> arrived after the list was
/// last replaced: the later word wins. The feed is read through intake's <c>stored_record</c> view (the current version of
/// each record), so a record counts as soon as it is stored.
/// </remarks>
public sealed class MonitoredEnterprises(NpgsqlDataSource dataSource, AuditLog audit, TimeProvider time, HubCalendar calendar)
{
    public const int MaxEnterprises = 10_000;

    public static IReadOnlyList<string> Levels { get; } = ["national", "provincial", "city"];

    /// <summary>Checks the list: each credit code valid (GB 32100-2015) and once, each level known; the errors name
    /// <c>/enterprises/N/…</c>.</summary>
    public static List<FieldError> Check(IReadOnlyList<(string? CreditCode, string? Level)> enterprises)
    {
        var errors = new List<FieldError>();
        if (enterprises.Count > MaxEnterprises)
        {
            errors.Add(new FieldError("/enterprises", "count", $"At most {MaxEnterprises} enterprises."));
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < enterprises.Count && errors.Count < 100; i++)
        {
            var (code, level) = enterprises[i];
            if (!CreditCodes.IsValid(code))
            {
                errors.Add(new FieldError($"/enterprises/{i}/creditCode", "credit-code", "Not a valid unified social credit code."));
            }
            else if (!seen.Add(code!))
            {
                errors.Add(new FieldError($"/enterprises/{i}/creditCode", "duplicate", "This enterprise is already in the list."));
            }

            if (level is null || !Levels.Contains(level))
            {
                errors.Add(new FieldError($"/enterprises/{i}/level", "enum", $"level must be one of {string.Join(", ", Levels)}."));
            }
        }

        return errors;
    }

    /// <summary>Replaces the list (checked first by <see cref="Check"/>).</summary>
    public async Task ReplaceAsync(IReadOnlyList<(string CreditCode, string Level)> enterprises, string actor, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using (var clear = new NpgsqlCommand("DELETE FROM exchange_monitored_enterprise", connection, transaction))
        {
            await clear.ExecuteNonQueryAsync(cancellationToken);
        }

        await using (var insert = new NpgsqlCommand("""
            INSERT INTO exchange_monitored_enterprise (credit_code, level, added_by, added_at)
            SELECT c, l, @actor, @now FROM unnest(@codes, @levels) AS u(c, l)
            """, connection, transaction))
        {
            insert.Parameters.AddWithValue("codes", enterprises.Select(e => e.CreditCode).ToArray());
            insert.Parameters.AddWithValue("levels", enterprises.Select(e => e.Level).ToArray());
            insert.Parameters.AddWithValue("actor", actor);
            insert.Parameters.AddWithValue("now", time.GetUtcNow());
            await insert.ExecuteNonQueryAsync(cancellationToken);
        }

        await audit.AppendAsync(connection, transaction, new AuditEntry(actor, "monitoring.enterprises-replaced", "employment-monitoring", null,
            JsonSerializer.Serialize(new { count = enterprises.Count })), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    public async Task<List<string>> CodesAsync(CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("""
            WITH current AS (
                SELECT DISTINCT ON (record_id) payload, received_at FROM stored_record
                WHERE department = 'hr' AND feed = 'monitored-enterprise' ORDER BY record_id, version DESC
            ), word AS (
                SELECT DISTINCT ON (payload ->> 'enterpriseCreditCode') payload ->> 'enterpriseCreditCode' AS code,
                       payload ->> 'status' AS status, received_at
                FROM current WHERE (payload ->> 'effectiveDate')::date <= @today
                ORDER BY payload ->> 'enterpriseCreditCode', (payload ->> 'effectiveDate')::date DESC, received_at DESC
            )
            SELECT code FROM word WHERE status = 'active'
            UNION
            SELECT m.credit_code FROM exchange_monitored_enterprise m
            WHERE NOT EXISTS (SELECT 1 FROM word w WHERE w.code = m.credit_code AND w.status = 'withdrawn' AND w.received_at > m.added_at)
            ORDER BY 1
            """);
        command.Parameters.AddWithValue("today", calendar.Today);
        return await command.ReadRowsAsync(reader => reader.GetString(0), cancellationToken);
    }
}
