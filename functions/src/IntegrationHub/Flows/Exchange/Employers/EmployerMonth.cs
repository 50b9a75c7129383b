using IntegrationHub.Labor;
using IntegrationHub.Labor.Employment;

namespace IntegrationHub.Flows.Exchange.Employers;

/// <summary>One employer's month: persons employed (by spells covering the month), new hires (spells starting), separations
/// (spells whose last month was the month before; by HR registration or evidence stopping), flexible and platform workers apart.</summary>
public sealed record EmployerMonth(string CreditCode, string Month, int Headcount, int NewHires, int Separations,
    int SeparationsRegistered, int Flexible, int Platform)
{
    /// <summary>The figures of <paramref name="month"/> from the employer's spells.</summary>
    public static EmployerMonth Of(string creditCode, IReadOnlyList<EmployerSpell> spells, Month month)
    {
        bool Covers(EmployerSpell s) => s.From <= month && (s.Last is null || s.Last.Value >= month);
        var employed = spells.Where(Covers).ToList();
        var separated = spells.Where(s => s.Last is { } last && last.Plus(1) == month).ToList();
        return new EmployerMonth(creditCode, month.ToString(), employed.Select(s => s.PersonId).Distinct().Count(),
            spells.Where(s => s.From == month).Select(s => s.PersonId).Distinct().Count(), separated.Select(s => s.PersonId).Distinct().Count(),
            separated.Where(s => s.EndedBy == "registration").Select(s => s.PersonId).Distinct().Count(),
            employed.Where(s => s.EmploymentForm == "flexible").Select(s => s.PersonId).Distinct().Count(),
            employed.Where(s => s.EmploymentForm == "platform").Select(s => s.PersonId).Distinct().Count());
    }
}
