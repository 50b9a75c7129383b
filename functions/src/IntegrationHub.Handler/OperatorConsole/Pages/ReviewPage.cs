using IntegrationHub.Identity;
using IntegrationHub.Identity.Review;

namespace IntegrationHub.Handler.OperatorConsole.Pages;

/// <summary>
/// The review queue, paged, and one item: the record and the proposed person field by field, each compared field's weight,
/// and the decisions: accept, reject, merge the record's own person into the proposed one; an accept or a merge can be undone.
/// </summary>
public sealed class ReviewPage(ReviewService review, ReviewComparison comparison)
{
    private const string Purpose = "console: identity review";

    // The attributes a reviewer compares, in the order a person is described.
    private static readonly string[] Fields =
    [
        "name", "formerNames", "birthDate", "gender", "ethnicity", "hukouRegion", "hukouAddress", "householdNumber", "phone",
        "registrationRegion", "schoolName", "majorName", "educationLevel", "graduationDate", "employerName", "employerCreditCode",
    ];

    public async Task<IResult?> ListAsync(ConsoleRequest request)
    {
        var texts = request.Texts;
        var number = request.PageNumber;
        var (items, total) = await review.PageAsync(Pager.Offset(number), Pager.PageSize, request.Session!.Actor, Purpose, request.Aborted);
        var page = request.NewMarkup();
        page.Raw("<div class=\"scroll\"><table id=\"review-items\">")
            .HeaderRow(texts["review.item"], texts["review.record"], texts["review.person"], texts["review.reason"], texts["review.score"]);
        foreach (var item in items)
        {
            page.Raw("<tr><td>").Link(request.Url("review/" + item.ReviewId.ToString(CultureInfo.InvariantCulture)),
                    "#" + item.ReviewId.ToString(CultureInfo.InvariantCulture)).Raw("</td>")
                .Element("td", $"{item.Record.Department}/{item.Record.Feed}/{item.Record.RecordId} v{item.Version}")
                .Element("td", item.PersonId).Element("td", item.Reason).Element("td", Markup.Number(item.Score), "num").Raw("</tr>");
        }

        page.Raw("</table></div>").Raw(Pager.Render(request, request.Url("review"), number, total));
        return ConsoleResults.Page(request, texts["nav.review"], page.ToString());
    }

    public async Task<IResult?> ItemAsync(ConsoleRequest request, string id, string? notice = null)
    {
        if (!long.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out var reviewId)
            || await review.FindAsync(reviewId, request.Session!.Actor, Purpose, request.Aborted) is not { } found)
        {
            return null;
        }

        var texts = request.Texts;
        var item = found.Item;
        var page = request.NewMarkup();
        page.Raw("<p>").Text($"{texts["review.record"]}: {item.Record.Department}/{item.Record.Feed}/{item.Record.RecordId} v{item.Version} · ")
            .Text(texts["review.person"] + ": ").Link(request.Url("persons/" + item.PersonId), item.PersonId)
            .Text($" · {texts["review.reason"]}: {item.Reason} · {texts["review.score"]}: {Markup.Number(item.Score)}").Raw("</p>");
        if (found.RecordPerson is { } own)
        {
            page.Raw("<p id=\"record-person\">").Text(texts["review.record-person"] + ": ").Link(request.Url("persons/" + own), own);
            if (found.RecordPersonMergedInto is { } into)
            {
                page.Text(" (" + string.Format(CultureInfo.InvariantCulture, texts["review.merged-into"], into) + ")");
            }

            page.Raw("</p>");
        }

        page.Raw("<div class=\"scroll\"><table id=\"comparison\">")
            .HeaderRow(texts["review.field"], texts["review.record"], texts["review.person"], texts["review.agree"]);
        var record = item.RecordData as JsonObject ?? [];
        var person = item.PersonData as JsonObject ?? [];
        foreach (var field in Fields.Where(f => record[f] is not null || person[f] is not null))
        {
            var recordValue = Markup.Value(record[field]);
            var personValue = Markup.Value(person[field] is JsonObject attribute && attribute.ContainsKey("value") ? attribute["value"] : person[field]);
            var agrees = recordValue.Length > 0 && recordValue == personValue;
            page.Raw(agrees || recordValue.Length == 0 || personValue.Length == 0 ? "<tr>" : "<tr class=\"disagree\">")
                .Element("td", field).Element("td", recordValue).Element("td", personValue)
                .Element("td", recordValue.Length == 0 || personValue.Length == 0 ? "–" : agrees ? "✓" : "✗").Raw("</tr>");
        }

        page.Raw("</table></div><h2>").Text(texts["review.weights"]).Raw("</h2><table id=\"weights\">")
            .HeaderRow(texts["review.field"], texts["review.level"], texts["review.weight"]);
        foreach (var compared in await comparison.CompareAsync(item, request.Aborted))
        {
            page.Row(compared.Field.ToString(), $"{compared.Level} / {compared.Levels - 1}", Markup.Number(compared.Weight, "+0.00;-0.00"));
        }

        page.Raw("</table>");
        Actions(request, page, found);
        return ConsoleResults.Page(request, texts["review.item"] + " #" + id, page.ToString(), notice: notice);
    }

    public async Task<IResult?> DecideAsync(ConsoleRequest request, string id, string decision)
    {
        if (!long.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out var reviewId))
        {
            return null;
        }

        var actor = request.Session!.Actor;
        var cancellationToken = request.Aborted;
        string done;
        switch (decision)
        {
            case "accept":
                await review.AcceptAsync(reviewId, actor, cancellationToken);
                done = "accepted";
                break;
            case "reject":
                await review.RejectAsync(reviewId, actor, cancellationToken);
                done = "rejected";
                break;
            case "merge" or "unmerge" or "split":
                if (await review.FindAsync(reviewId, actor, Purpose, cancellationToken) is not { } found)
                {
                    return null;
                }

                done = await PersonDecisionAsync(found, decision, actor, cancellationToken);
                break;
            default:
                return null;
        }

        return ConsoleResults.Redirect(request, $"review/{reviewId}?done={done}");
    }

    /// <summary>Merge the record's own person into the proposed one, undo that merge, or undo an accept by splitting the record off.</summary>
    private async Task<string> PersonDecisionAsync(ReviewCase found, string decision, string actor, CancellationToken cancellationToken)
    {
        var proposed = ReviewService.ParsePersonId(found.Item.PersonId);
        switch (decision)
        {
            case "merge" when found.RecordPerson is { } own:
                await review.MergeAsync(ReviewService.ParsePersonId(own), proposed, actor, cancellationToken);
                return "merged";
            case "unmerge" when found.RecordPerson is { } own:
                await review.UnmergeAsync(ReviewService.ParsePersonId(own), actor, cancellationToken);
                return "unmerged";
            case "split":
                await review.SplitAsync(proposed, [found.Item.Record], actor, cancellationToken);
                return "split";
            default:
                throw new IdentityDecisionException(409, "no-record-person", "The record has no person of its own to merge.");
        }
    }

    private static void Actions(ConsoleRequest request, Markup page, ReviewCase found)
    {
        var texts = request.Texts;
        var id = found.Item.ReviewId.ToString(CultureInfo.InvariantCulture);
        if (request.Query("done") is { Length: > 0 } done && texts["done." + done] is var said && said != "done." + done)
        {
            page.Raw("<p class=\"notice\" role=\"status\" id=\"done\">").Text(said).Raw("</p>");
        }

        page.Raw("<div class=\"actions\" id=\"actions\">");
        if (found.Decision is null)
        {
            page.Raw(Layout.ActionButton(request, page, $"review/{id}/accept", texts["review.accept"]))
                .Raw(Layout.ActionButton(request, page, $"review/{id}/reject", texts["review.reject"]));
        }
        else
        {
            page.Raw("<span>").Text(string.Format(CultureInfo.InvariantCulture, texts["review.decided"], found.Decision)).Raw("</span>");
            if (found.Decision == "accepted")
            {
                page.Raw(Layout.ActionButton(request, page, $"review/{id}/split", texts["review.undo-accept"]));
            }
        }

        if (found.RecordPerson is { } own && own != found.Item.PersonId)
        {
            page.Raw(found.RecordPersonMergedInto == found.Item.PersonId
                ? Layout.ActionButton(request, page, $"review/{id}/unmerge", texts["review.undo-merge"])
                : found.RecordPersonMergedInto is null && found.ProposedMergedInto is null
                    ? Layout.ActionButton(request, page, $"review/{id}/merge",
                        string.Format(CultureInfo.InvariantCulture, texts["review.merge"], own, found.Item.PersonId))
                    : "");
        }

        page.Raw("</div>");
    }
}
