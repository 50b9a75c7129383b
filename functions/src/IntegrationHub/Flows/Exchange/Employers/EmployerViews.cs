using IntegrationHub.Labor;
using IntegrationHub.Labor.Employment;

namespace IntegrationHub.Flows.Exchange.Employers;

/// <summary>An employer by credit code: its name from the latest source (and the other names it appeared under) and its
/// figures per month.</summary>
public sealed record EmployerView(string CreditCode, string? Name, IReadOnlyList<string> OtherNames, IReadOnlyList<EmployerMonth> Months);

/// <summary>Builds employer views from labor's employment spells.</summary>
public sealed class EmployerViews(NpgsqlDataSource dataSource)
{
    /// <summary>The employer's months from <paramref name="from"/> to <paramref name="to"/> (at most 60).</summary>
    public async Task<EmployerView> ForAsync(string creditCode, Month from, Month to, CancellationToken cancellationToken)
    {
        var spells = await EmployerSpells.OfAsync(dataSource, [creditCode], cancellationToken);
        var names = await EmployerSpells.NamesAsync(dataSource, creditCode, cancellationToken);
        var months = new List<EmployerMonth>();
        for (var month = from; month <= to && months.Count < 60; month = month.Plus(1))
        {
            months.Add(EmployerMonth.Of(creditCode, spells, month));
        }

        return new EmployerView(creditCode, names.FirstOrDefault(), [.. names.Skip(1)], months);
    }
}
