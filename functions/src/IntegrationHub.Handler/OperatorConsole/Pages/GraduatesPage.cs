using IntegrationHub.Flows.Graduates.Indicators;
using IntegrationHub.Flows.Graduates.Ledger;
using IntegrationHub.Labor.Graduates;

namespace IntegrationHub.Handler.OperatorConsole.Pages;

/// <summary>The graduate ledger (paged, filtered by cohort, district, school and status) and the cohort's red/yellow/green
/// ratings per school and school × major with the placement rate by school as a chart, through the graduate flow's API.</summary>
/// <remarks>Every ledger page read is audited under the operator with its purpose, as the ledger API audits its readers. Phones
/// are masked for every operator: whole phones are for the follow-up service (hr's system), which calls them. The ledger is
/// paged by keyset in person order (after or before an entry's cursor) and counted in the database, so a page reads its own
/// graduates, not the cohort.</remarks>
public sealed class GraduatesPage(GraduateLedger ledger, GraduateRatings ratings, ConsoleAudit audit, HubCalendar calendar)
{
    public const string LedgerPurpose = "console: graduate ledger";

    public async Task<IResult?> LedgerAsync(ConsoleRequest request)
    {
        var texts = request.Texts;
        var (filter, problem) = GraduateFilter.Parse(request.Query, calendar.Today);
        var page = request.NewMarkup();
        if (filter is null)
        {
            Filters(request, page, null).Error(texts[problem!]);
            return ConsoleResults.Page(request, texts["graduates.ledger"], page.ToString(), 400);
        }

        await audit.AppendAsync(request, "graduates.ledger.read", LedgerPurpose, null,
            new { cohort = filter.Cohort, district = filter.District, school = filter.School, status = filter.Status });
        var (from, before) = Pager.KeysetCursor<GraduateKey>(request, LedgerCursor.TryDecode);
        var found = await ledger.ReadPageAsync(filter.Query, from, before, Pager.PageSize, request.Aborted);
        Filters(request, page, filter);
        page.Raw("<div class=\"actions\">").Link(request.Url("graduates/ratings?cohort=" + filter.Cohort.ToString(CultureInfo.InvariantCulture)),
                texts["graduates.ratings"]).Raw(ExportsPage.Form(request, page, filter)).Raw("</div>")
            .Raw("<div class=\"scroll\"><table id=\"ledger\">")
            .HeaderRow(texts["person"], texts["persons.name"], texts["school"], texts["major"], texts["district"], texts["status"],
                texts["since"], texts["hardship"], texts["phone"], texts["follow-ups"], texts["last-contact"]);
        foreach (var entry in found.Entries)
        {
            page.Raw("<tr><td>").Link(request.Url("persons/" + entry.PersonId + "?purpose=" + Uri.EscapeDataString(LedgerPurpose)), entry.PersonId)
                .Raw("</td>").Element("td", entry.Name).Element("td", entry.SchoolName ?? entry.SchoolCode).Element("td", entry.MajorName ?? entry.MajorCode)
                .Element("td", entry.District).Element("td", texts["status." + entry.Status]).Element("td", Day(entry.Since))
                .Element("td", texts[entry.HardshipFamily ? "yes" : "no"]).Element("td", entry.Phone)
                .Element("td", entry.FollowUps.Count.ToString(CultureInfo.InvariantCulture), "num")
                .Element("td", Day(entry.FollowUps.Select(c => (DateOnly?)c.ContactDate).Max())).Raw("</tr>");
        }

        page.Raw("</table></div>").Raw(Pager.Keyset(request, request.Url("graduates?" + filter.QueryString), found.Ahead, found.Entries.Count,
            found.Total, (found.First ?? from) is { } first ? LedgerCursor.Encode(first) : null,
            found.Last is { } last ? LedgerCursor.Encode(last) : null));
        return ConsoleResults.Page(request, texts["graduates.ledger"], page.ToString());
    }

    public async Task<IResult?> RatingsAsync(ConsoleRequest request)
    {
        var texts = request.Texts;
        var (filter, problem) = GraduateFilter.Parse(name => name == "cohort" ? request.Query(name) : "", calendar.Today);
        var page = request.NewMarkup();
        page.FilterForm(request.Url("graduates/ratings")).TextBox("cohort", texts["cohort"], (filter?.Cohort ?? calendar.Today.Year)
            .ToString(CultureInfo.InvariantCulture), 4).EndFilterForm(texts["filter"]);
        if (filter is null)
        {
            page.Error(texts[problem!]);
            return ConsoleResults.Page(request, texts["graduates.ratings"], page.ToString(), 400);
        }

        var report = await ratings.ComputeAsync(filter.Cohort, request.Aborted);
        page.Raw("<p class=\"muted\" id=\"rating-rule\">").Text(string.Format(CultureInfo.InvariantCulture, texts["graduates.rating-date"],
                report.RatingDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), PlacementChart.Percent(report.Rule.Green),
                PlacementChart.Percent(report.Rule.Yellow), report.Rule.MinimumGroupSize)).Raw("</p>")
            .Raw("<h2>").Text(texts["graduates.chart"]).Raw("</h2>").Raw(PlacementChart.Render(report, texts["graduates.chart"]))
            .Raw("<h2>").Text(texts["graduates.by-school"]).Raw("</h2>");
        RatingTable(request, page, "school-ratings", report.Schools, filter.Cohort, majors: false);
        page.Raw("<h2>").Text(texts["graduates.by-major"]).Raw("</h2>");
        RatingTable(request, page, "major-ratings", report.Majors, filter.Cohort, majors: true);
        return ConsoleResults.Page(request, texts["graduates.ratings"], page.ToString());
    }

    private static void RatingTable(ConsoleRequest request, Markup page, string id, IReadOnlyList<RatingGroup> groups, int cohort, bool majors)
    {
        var texts = request.Texts;
        page.Raw($"<div class=\"scroll\"><table id=\"{id}\">");
        page.HeaderRow([texts["school"], .. majors ? new[] { texts["major"] } : [], texts["graduates"], texts["secured"], texts["placement-rate"],
            texts["rating"]]);
        foreach (var group in groups)
        {
            page.Raw("<tr><td>").Link(request.Url($"graduates?cohort={cohort.ToString(CultureInfo.InvariantCulture)}&school={group.SchoolCode}"),
                $"{group.SchoolName} ({group.SchoolCode})").Raw("</td>");
            if (majors)
            {
                page.Element("td", $"{group.MajorName} ({group.MajorCode})");
            }

            page.Element("td", group.Graduates.ToString(CultureInfo.InvariantCulture), "num").Element("td", group.Secured.ToString(CultureInfo.InvariantCulture), "num")
                .Element("td", PlacementChart.Percent(group.PlacementRate), "num")
                .Element("td", texts["rating." + group.Rating], "rating " + group.Rating).Raw("</tr>");
        }

        page.Raw("</table></div>");
    }

    private static Markup Filters(ConsoleRequest request, Markup page, GraduateFilter? filter) =>
        page.FilterForm(request.Url("graduates"))
            .TextBox("cohort", request.Texts["cohort"], filter?.Cohort.ToString(CultureInfo.InvariantCulture) ?? request.Query("cohort"), 4)
            .TextBox("district", request.Texts["district-prefix"], filter?.District ?? request.Query("district"), 6)
            .TextBox("school", request.Texts["school-code"], filter?.School ?? request.Query("school"), 10)
            .Select("status", GraduateStatuses.All.Select(s => (s, request.Texts["status." + s])), filter?.Status ?? GraduateStatuses.NotYetPlaced)
            .EndFilterForm(request.Texts["filter"]);

    private static string Day(DateOnly? day) => day?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "—";
}
