using IntegrationHub.Labor.Evidence;

namespace IntegrationHub.Labor.Graduates;

/// <summary>One piece of evidence that the person worked from <see cref="From"/> to <see cref="To"/> (inclusive): a month of
/// withheld wages or labor remuneration, a month of paid social insurance (no employer: self-paid), or HR's employment
/// registration until its registered end.</summary>
internal sealed record WorkEvidence(string? Employer, DateOnly From, DateOnly To, string Form, SourceRef Source)
{
    public bool Overlaps(DateOnly from, DateOnly to) => From <= to && To >= from;

    /// <summary>Evidence of the person's work, leaving out what is dated after today (it counts from its day on).</summary>
    public static List<WorkEvidence> Of(PersonEvidence evidence, NextChange next)
    {
        var work = new List<WorkEvidence>();
        foreach (var record in evidence.Of("tax", "wage-withholding"))
        {
            if (record.Text("incomeType") is { } type && type is "wages" or "labor-remuneration" && record.MonthOf("period") is { } month
                && record.Text("employerCreditCode") is { } employer)
            {
                Add(work, new WorkEvidence(employer, month.FirstDay, month.Plus(1).FirstDay.AddDays(-1),
                    type == "wages" ? "standard" : "flexible", record.Source), next);
            }
        }

        foreach (var record in evidence.Of("hr", "social-insurance"))
        {
            if (record.Text("status") == "paid" && record.MonthOf("period") is { } month)
            {
                var employer = record.Text("employerCreditCode");
                Add(work, new WorkEvidence(employer, month.FirstDay, month.Plus(1).FirstDay.AddDays(-1), employer is null ? "flexible" : "standard",
                    record.Source), next);
            }
        }

        var registrations = evidence.Of("hr", "employment-registration")
            .Where(r => r.Text("eventType") is "employment" or "employment-ended" && r.Date("eventDate") is not null)
            .OrderBy(r => r.Date("eventDate")).ThenBy(r => r.Source).ToList();
        foreach (var start in registrations.Where(r => r.Text("eventType") == "employment" && r.Text("employerCreditCode") is not null))
        {
            var employer = start.Text("employerCreditCode")!;
            var from = start.Date("eventDate")!.Value;
            var end = registrations.FirstOrDefault(r => r.Text("eventType") == "employment-ended" && r.Date("eventDate") >= from
                && (r.Text("employerCreditCode") is null || r.Text("employerCreditCode") == employer))?.Date("eventDate");
            Add(work, new WorkEvidence(employer, from, end ?? DateOnly.MaxValue, FormOf(start.Text("employmentForm")), start.Source), next);
        }

        return work;
    }

    /// <summary>HR's form for work with the employer, when HR registered one.</summary>
    public static string? RegisteredForm(IEnumerable<WorkEvidence> work, string? employer) =>
        work.Where(w => w.Source.Feed == "employment-registration" && w.Employer == employer).MinBy(w => w.From)?.Form;

    private static void Add(List<WorkEvidence> work, WorkEvidence item, NextChange next)
    {
        if (item.From > next.Today)
        {
            next.At(item.From);
            return;
        }

        work.Add(item);
    }

    private static string FormOf(string? form) => form is "standard" or "flexible" or "platform" or "self-employed" ? form : "standard";
}
