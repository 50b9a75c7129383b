using IntegrationHub.Identity;
using IntegrationHub.Identity.Review;

namespace IntegrationHub.Handler.Api.Identity;

/// <summary>
/// <c>POST /api/persons/{personId}/merge</c> <c>{"into":"P…"}</c>, <c>/unmerge</c>, and <c>/split</c>
/// <c>{"records":[{"department","feed","recordId"}]}</c> (admin).
/// </summary>
public sealed class PersonActionFunction(CredentialStore credentials, ReviewService review) : IHttpFunction
{
    public Task<IResult> InvokeAsync(HttpContext context) => AdminOnly.RunAsync(context, credentials, async principal =>
    {
        var person = ReviewService.ParsePersonId(context.Request.RouteValues["personId"]?.ToString() ?? "");
        var cancellationToken = context.RequestAborted;
        switch (context.Request.RouteValues["action"]?.ToString())
        {
            case "merge":
                var merge = await JsonBody.ReadAsync<MergeRequest>(context);
                if (merge?.Into is null)
                {
                    return ApiErrors.Create(400, "required", "The body must name the survivor: {\"into\": \"P…\"}.",
                        [new FieldError("/into", "required", "the person to merge into")]);
                }

                var into = ReviewService.ParsePersonId(merge.Into);
                await review.MergeAsync(person, into, principal.Name, cancellationToken);
                return TypedResults.Json(new { personId = PersonId.Format(person), mergedInto = PersonId.Format(into) });
            case "unmerge":
                await review.UnmergeAsync(person, principal.Name, cancellationToken);
                return TypedResults.Json(new { personId = PersonId.Format(person), mergedInto = (string?)null });
            case "split":
                var split = await JsonBody.ReadAsync<SplitRequest>(context);
                if (split?.Records is not { Count: > 0 } records)
                {
                    return ApiErrors.Create(400, "required", "The body must list the records to split off: {\"records\": [...]}.",
                        [new FieldError("/records", "required", "at least one record")]);
                }

                if (Incomplete(records) is { } incomplete)
                {
                    return incomplete;
                }

                var created = await review.SplitAsync(person, records, principal.Name, cancellationToken);
                return TypedResults.Json(new { personId = PersonId.Format(person), splitInto = PersonId.Format(created) });
            default:
                return ApiErrors.Create(404, "unknown-action", "Persons take /merge, /unmerge or /split.");
        }
    });

    /// <summary>A 400 naming the first record to split off that lacks one of its three keys; null when none does.</summary>
    private static IResult? Incomplete(List<RecordKey> records)
    {
        for (var i = 0; i < records.Count; i++)
        {
            var record = records[i];
            var missing = record is null ? "" : string.IsNullOrEmpty(record.Department) ? "/department"
                : string.IsNullOrEmpty(record.Feed) ? "/feed" : string.IsNullOrEmpty(record.RecordId) ? "/recordId" : null;
            if (missing is not null)
            {
                return ApiErrors.Create(400, "required", "Each record to split off names its department, feed and recordId.",
                    [new FieldError($"/records/{i}{missing}", "required", "department, feed and recordId are each a non-empty string.")]);
            }
        }

        return null;
    }

    private sealed record MergeRequest(string? Into);

    private sealed record SplitRequest(List<RecordKey>? Records);
}
