using IntegrationHub.Labor.Unemployment;

namespace IntegrationHub.Labor.Graduates;

/// <summary>
/// Checks a roster record's claimed destination against the evidence of work in a window around graduation
/// (<see cref="LaborOptions.VerificationMonthsBefore"/>, <see cref="LaborOptions.VerificationMonthsAfter"/>), in this order:
/// a claim that is not work is not applicable; evidence for the claimed employer (any work, when the claim names none)
/// verifies it; a registered unemployment running after graduation within the window contradicts it; evidence of other work
/// says the employer differs; otherwise there is no evidence (yet).
/// </summary>
/// <remarks>Verification outranks contradiction: work evidenced for the claimed employer stands even when the graduate
/// registered unemployed later in the window (the job ended). Evidence kept with each status: the matching work, the
/// registration that contradicts, the other work; never a record of the roster itself.</remarks>
internal static class DestinationVerifier
{
    public static VerificationRow Verify(long person, RosterEntry entry, IReadOnlyList<WorkEvidence> work,
        IReadOnlyList<UnemploymentEpisode> episodes, LaborOptions options)
    {
        var record = entry.Record;
        var (status, evidence) = Decide(entry, work, episodes, options);
        return new VerificationRow(record.Source.RecordId, record.Source.Version, person, entry.Cohort, entry.GraduationDate,
            record.Text("schoolCode") ?? "", entry.Destination ?? "", entry.ClaimedEmployer, status, [.. evidence.Distinct().Order()]);
    }

    private static (string Status, List<Evidence.SourceRef> Evidence) Decide(RosterEntry entry, IReadOnlyList<WorkEvidence> work,
        IReadOnlyList<UnemploymentEpisode> episodes, LaborOptions options)
    {
        if (!VerificationStatuses.ClaimsWork(entry.Destination))
        {
            return (VerificationStatuses.NotApplicable, []);
        }

        var from = entry.GraduationDate.AddMonths(-options.VerificationMonthsBefore);
        var to = entry.GraduationDate.AddMonths(options.VerificationMonthsAfter);
        var inWindow = work.Where(w => w.Overlaps(from, to)).ToList();
        var matching = inWindow.Where(w => entry.ClaimedEmployer is null || w.Employer == entry.ClaimedEmployer).ToList();
        if (matching.Count > 0)
        {
            return (VerificationStatuses.Verified, [.. matching.Select(w => w.Source)]);
        }

        var unemployed = episodes.Where(e => e.RegisteredOn <= to && (e.EndedOn ?? DateOnly.MaxValue) >= entry.GraduationDate).ToList();
        if (unemployed.Count > 0)
        {
            return (VerificationStatuses.Contradicted, [.. unemployed.SelectMany(e => e.Sources)]);
        }

        return inWindow.Count > 0
            ? (VerificationStatuses.EmployerDiffers, [.. inWindow.Select(w => w.Source)])
            : (VerificationStatuses.NoEvidence, []);
    }
}
