using IntegrationHub.Labor;
using IntegrationHub.Labor.Evidence;
using IntegrationHub.Labor.Graduates;

namespace IntegrationHub.Flows.Exchange.Findings;

/// <summary>What one person's comparisons read: the current records of the labor feeds linked to the person (as labor reads
/// them), what each record's identity number is, labor's destination verifications of the person's roster records, and today
/// in China time.</summary>
internal sealed record ComparedPerson(PersonEvidence Evidence, IReadOnlyDictionary<SourceRef, RecordNumber> Numbers,
    IReadOnlyList<GraduateVerification> Verifications, DateOnly Today)
{
    public long PersonId => Evidence.PersonId;

    public Month ThisMonth => Month.Of(Today);

    public RecordNumber? NumberOf(LaborRecord record) => Numbers.GetValueOrDefault(record.Source);

    /// <summary>The month a record is about: its period, or the month of its event, change or decision.</summary>
    public static Month? MonthOf(LaborRecord record) =>
        record.MonthOf("period")
        ?? (record.Date("eventDate") ?? record.Date("effectiveDate") ?? record.Date("changeDate") ?? record.Date("graduationDate")) switch
        {
            { } day => Month.Of(day),
            null => null,
        };

    /// <summary>The feeds of <paramref name="records"/> as finding evidence: <c>[{department, feed}]</c>, sorted, once each.</summary>
    public static JsonArray EvidenceOf(IEnumerable<LaborRecord> records) =>
        [.. records.Select(r => (r.Source.Department, r.Source.Feed)).Distinct().Order()
            .Select(f => (JsonNode)new JsonObject { ["department"] = f.Department, ["feed"] = f.Feed })];

    public static JsonArray MonthsJson(IEnumerable<Month> months) => [.. months.Order().Select(m => (JsonNode)m.ToString())];
}
