using IntegrationHub.Handler.OperatorConsole.Exports;

namespace IntegrationHub.Handler.OperatorConsole.Pages;

/// <summary>Exports of the graduate ledger as CSV: queued from the ledger's page with a purpose (audited under the operator),
/// written in the background while the export's page shows the rows written so far and refreshes itself, then offered as a
/// file. Only the operator who asked sees the export or its file; a viewer cannot export (the console refuses a viewer's forms).</summary>
public sealed class ExportsPage(OperatorExports exports, ConsoleExportSignal signal, HubCalendar calendar)
{
    /// <summary>The export form of the ledger page: its filters, a purpose, and the button (disabled for a viewer).</summary>
    public static string Form(ConsoleRequest request, Markup page, GraduateFilter filter) => Layout.ActionButton(request, page, "exports",
        request.Texts["export"],
        $"<input type=\"hidden\" name=\"kind\" value=\"{ConsoleExportRunner.GraduateLedgerKind}\">" +
        $"<input type=\"hidden\" name=\"filter\" value=\"{page.Attribute(filter.QueryString)}\">" +
        $"<label>{page.Encode(request.Texts["export.purpose"])} <input type=\"text\" name=\"purpose\" id=\"export-purpose\" size=\"24\"></label> ",
        confirm: false);

    public async Task<IResult?> QueueAsync(ConsoleRequest request)
    {
        var texts = request.Texts;
        var filterText = request.Field("filter");
        var (filter, problem) = request.Field("kind") == ConsoleExportRunner.GraduateLedgerKind
            ? GraduateFilter.Parse(name => Query(filterText, name), calendar.Today)
            : (null, "not-found");
        var purpose = request.Field("purpose").Trim();
        var message = filter is null ? texts[problem!] : ReadPurpose.Problem(purpose)?.Message;
        if (message is not null)
        {
            return ConsoleResults.Refusal(request, 400, message);
        }

        var id = await exports.QueueAsync(request.Session!.Operator, ConsoleExportRunner.GraduateLedgerKind, filter!.QueryString, purpose, request.Aborted);
        signal.Queued();
        return ConsoleResults.Redirect(request, "exports/" + id.ToString(CultureInfo.InvariantCulture));
    }

    public async Task<IResult?> ExportAsync(ConsoleRequest request, string idText)
    {
        if (await FindAsync(request, idText) is not { } export)
        {
            return null;
        }

        var texts = request.Texts;
        var page = request.NewMarkup();
        page.Raw("<table id=\"export\">").Row(texts["kind"], export.Kind).Row(texts["filter"], export.Filter).Row(texts["purpose"], export.Purpose)
            .Row(texts["started"], FindingsPage.Time(export.CreatedAt)).Raw("</table>");
        var working = export.State is "queued" or "running";
        page.Raw("<p id=\"progress\" role=\"status\" class=\"").Raw(export.State == "failed" ? "error" : "notice").Raw("\">").Text(export.State switch
        {
            "queued" => texts["export.queued"],
            "running" => string.Format(CultureInfo.InvariantCulture, texts["export.running"], export.RowsWritten),
            "done" => string.Format(CultureInfo.InvariantCulture, texts["export.done"], export.RowsWritten),
            _ => string.Format(CultureInfo.InvariantCulture, texts["export.failed"], export.Error),
        }).Raw("</p>");
        if (export.State == "done")
        {
            page.Raw("<p>").Link(request.Url($"exports/{export.Id.ToString(CultureInfo.InvariantCulture)}/file"), texts["export.download"], "download")
                .Raw("</p>");
        }

        return ConsoleResults.Page(request, texts["exports"] + " #" + export.Id.ToString(CultureInfo.InvariantCulture), page.ToString(),
            refresh: working);
    }

    public async Task<IResult?> FileAsync(ConsoleRequest request, string idText)
    {
        if (!long.TryParse(idText, NumberStyles.None, CultureInfo.InvariantCulture, out var id)
            || await exports.ReadFileAsync(id, request.Session!.Operator, request.Aborted) is not { } file)
        {
            return null;
        }

        return Results.File(file, "text/csv; charset=utf-8", $"graduate-ledger-{idText}.csv");
    }

    private async Task<OperatorExport?> FindAsync(ConsoleRequest request, string idText) =>
        long.TryParse(idText, NumberStyles.None, CultureInfo.InvariantCulture, out var id)
            ? await exports.FindAsync(id, request.Session!.Operator, request.Aborted)
            : null;

    /// <summary>One parameter of a filter's query string (as <see cref="GraduateFilter.QueryString"/> writes it).</summary>
    public static string Query(string query, string name) =>
        query.Split('&').Select(p => p.Split('=', 2)).FirstOrDefault(p => p[0] == name) is [_, var value] ? Uri.UnescapeDataString(value) : "";
}
