using IntegrationHub.Identity.Lookup;

namespace IntegrationHub.Handler.OperatorConsole.Pages;

/// <summary>The person page's sections: summary, golden record with lineage, linked records (to split), merge, history, reviews.</summary>
public static class PersonSections
{
    public static void Render(ConsoleRequest request, Markup page, PersonView view)
    {
        var texts = request.Texts;
        page.Raw("<p id=\"person-summary\">").Text($"{texts["persons.id-number"]}: {view.IdNumber ?? "—"}").Raw("</p>");
        if (view.MergedInto is { } survivor)
        {
            page.Raw("<p class=\"notice\">").Text(string.Format(CultureInfo.InvariantCulture, texts["person.merged-away"], survivor)).Raw(" ")
                .Link(request.Url("persons/" + survivor), survivor).Raw("</p><div class=\"actions\">")
                .Raw(Layout.ActionButton(request, page, $"persons/{view.PersonId}/unmerge", texts["person.unmerge"])).Raw("</div>");
        }

        page.Raw("<h2>").Text(texts["person.golden"]).Raw("</h2><table id=\"golden\">")
            .HeaderRow(texts["person.attribute"], texts["person.value"], texts["person.source"], texts["person.rule"]);
        foreach (var (attribute, value) in view.Golden)
        {
            page.Row(attribute, Markup.Value(value.Value), $"{value.Source.Department}/{value.Source.Feed}/{value.Source.RecordId} v{value.Source.Version}",
                value.Rule);
        }

        page.Raw("</table><h2>").Text(texts["person.records"]).Raw("</h2>");
        var splitAction = request.Url($"persons/{view.PersonId}/split");
        page.Raw("<form method=\"post\" id=\"split\" action=\"").Raw(page.Attribute(splitAction)).Raw("\" data-confirm=\"")
            .Raw(page.Attribute(texts["confirm"])).Raw("\">").Raw(Layout.FormToken(page, request.Session!.FormToken))
            .Raw("<div class=\"scroll\"><table id=\"records\">")
            .HeaderRow("", texts["review.record"], "v", texts["person.rule"], texts["person.score"], texts["person.linked-at"], texts["person"]);
        foreach (var record in view.Records)
        {
            page.Raw("<tr><td><input type=\"checkbox\" name=\"record\" value=\"")
                .Raw(page.Attribute($"{record.Department}|{record.Feed}|{record.RecordId}")).Raw("\"></td>")
                .Element("td", $"{record.Department}/{record.Feed}/{record.RecordId}").Element("td", record.Version.ToString(CultureInfo.InvariantCulture))
                .Element("td", record.Rule).Element("td", Markup.Number(record.Score), "num")
                .Element("td", record.LinkedAt.ToString("u", CultureInfo.InvariantCulture)).Element("td", record.LinkedTo).Raw("</tr>");
        }

        var canAct = OperatorRoles.CanAct(request.Session.Role) ? "" : " disabled";
        page.Raw("</table></div><p><button type=\"submit\"").Raw(canAct).Raw(">").Text(texts["person.split"]).Raw("</button></p></form>");
        if (view.MergedInto is null)
        {
            page.Raw("<form method=\"post\" class=\"actions\" id=\"merge\" action=\"").Raw(page.Attribute(request.Url($"persons/{view.PersonId}/merge")))
                .Raw("\" data-confirm=\"").Raw(page.Attribute(texts["confirm"])).Raw("\">").Raw(Layout.FormToken(page, request.Session.FormToken))
                .Raw("<label for=\"into\">").Text(texts["person.merge-into"]).Raw("</label> <input type=\"text\" id=\"into\" name=\"into\" maxlength=\"20\">")
                .Raw("<button type=\"submit\"").Raw(canAct).Raw(">").Text(texts["person.merge"]).Raw("</button></form>");
        }

        page.Raw("<h2>").Text(texts["person.history"]).Raw("</h2><table id=\"history\">")
            .HeaderRow(texts["person.at"], texts["person.action"], texts["person.actor"], texts["person"], texts["person.other"]);
        foreach (var entry in view.History)
        {
            page.Row(entry.At.ToString("u", CultureInfo.InvariantCulture), entry.Action, entry.Actor, entry.PersonId, entry.OtherPersonId);
        }

        page.Raw("</table><h2>").Text(texts["person.reviews"]).Raw("</h2><table id=\"reviews\">")
            .HeaderRow(texts["review.item"], texts["review.record"], texts["review.reason"], texts["review.score"], texts["status"]);
        foreach (var item in view.Reviews)
        {
            page.Raw("<tr><td>").Link(request.Url("review/" + item.ReviewId.ToString(CultureInfo.InvariantCulture)),
                    "#" + item.ReviewId.ToString(CultureInfo.InvariantCulture)).Raw("</td>")
                .Element("td", $"{item.Record.Department}/{item.Record.Feed}/{item.Record.RecordId} v{item.Record.Version}")
                .Element("td", item.Reason).Element("td", Markup.Number(item.Score), "num").Element("td", item.Decision ?? "—").Raw("</tr>");
        }

        page.Raw("</table>");
    }
}
