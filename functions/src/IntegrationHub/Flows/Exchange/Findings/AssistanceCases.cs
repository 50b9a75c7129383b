using IntegrationHub.Labor;
using IntegrationHub.Labor.Evidence;

namespace IntegrationHub.Flows.Exchange.Findings;

/// <summary>A person's assistance of one type from a grant until the next termination of that type (open while none).</summary>
internal sealed record AssistanceCase(LaborRecord Grant, DateOnly GrantedOn, DateOnly? TerminatedOn)
{
    public bool Open => TerminatedOn is null;

    /// <summary>The months the case covers in full: from the grant's month to the month before its termination.</summary>
    public (Month From, Month To) Months(Month thisMonth) =>
        (Month.Of(GrantedOn), TerminatedOn is { } end ? Month.Of(end).Plus(-1) : thisMonth);

    /// <summary>Civil affairs' decisions in date order: a grant opens a case of its type unless one is open; a termination
    /// closes the open case of its type.</summary>
    public static List<AssistanceCase> Of(PersonEvidence evidence, IReadOnlyList<string> types, DateOnly today)
    {
        var cases = new List<AssistanceCase>();
        var open = new Dictionary<string, AssistanceCase>(StringComparer.Ordinal);
        var decisions = evidence.Of("ca", "social-assistance")
            .Select(r => (Record: r, Type: r.Text("assistanceType"), Date: r.Date("effectiveDate")))
            .Where(d => d.Type is not null && types.Contains(d.Type) && d.Date is { } day && day <= today)
            .OrderBy(d => d.Date).ThenBy(d => d.Record.Source);
        foreach (var (record, type, date) in decisions)
        {
            switch (record.Text("status"))
            {
                case "granted" when !open.ContainsKey(type!):
                    open[type!] = new AssistanceCase(record, date!.Value, null);
                    break;
                case "terminated" when open.Remove(type!, out var running):
                    cases.Add(running with { TerminatedOn = date });
                    break;
            }
        }

        cases.AddRange(open.Values);
        return cases;
    }
}
