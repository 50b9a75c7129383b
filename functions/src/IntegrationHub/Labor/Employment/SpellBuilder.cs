using IntegrationHub.Labor.Evidence;

namespace IntegrationHub.Labor.Employment;

/// <summary>
/// Derives employment spells. A person is employed by an employer in a month when tax withheld wages or labor
/// remuneration for it, social insurance was paid for it (no employer: a self-paying flexible worker), or HR's employment
/// registration with it runs through the month. Months per employer merge into spells across gaps of at most
/// <see cref="LaborOptions.GraceMonths"/>. A spell ends when HR registers the end (on or after its last month) or when
/// its evidence stopped more than <see cref="LaborOptions.StaleAfterMonths"/> months before the current month; an open HR
/// registration keeps it open. The form is HR's for that employer when HR registered one, otherwise standard (flexible
/// for self-paying insurance). Evidence dated after today counts from its day on.
/// </summary>
internal static class SpellBuilder
{
    private sealed record MonthEvidence(string Employer, Month Month, SourceRef Source);

    public static List<SpellCandidate> Build(PersonEvidence evidence, LaborOptions options, NextChange next)
    {
        var current = Month.Of(next.Today);
        var (intervals, ends) = Registrations(evidence, next);
        var months = new List<MonthEvidence>();
        foreach (var record in evidence.Of("tax", "wage-withholding"))
        {
            if (record.Text("incomeType") is "wages" or "labor-remuneration" && record.MonthOf("period") is { } month
                && record.Text("employerCreditCode") is { } employer)
            {
                AddMonth(months, employer, month, record.Source, current, next);
            }
        }

        foreach (var record in evidence.Of("hr", "social-insurance"))
        {
            if (record.Text("status") == "paid" && record.MonthOf("period") is { } month)
            {
                AddMonth(months, record.Text("employerCreditCode") ?? "", month, record.Source, current, next);
            }
        }

        foreach (var interval in intervals)
        {
            for (var month = interval.FirstMonth; month <= interval.LastMonth(current); month = month.Plus(1))
            {
                months.Add(new MonthEvidence(interval.Employer, month, interval.Sources[0]));
            }
        }

        var spells = new List<SpellCandidate>();
        foreach (var byEmployer in months.GroupBy(m => m.Employer, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var employer = byEmployer.Key;
            var runs = Runs(byEmployer.Select(m => m.Month).Distinct().Order().ToList(), options.GraceMonths);
            var own = intervals.Where(i => i.Employer == employer).ToList();
            for (var i = 0; i < runs.Count; i++)
            {
                var (from, last) = runs[i];
                Month? nextFrom = i + 1 < runs.Count ? runs[i + 1].From : null;
                var sources = byEmployer.Where(m => m.Month >= from && m.Month <= last).Select(m => m.Source).ToList();
                var overlapping = own.Where(r => r.Overlaps(from, last, current)).ToList();
                sources.AddRange(overlapping.SelectMany(r => r.Sources));
                var form = Form(employer, own, overlapping, from);
                var spell = Close(employer, from, last, nextFrom, overlapping.Any(r => r.End is null), ends, sources, current, options, next);
                spells.Add(new SpellCandidate(employer.Length == 0 ? null : employer, form, from, last, spell.Open, spell.EndedBy,
                    [.. sources.Distinct().Order()]));
            }
        }

        return spells;
    }

    private static void AddMonth(List<MonthEvidence> months, string employer, Month month, SourceRef source, Month current, NextChange next)
    {
        if (month > current)
        {
            next.AtMonth(month);
            return;
        }

        months.Add(new MonthEvidence(employer, month, source));
    }

    private static (bool Open, string? EndedBy) Close(string employer, Month from, Month last, Month? nextFrom, bool registeredOpen,
        List<EmploymentEnd> ends, List<SourceRef> sources, Month current, LaborOptions options, NextChange next)
    {
        if (registeredOpen)
        {
            return (true, null);
        }

        // A registered end closes the spell it follows: on or after its last month, before the employer's next spell.
        // The self-paying spell has no employer to end.
        var end = ends.Where(e => employer.Length > 0 && (e.Employer is null || e.Employer == employer))
            .Where(e => Month.Of(e.Date) >= last && (nextFrom is null || Month.Of(e.Date) < nextFrom)).MinBy(e => e.Date);
        if (end is not null)
        {
            sources.Add(end.Source);
            return (false, "registration");
        }

        if (current - last > options.StaleAfterMonths)
        {
            return (false, "evidence-stopped");
        }

        next.AtMonth(last.Plus(options.StaleAfterMonths + 1));
        return (true, null);
    }

    private static string Form(string employer, List<HrInterval> own, List<HrInterval> overlapping, Month from)
    {
        if (overlapping.Count > 0)
        {
            return overlapping.MaxBy(r => r.Start)!.Form;
        }

        if (own.Count > 0)
        {
            return own.MinBy(r => Math.Abs(r.FirstMonth - from))!.Form;
        }

        return employer.Length == 0 ? "flexible" : "standard";
    }

    private static List<(Month From, Month Last)> Runs(List<Month> months, int grace)
    {
        var runs = new List<(Month From, Month Last)>();
        foreach (var month in months)
        {
            if (runs.Count > 0 && month - runs[^1].Last <= grace + 1)
            {
                runs[^1] = (runs[^1].From, month);
            }
            else
            {
                runs.Add((month, month));
            }
        }

        return runs;
    }

    /// <summary>HR's employment registrations as intervals per employer, and its registered ends. A second start while
    /// one runs is the same employment registered twice; an end without a start only ends spells other evidence made.</summary>
    private static (List<HrInterval> Intervals, List<EmploymentEnd> Ends) Registrations(PersonEvidence evidence, NextChange next)
    {
        var intervals = new List<HrInterval>();
        var ends = new List<EmploymentEnd>();
        var open = new Dictionary<string, HrInterval>(StringComparer.Ordinal);
        var registrations = evidence.Of("hr", "employment-registration")
            .Where(r => r.Text("eventType") is "employment" or "employment-ended")
            .Select(r => (Record: r, Date: r.Date("eventDate")))
            .Where(r => r.Date is not null)
            .OrderBy(r => r.Date).ThenBy(r => r.Record.Text("eventType") == "employment" ? 1 : 0).ThenBy(r => r.Record.Source);
        foreach (var (record, date) in registrations)
        {
            var day = date!.Value;
            if (day > next.Today)
            {
                next.At(day);
                continue;
            }

            var employer = record.Text("employerCreditCode");
            if (record.Text("eventType") == "employment")
            {
                if (employer is null)
                {
                    continue;
                }

                if (open.TryGetValue(employer, out var running))
                {
                    running.Sources.Add(record.Source);
                }
                else
                {
                    open[employer] = new HrInterval(employer, day, null, Forms(record.Text("employmentForm")), [record.Source]);
                }

                continue;
            }

            ends.Add(new EmploymentEnd(employer, day, record.Source));
            foreach (var key in open.Keys.Where(k => employer is null || k == employer).ToList())
            {
                var ended = open[key];
                ended.Sources.Add(record.Source);
                intervals.Add(ended with { End = day });
                open.Remove(key);
            }
        }

        intervals.AddRange(open.Values);
        return (intervals, ends);
    }

    private static string Forms(string? form) => form is "standard" or "flexible" or "platform" or "self-employed" ? form : "unknown";
}
