using IntegrationHub.Labor.Evidence;
using IntegrationHub.Labor.Facts;

namespace IntegrationHub.Labor.Graduates;

/// <summary>
/// What a graduate's changes announce: <c>graduate.unplaced</c> when an open fact's status becomes not-yet-placed (the
/// graduate enters the ledger), <c>graduate.placed</c> when it becomes placed or a placed graduate's destination is
/// corrected (earlier evidence arrived late), and <c>graduate.verification-changed</c> when a roster record's verification
/// status changes (its first verification included).
/// </summary>
/// <remarks>A fact that vanished (its roster record moved to another person by a merge or split) announces nothing under the
/// person it left: <c>person.merged</c> or <c>person.split</c> says so, and the person it went to announces it anew. A closed
/// fact (more than two years after graduation) announces nothing.</remarks>
internal static class GraduateEvents
{
    private static readonly string[] Placement = ["placedOn", "placementForm", "employerCreditCode"];

    public static void Announce(string subject, LaborFact? before, LaborFact? after, DateTimeOffset now, List<EventDraft> events)
    {
        if (after is null || !after.Open)
        {
            return;
        }

        var status = Text(after.Data, "status");
        var previous = before is null ? null : Text(before.Data, "status");
        if (status == GraduateStatuses.NotYetPlaced && previous != status)
        {
            events.Add(Draft(EventTypes.GraduateUnplaced, subject, after, previous, now,
                ["cohort", "educationLevel", "graduationDate", "schoolCode", "majorCode", "hukouRegion", "ledgerSince"]));
        }
        else if (status == GraduateStatuses.Placed
                 && (previous != status || Placement.Any(f => !JsonNode.DeepEquals(before!.Data[f], after.Data[f]))))
        {
            events.Add(Draft(EventTypes.GraduatePlaced, subject, after, previous, now,
                ["cohort", "educationLevel", "graduationDate", "schoolCode", "majorCode", "claimedDestination", .. Placement]));
        }
    }

    public static EventDraft VerificationChanged(string subject, VerificationRow row, string? previous, DateTimeOffset now) =>
        new(EventTypes.GraduateVerificationChanged, subject, now, new JsonObject
        {
            ["personId"] = subject,
            ["recordId"] = row.RecordId,
            ["cohort"] = row.Cohort,
            ["schoolCode"] = row.SchoolCode,
            ["claimedDestination"] = row.ClaimedDestination,
            ["status"] = row.Status,
            ["previousStatus"] = previous,
            ["evidence"] = SourceRef.ToJson(row.Evidence),
        });

    private static EventDraft Draft(string type, string subject, LaborFact fact, string? previous, DateTimeOffset now, string[] fields)
    {
        var data = new JsonObject { ["personId"] = subject };
        foreach (var field in fields)
        {
            data[field] = fact.Data[field]?.DeepClone();
        }

        data["previousStatus"] = previous;
        data["sources"] = SourceRef.ToJson(fact.Sources);
        return new EventDraft(type, subject, now, data);
    }

    private static string? Text(JsonObject data, string field) => data[field]?.GetValue<string>();
}
