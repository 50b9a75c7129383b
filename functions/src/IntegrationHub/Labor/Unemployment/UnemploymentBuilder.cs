using IntegrationHub.Labor.Evidence;
using IntegrationHub.Labor.Facts;

namespace IntegrationHub.Labor.Unemployment;

/// <summary>
/// Derives registered unemployment from HR's registrations in date order: an unemployment registration opens an episode,
/// an unemployment-ended or an employment registration closes it. A second unemployment registration while one is open
/// is the same episode registered again (it joins its sources); an end without an open episode ends nothing.
/// Registrations dated after today count from their day on.
/// </summary>
internal static class UnemploymentBuilder
{
    public static List<UnemploymentEpisode> Build(PersonEvidence evidence, NextChange next)
    {
        var episodes = new List<UnemploymentEpisode>();
        UnemploymentEpisode? open = null;
        var registrations = evidence.Of("hr", "employment-registration")
            .Select(r => (Record: r, Date: r.Date("eventDate")))
            .Where(r => r.Date is not null)
            .OrderBy(r => r.Date).ThenBy(r => r.Record.Text("eventType") is "unemployment" ? 1 : 0).ThenBy(r => r.Record.Source);
        foreach (var (record, date) in registrations)
        {
            var day = date!.Value;
            if (day > next.Today)
            {
                next.At(day);
                continue;
            }

            switch (record.Text("eventType"))
            {
                case "unemployment" when open is null:
                    open = new UnemploymentEpisode(record.Source.RecordId, day, record.Text("registrationRegion"), null, [record.Source]);
                    break;
                case "unemployment":
                    open!.Sources.Add(record.Source);
                    break;
                case "unemployment-ended" or "employment" when open is not null:
                    open.Sources.Add(record.Source);
                    episodes.Add(open with { EndedOn = day });
                    open = null;
                    break;
            }
        }

        if (open is not null)
        {
            episodes.Add(open);
        }

        return episodes;
    }

    public static List<LaborFact> Facts(IEnumerable<UnemploymentEpisode> episodes) =>
        [.. episodes.Select(e =>
        {
            var data = new JsonObject { ["registeredOn"] = FactKind.Format(e.RegisteredOn), ["registrationRegion"] = e.Region };
            if (e.EndedOn is { } ended)
            {
                data = FactKind.ClosedOn(data, ended);
            }

            return new LaborFact(FactKind.Unemployment, e.Key, e.Open, data, new JsonObject(), [.. e.Sources.Distinct().Order()]);
        })];
}
