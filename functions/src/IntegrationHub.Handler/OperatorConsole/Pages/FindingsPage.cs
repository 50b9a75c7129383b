using IntegrationHub.Flows.Exchange.Findings;
using IntegrationHub.Flows.Exchange.Rules;

namespace IntegrationHub.Handler.OperatorConsole.Pages;

/// <summary>One department's comparison findings, newest change first and paged, filtered by rule and status, read through the
/// exchange flow's finding API (which audits the read under the operator with the console's purpose).</summary>
/// <remarks>The exchange's rules give the identity number of a number finding to the department that sent it alone: the console
/// masks it for every operator, admin included. A page is read by keyset (after or before a finding's cursor, as the API's pages
/// are), so only the findings it shows are read, decrypted and audited, and a finding that changes while the operator pages is
/// not shown twice; the counts for the pager decrypt nothing.</remarks>
public sealed class FindingsPage(FindingQueries queries, RuleCatalog rules)
{
    public const string Purpose = "console: comparison findings";

    public async Task<IResult?> ListAsync(ConsoleRequest request)
    {
        var texts = request.Texts;
        var department = request.Query("department") is { Length: > 0 } d ? d : Departments.All[0];
        var rule = request.Query("rule") is { Length: > 0 } r ? r : null;
        var status = request.Query("status") is { Length: > 0 } s ? s : "open";
        var page = request.NewMarkup();
        page.FilterForm(request.Url("findings")).Select("department", Departments.All.Select(c => (c, c)), department)
            .Select("rule", rules.Rules.Select(c => (c.Id, c.Id)), rule, texts["all"])
            .Select("status", new[] { "open", "resolved", "all" }.Select(c => (c, texts[c == "all" ? c : "status." + c])), status)
            .EndFilterForm(texts["filter"]);
        var problem = !Departments.All.Contains(department) ? "invalid.department"
            : rule is not null && rules.Find(rule) is null ? "invalid.rule"
            : status is not ("open" or "resolved" or "all") ? "invalid.status"
            : null;
        if (problem is not null)
        {
            page.Error(texts[problem]);
            return ConsoleResults.Page(request, texts["findings"], page.ToString(), 400);
        }

        var (cursor, before) = Pager.KeysetCursor<FindingCursor>(request, FindingCursor.TryDecode);
        var filter = new FindingFilter(null, rule, status switch { "open" => true, "resolved" => false, _ => null }, cursor, Pager.PageSize,
            NewestFirst: !before);
        var read = await queries.ListAsync(department, filter, request.Session!.Actor, Purpose, request.Aborted);
        if (before && read.Count == 0)
        {
            // No finding is newer than the cursor any more (those ahead of it changed or were removed): the page before it is
            // the first, which an empty page would show as page 1 with no link on.
            (cursor, before, filter) = (null, false, filter with { After = null, NewestFirst = true });
            read = await queries.ListAsync(department, filter, request.Session!.Actor, Purpose, request.Aborted);
        }

        IReadOnlyList<FindingView> found = before ? [.. read.Reverse()] : read;
        var first = found.Count > 0 ? FindingCursor.Of(found[0]) : cursor;
        var (total, ahead) = await queries.CountAsync(department, filter, first, request.Aborted);
        page.Raw("<p class=\"muted\">").Text(texts["findings.masked"]).Raw("</p><div class=\"scroll\"><table id=\"findings\">")
            .HeaderRow(texts["finding"], texts["rule"], texts["person"], texts["records"], texts["period"], texts["persons.id-number"],
                texts["evidence"], texts["status"], texts["first-seen"], texts["last-seen"]);
        foreach (var finding in found)
        {
            page.Raw(finding.Status == "open" ? "<tr class=\"disagree\">" : "<tr>").Element("td", finding.FindingId).Element("td", finding.RuleId)
                .Raw("<td>").Link(request.Url("persons/" + finding.PersonId + "?purpose=" + Uri.EscapeDataString(Purpose)), finding.PersonId).Raw("</td>")
                .Element("td", string.Join(", ", finding.RecordIds)).Element("td", finding.Period.From + " – " + finding.Period.To)
                .Element("td", finding.IdNumber is { } id ? IdentityProtector.Mask(id) : "—")
                .Element("td", Markup.Mask(Describe(finding.Evidence, finding.Detail))).Element("td", texts["status." + finding.Status])
                .Element("td", Time(finding.FirstSeen)).Element("td", Time(finding.LastSeen)).Raw("</tr>");
        }

        var query = $"findings?department={department}&status={status}" + (rule is null ? "" : "&rule=" + Uri.EscapeDataString(rule));
        page.Raw("</table></div>").Raw(Pager.Keyset(request, request.Url(query), ahead, found.Count, total, first?.Encode(),
            found.Count > 0 ? FindingCursor.Of(found[^1]).Encode() : null));
        return ConsoleResults.Page(request, texts["findings"], page.ToString());
    }

    /// <summary>The feeds a finding stands on and what its rule lets it show, as one line.</summary>
    private static string Describe(JsonArray evidence, JsonObject detail) =>
        string.Join(", ", evidence.Select(e => $"{e?["department"]}/{e?["feed"]}"))
        + (detail.Count == 0 ? "" : "; " + string.Join(", ", detail.Select(p => $"{p.Key}: {p.Value?.ToJsonString()}")));

    public static string Time(DateTimeOffset? at) => at?.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) + (at is null ? "—" : "Z");
}
