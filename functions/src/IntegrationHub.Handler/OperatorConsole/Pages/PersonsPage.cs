using IntegrationHub.Identity;
using IntegrationHub.Identity.Lookup;
using IntegrationHub.Identity.Review;
using IntegrationHub.Labor.Lookup;

namespace IntegrationHub.Handler.OperatorConsole.Pages;

/// <summary>
/// Person search (by identity number, or name and birth date, posted: never in an address) and the person page: the golden
/// record with each attribute's source and rule, the linked records, merges and splits, review items; and merge, unmerge and
/// split. Reads go through identity's person read API, audited with the operator's purpose; numbers masked for a viewer.
/// </summary>
public sealed class PersonsPage(PersonLookup lookup, PersonDossierReader dossiers, ReviewService review)
{
    private const string DefaultPurpose = "console: person lookup";

    public Task<IResult?> SearchFormAsync(ConsoleRequest request) =>
        Task.FromResult<IResult?>(ConsoleResults.Page(request, request.Texts["persons.search"], SearchForm(request, request.NewMarkup()).ToString()));

    public async Task<IResult?> SearchAsync(ConsoleRequest request)
    {
        var texts = request.Texts;
        var purpose = Purpose(request.Field("purpose"));
        var page = request.NewMarkup();
        if (ReadPurpose.Problem(purpose) is { } problem)
        {
            page.Error(problem.Message);
            return ConsoleResults.Page(request, texts["persons.search"], SearchForm(request, page).ToString(), 400);
        }

        IReadOnlyList<PersonSummary> found;
        try
        {
            found = await lookup.SearchAsync(new PersonQuery(Optional(request.Field("idNumber")), Optional(request.Field("name")),
                Optional(request.Field("birthDate"))), request.Reader, purpose, request.Aborted);
        }
        catch (LookupRefusedException e)
        {
            page.Error(e.Message);
            return ConsoleResults.Page(request, texts["persons.search"], SearchForm(request, page).ToString(), 400);
        }

        SearchForm(request, page).Raw("<h2>").Text(string.Format(CultureInfo.InvariantCulture, texts["persons.found"], found.Count))
            .Raw("</h2><table id=\"found\">")
            .HeaderRow(texts["person"], texts["persons.name"], texts["persons.birth-date"], texts["persons.gender"], texts["persons.id-number"],
                texts["persons.records"]);
        foreach (var person in found)
        {
            page.Raw("<tr><td>").Link(request.Url($"persons/{person.PersonId}?purpose={Uri.EscapeDataString(purpose)}"), person.PersonId)
                .Raw("</td>").Element("td", person.Name).Element("td", person.BirthDate).Element("td", person.Gender)
                .Element("td", person.IdNumber).Element("td", person.Records.ToString(CultureInfo.InvariantCulture), "num").Raw("</tr>");
        }

        page.Raw("</table>");
        return ConsoleResults.Page(request, texts["persons.search"], page.ToString());
    }

    public async Task<IResult?> PersonAsync(ConsoleRequest request, string id)
    {
        var purpose = Purpose(request.Query("purpose"));
        if (!PersonId.TryParse(id, out var personId) || ReadPurpose.Problem(purpose) is not null)
        {
            return null;
        }

        PersonView view;
        try
        {
            view = (await dossiers.GetAsync(personId, request.Reader, purpose, request.Aborted)).Person;
        }
        catch (LookupRefusedException)
        {
            return null;
        }

        var page = request.NewMarkup();
        PersonSections.Render(request, page, view);
        var notice = request.Query("done") is { Length: > 0 } done && request.Texts["done." + done] is var said && said != "done." + done ? said : null;
        return ConsoleResults.Page(request, request.Texts["person"] + " " + view.PersonId, page.ToString(), notice: notice);
    }

    public async Task<IResult?> ActAsync(ConsoleRequest request, string id, string action)
    {
        var person = ReviewService.ParsePersonId(id);
        var actor = request.Session!.Actor;
        string shown;
        switch (action)
        {
            case "merge":
                var into = ReviewService.ParsePersonId(request.Field("into").Trim());
                await review.MergeAsync(person, into, actor, request.Aborted);
                shown = PersonId.Format(into);
                return ConsoleResults.Redirect(request, $"persons/{shown}?done=merged");
            case "unmerge":
                await review.UnmergeAsync(person, actor, request.Aborted);
                shown = PersonId.Format(person);
                return ConsoleResults.Redirect(request, $"persons/{shown}?done=unmerged");
            case "split":
                var records = request.Form["record"].Select(Key).OfType<RecordKey>().ToList();
                var created = await review.SplitAsync(person, records, actor, request.Aborted);
                return ConsoleResults.Redirect(request, $"persons/{PersonId.Format(created)}?done=split");
            default:
                return null;
        }
    }

    private static Markup SearchForm(ConsoleRequest request, Markup page)
    {
        var texts = request.Texts;
        return page.Raw("<form method=\"post\" class=\"stack\" id=\"search\" action=\"").Raw(page.Attribute(request.Url("persons/search"))).Raw("\">")
            .Raw(Layout.FormToken(page, request.Session!.FormToken))
            .Raw("<label for=\"idNumber\">").Text(texts["persons.id-number"]).Raw("</label>")
            .Raw("<input type=\"text\" id=\"idNumber\" name=\"idNumber\" autocomplete=\"off\" maxlength=\"18\">")
            .Raw("<p class=\"muted\">").Text(texts["persons.or"]).Raw("</p>")
            .Raw("<label for=\"name\">").Text(texts["persons.name"]).Raw("</label><input type=\"text\" id=\"name\" name=\"name\" autocomplete=\"off\">")
            .Raw("<label for=\"birthDate\">").Text(texts["persons.birth-date"]).Raw("</label><input type=\"date\" id=\"birthDate\" name=\"birthDate\">")
            .Raw("<label for=\"purpose\">").Text(texts["purpose"]).Raw("</label>")
            .Raw("<input type=\"text\" id=\"purpose\" name=\"purpose\" maxlength=\"200\" value=\"").Raw(page.Attribute(DefaultPurpose)).Raw("\">")
            .Raw("<p><button type=\"submit\" id=\"find\">").Text(texts["persons.search"]).Raw("</button></p></form>");
    }

    private static string Purpose(string given) => string.IsNullOrWhiteSpace(given) ? DefaultPurpose : given.Trim();

    private static string? Optional(string value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    /// <summary>A record as the split form names it: <c>department|feed|recordId</c>.</summary>
    private static RecordKey? Key(string? value) => value?.Split('|') is [var department, var feed, var recordId]
        ? new RecordKey(department, feed, recordId)
        : null;
}
