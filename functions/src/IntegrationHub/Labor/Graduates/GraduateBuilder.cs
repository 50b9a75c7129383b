using IntegrationHub.Labor.Evidence;
using IntegrationHub.Labor.Facts;
using IntegrationHub.Labor.Unemployment;

namespace IntegrationHub.Labor.Graduates;

/// <summary>
/// Derives a person's graduate facts, one per graduation (cohort and education level), and the verification of each of
/// their roster records. Evidence outranks claims: work evidenced on or after graduation places the graduate whatever the
/// roster says; otherwise a further-study or enlistment claim stands; otherwise the graduate is not yet placed (an
/// employment claim without evidence does not place). A fact exists from graduation day and stays open for
/// <see cref="LaborOptions.GraduateOpenYears"/> years.
/// </summary>
/// <remarks>When education sent two records for one graduation (two recordIds), the one received last speaks for it; each
/// record is still verified. <c>ledgerSince</c> is the graduation day for a graduate unplaced from the start, and the day
/// the status became not-yet-placed for one who fell back into the ledger (a correction); it is kept while unplaced.</remarks>
internal static class GraduateBuilder
{
    public static (List<LaborFact> Facts, List<VerificationRow> Verifications) Build(PersonEvidence evidence,
        IReadOnlyList<UnemploymentEpisode> episodes, IReadOnlyList<LaborFact> stored, LaborOptions options, NextChange next)
    {
        var roster = RosterEntry.Of(evidence);
        if (roster.Count == 0)
        {
            return ([], []);
        }

        var work = WorkEvidence.Of(evidence, next);
        var verifications = roster.Select(r => DestinationVerifier.Verify(evidence.PersonId, r, work, episodes, options)).ToList();
        var facts = new List<LaborFact>();
        foreach (var graduation in roster.GroupBy(r => r.FactKey, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var entry = graduation.OrderBy(r => r.Record.ReceivedAt).ThenBy(r => r.Record.Source).Last();
            if (entry.GraduationDate > next.Today)
            {
                next.At(entry.GraduationDate);
                continue;
            }

            var closesOn = entry.GraduationDate.AddYears(options.GraduateOpenYears);
            next.At(closesOn);
            var previous = stored.FirstOrDefault(f => f.Kind == FactKind.Graduate && f.Key == graduation.Key);
            facts.Add(Fact(entry, graduation.Select(r => r.Record.Source), work, previous, closesOn > next.Today, next.Today));
        }

        return (facts, verifications);
    }

    private static LaborFact Fact(RosterEntry entry, IEnumerable<SourceRef> rosterSources, List<WorkEvidence> work, LaborFact? previous,
        bool open, DateOnly today)
    {
        var record = entry.Record;
        var after = work.Where(w => w.To >= entry.GraduationDate).ToList();
        var placing = after.Count == 0
            ? []
            : after.GroupBy(w => Max(w.From, entry.GraduationDate)).MinBy(g => g.Key)!.ToList();
        var first = placing.OrderBy(w => w.Employer == entry.ClaimedEmployer && entry.ClaimedEmployer is not null ? 0 : 1)
            .ThenBy(w => w.Source.Feed == "employment-registration" ? 0 : 1).ThenBy(w => w.Source).FirstOrDefault();
        var status = first is not null ? GraduateStatuses.Placed
            : entry.Destination == "further-study" ? GraduateStatuses.FurtherStudy
            : entry.Destination == "enlisted" ? GraduateStatuses.Enlisted
            : GraduateStatuses.NotYetPlaced;
        var data = new JsonObject
        {
            ["cohort"] = entry.Cohort,
            ["graduationDate"] = FactKind.Format(entry.GraduationDate),
            ["educationLevel"] = entry.EducationLevel,
            ["schoolCode"] = record.Text("schoolCode"),
            ["schoolName"] = record.Text("schoolName"),
            ["majorCode"] = record.Text("majorCode"),
            ["majorName"] = record.Text("majorName"),
            ["status"] = status,
            ["placedOn"] = first is null ? null : FactKind.Format(Max(first.From, entry.GraduationDate)),
            ["placementForm"] = first is null ? null : WorkEvidence.RegisteredForm(work, first.Employer) ?? first.Form,
            ["employerCreditCode"] = first?.Employer,
            ["hukouRegion"] = record.Text("hukouRegion"),
            ["hardshipFamily"] = record.Flag("hardshipFamily") ?? false,
            ["disabled"] = record.Flag("disabled") ?? false,
            ["claimedDestination"] = entry.Destination,
            ["rosterRecordId"] = record.Source.RecordId,
            ["ledgerSince"] = status == GraduateStatuses.NotYetPlaced ? FactKind.Format(LedgerSince(entry, previous, today)) : null,
        };
        var detail = new JsonObject { ["name"] = record.Text("name"), ["phone"] = record.Text("phone") };
        return new LaborFact(FactKind.Graduate, entry.FactKey, open, data, detail,
            [.. rosterSources.Concat(placing.Select(w => w.Source)).Distinct().Order()]);
    }

    private static DateOnly LedgerSince(RosterEntry entry, LaborFact? previous, DateOnly today)
    {
        if (previous is null)
        {
            return entry.GraduationDate;
        }

        if (previous.Data["status"]?.GetValue<string>() == GraduateStatuses.NotYetPlaced
            && LaborRecord.ParseDate(previous.Data["ledgerSince"]?.GetValue<string>()) is { } since)
        {
            return since;
        }

        return today;
    }

    private static DateOnly Max(DateOnly a, DateOnly b) => a > b ? a : b;
}
