using IntegrationHub.Intake.Overview;
using IntegrationHub.Intake.Storage;

namespace IntegrationHub.Handler.OperatorConsole.Pages;

/// <summary>The batches, newest first and paged, and one batch's report with its rejected and warned records and their errors.</summary>
/// <remarks>The records themselves (personal data) are not shown: only their line, recordId and each error's field, code and
/// message, as the department's report has them.</remarks>
public sealed class BatchesPage(BatchOverview overview, IntakeQueries queries)
{
    public async Task<IResult?> ListAsync(ConsoleRequest request)
    {
        var texts = request.Texts;
        var department = request.Query("department") is { Length: > 0 } d && Departments.All.Contains(d) ? d : null;
        var number = request.PageNumber;
        var (batches, total) = await overview.ListAsync(department, Pager.Offset(number), Pager.PageSize, request.Aborted);
        var page = request.NewMarkup();
        page.FilterForm(request.Url("batches")).Select("department", Departments.All.Select(d => (d, d)), department, texts["all"])
            .EndFilterForm(texts["filter"]).Raw("<div class=\"scroll\"><table id=\"batches\">")
            .HeaderRow(texts["department"], texts["batch"], texts["feed"], texts["channel"], texts["status"], texts["started"],
                texts["received"], texts["accepted"], texts["rejected"], texts["warnings"]);
        foreach (var batch in batches)
        {
            page.Raw(batch.Rejected > 0 ? "<tr class=\"disagree\">" : "<tr>").Element("td", batch.Department).Raw("<td>")
                .Link(request.Url($"batches/{Uri.EscapeDataString(batch.Department)}/{Uri.EscapeDataString(batch.BatchId)}"), batch.BatchId)
                .Raw("</td>").Element("td", batch.Feed).Element("td", batch.Channel).Element("td", batch.Status)
                .Element("td", batch.StartedAt.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) + "Z");
            foreach (var count in new[] { batch.Received, batch.Accepted, batch.Rejected, batch.Warnings })
            {
                page.Element("td", count.ToString(CultureInfo.InvariantCulture), "num");
            }

            page.Raw("</tr>");
        }

        page.Raw("</table></div>").Raw(Pager.Render(request, request.Url("batches" + (department is null ? "" : "?department=" + department)),
            number, total));
        return ConsoleResults.Page(request, texts["nav.batches"], page.ToString());
    }

    public async Task<IResult?> ReportAsync(ConsoleRequest request, string department, string batchId)
    {
        if (!Departments.All.Contains(department))
        {
            return null;
        }

        var texts = request.Texts;
        var found = await queries.GetReportAsync(department, batchId, request.Aborted);
        if (found is not { } stored)
        {
            return null;
        }

        var page = request.NewMarkup();
        if (stored.Report is not { } report)
        {
            page.Raw("<p class=\"notice\">").Text(texts["batch.incomplete"]).Raw("</p>");
            return ConsoleResults.Page(request, texts["batch.report"] + " " + batchId, page.ToString());
        }

        page.Raw("<table id=\"report\">")
            .Row(texts["department"], report.Department).Row(texts["feed"], report.Feed + " " + report.SchemaVersion)
            .Row(texts["status"], report.Status).Row(texts["started"], report.ReceivedAt.ToString("u", CultureInfo.InvariantCulture))
            .Row(texts["received"], Count(report.Received)).Row(texts["accepted"], Count(report.Accepted))
            .Row(texts["unchanged"], Count(report.Unchanged)).Row(texts["rejected"], Count(report.Rejected))
            .Row(texts["warnings"], Count(report.Warnings)).Raw("</table><h2>").Text(texts["batch.problems"]).Raw("</h2>");
        if (report.RecordsTruncated)
        {
            page.Raw("<p class=\"muted\">").Text(texts["batch.truncated"]).Raw("</p>");
        }

        page.Raw("<div class=\"scroll\"><table id=\"problems\">")
            .HeaderRow(texts["line"], texts["record-id"], texts["outcome"], texts["path"], texts["code"], texts["message"]);
        var number = request.PageNumber;
        foreach (var record in report.Records.Skip(Pager.Offset(number)).Take(Pager.PageSize))
        {
            foreach (var error in record.Errors.DefaultIfEmpty())
            {
                page.Raw(record.Outcome == "rejected" ? "<tr class=\"disagree\">" : "<tr>").Element("td", Count(record.Line))
                    .Element("td", record.RecordId ?? "—").Element("td", record.Outcome).Element("td", error?.Path)
                    .Element("td", error?.Code).Element("td", error?.Message).Raw("</tr>");
            }
        }

        page.Raw("</table></div>")
            .Raw(Pager.Render(request, request.Url($"batches/{department}/{Uri.EscapeDataString(batchId)}"), number, report.Records.Count));
        return ConsoleResults.Page(request, texts["batch.report"] + " " + batchId, page.ToString());
    }

    private static string Count(int value) => value.ToString(CultureInfo.InvariantCulture);
}
