using IntegrationHub.Labor;
using IntegrationHub.Labor.Employment;

namespace IntegrationHub.Flows.Exchange.Employers;

/// <summary>
/// Raises a layoff warning (规模性减员预警) when a monitored employer's separations in a month reach
/// <see cref="ExchangeFlowOptions.LayoffPersons"/>, or <see cref="ExchangeFlowOptions.LayoffShare"/> of the previous month's
/// headcount when that was at least <see cref="ExchangeFlowOptions.LayoffShareFromHeadcount"/>. Looks at this month and the two
/// before (tax arrives a month or two late); each employer and month warns once, with an <c>employer.layoff-warning</c> event.
/// </summary>
public sealed class LayoffWatch(NpgsqlDataSource dataSource, MonitoredEnterprises monitored, HubCalendar calendar, IOptions<ExchangeFlowOptions> options)
{
    public async Task<IReadOnlyList<LayoffWarning>> RunAsync(CancellationToken cancellationToken)
    {
        var codes = await monitored.CodesAsync(cancellationToken);
        if (codes.Count == 0)
        {
            return [];
        }

        var settings = options.Value;
        var thisMonth = Month.Of(calendar.Today);
        var spells = (await EmployerSpells.OfAsync(dataSource, codes, cancellationToken)).ToLookup(s => s.EmployerCreditCode);
        var candidates = new List<LayoffWarning>();
        foreach (var code in codes)
        {
            var own = spells[code].ToList();
            for (var month = thisMonth.Plus(-2); month <= thisMonth; month = month.Plus(1))
            {
                var now = EmployerMonth.Of(code, own, month);
                var before = EmployerMonth.Of(code, own, month.Plus(-1));
                var rule = now.Separations >= settings.LayoffPersons ? "persons"
                    : before.Headcount >= settings.LayoffShareFromHeadcount && now.Separations >= settings.LayoffShare * before.Headcount ? "share"
                    : null;
                if (rule is not null && now.Separations > 0)
                {
                    candidates.Add(new LayoffWarning(code, month.ToString(), now.Separations, now.SeparationsRegistered, before.Headcount,
                        now.Headcount, rule, calendar.Now));
                }
            }
        }

        var raised = new List<LayoffWarning>();
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        foreach (var warning in candidates)
        {
            await using var insert = new NpgsqlCommand("""
                INSERT INTO exchange_layoff_warning (credit_code, month, separations, previous_headcount, headcount, rule, raised_at)
                VALUES (@c, @m, @s, @p, @h, @r, @now) ON CONFLICT (credit_code, month) DO NOTHING RETURNING 1
                """, connection, transaction);
            insert.Parameters.AddWithValue("c", warning.CreditCode);
            insert.Parameters.AddWithValue("m", warning.Month);
            insert.Parameters.AddWithValue("s", warning.Separations);
            insert.Parameters.AddWithValue("p", warning.PreviousHeadcount);
            insert.Parameters.AddWithValue("h", warning.Headcount);
            insert.Parameters.AddWithValue("r", warning.Rule);
            insert.Parameters.AddWithValue("now", warning.RaisedAt);
            if (await insert.ExecuteScalarAsync(cancellationToken) is not null)
            {
                raised.Add(warning);
            }
        }

        await EventOutbox.AppendAsync(connection, transaction, [.. raised.Select(w => w.ToEvent(settings))], cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return raised;
    }

    public async Task<List<LayoffWarning>> ListAsync(string? month, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("""
            SELECT credit_code, month, separations, previous_headcount, headcount, rule, raised_at FROM exchange_layoff_warning
            WHERE @m::text IS NULL OR month = @m ORDER BY month DESC, credit_code
            """);
        command.Parameters.AddWithValue("m", NpgsqlTypes.NpgsqlDbType.Text, (object?)month ?? DBNull.Value);
        var warnings = new List<LayoffWarning>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            warnings.Add(new LayoffWarning(reader.GetString(0), reader.GetString(1), reader.GetInt32(2), null, reader.GetInt32(3), reader.GetInt32(4),
                reader.GetString(5), reader.GetFieldValue<DateTimeOffset>(6)));
        }

        return warnings;
    }
}

/// <summary>A layoff warning: the employer, the month, its separations (those HR registered, when known), the previous and
/// this month's headcount, and which threshold it reached (<c>persons</c> or <c>share</c>).</summary>
public sealed record LayoffWarning(string CreditCode, string Month, int Separations, int? SeparationsRegistered, int PreviousHeadcount,
    int Headcount, string Rule, DateTimeOffset RaisedAt)
{
    internal EventDraft ToEvent(ExchangeFlowOptions settings) => new(EventTypes.EmployerLayoffWarning, "employer:" + CreditCode, RaisedAt,
        new JsonObject
        {
            ["creditCode"] = CreditCode, ["month"] = Month, ["separations"] = Separations, ["separationsRegistered"] = SeparationsRegistered,
            ["previousHeadcount"] = PreviousHeadcount, ["headcount"] = Headcount, ["rule"] = Rule,
            ["thresholds"] = new JsonObject
            {
                ["persons"] = settings.LayoffPersons, ["share"] = settings.LayoffShare, ["shareFromHeadcount"] = settings.LayoffShareFromHeadcount,
            },
        });
}
