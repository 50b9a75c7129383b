using System.Text.Json;
using IntegrationHub.Handler.Functions;
using IntegrationHub.Identity;
using IntegrationHub.Identity.Review;
using IntegrationHub.Platform.Credentials;

namespace IntegrationHub.Handler.Api.Identity;

/// <summary>
/// <c>POST /api/persons/{personId}/merge</c> <c>{"into":"P…"}</c>, <c>/unmerge</c>, and <c>/split</c>
/// <c>{"records":[{"department","feed","recordId"}]}</c> (admin).
/// </summary>
public sealed class PersonActionFunction(CredentialStore credentials, ReviewService review) : IHttpFunction
{
    private static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);

    public Task<IResult> InvokeAsync(HttpContext context) => AdminOnly.RunAsync(context, credentials, async principal =>
    {
        var person = ReviewService.ParsePersonId(context.Request.RouteValues["personId"]?.ToString() ?? "");
        var cancellationToken = context.RequestAborted;
        switch (context.Request.RouteValues["action"]?.ToString())
        {
            case "merge":
                var merge = await ReadAsync<MergeRequest>(context);
                if (merge?.Into is null)
                {
                    return ApiErrors.Create(400, "required", "The body must name the survivor: {\"into\": \"P…\"}.",
                        [new IntegrationHub.Intake.Validation.FieldError("/into", "required", "the person to merge into")]);
                }

                await review.MergeAsync(person, ReviewService.ParsePersonId(merge.Into), principal.Name, cancellationToken);
                return TypedResults.Json(new { personId = PersonId.Format(person), mergedInto = merge.Into });
            case "unmerge":
                await review.UnmergeAsync(person, principal.Name, cancellationToken);
                return TypedResults.Json(new { personId = PersonId.Format(person), mergedInto = (string?)null });
            case "split":
                var split = await ReadAsync<SplitRequest>(context);
                if (split?.Records is not { Count: > 0 } records)
                {
                    return ApiErrors.Create(400, "required", "The body must list the records to split off: {\"records\": [...]}.",
                        [new IntegrationHub.Intake.Validation.FieldError("/records", "required", "at least one record")]);
                }

                var created = await review.SplitAsync(person, records, principal.Name, cancellationToken);
                return TypedResults.Json(new { personId = PersonId.Format(person), splitInto = PersonId.Format(created) });
            default:
                return ApiErrors.Create(404, "unknown-action", "Persons take /merge, /unmerge or /split.");
        }
    });

    private static async Task<T?> ReadAsync<T>(HttpContext context)
    {
        try
        {
            return await JsonSerializer.DeserializeAsync<T>(context.Request.Body, Web, context.RequestAborted);
        }
        catch (JsonException exception)
        {
            throw new IdentityDecisionException(400, "json", $"The body is not the expected JSON: {exception.Message}");
        }
    }

    private sealed record MergeRequest(string? Into);

    private sealed record SplitRequest(List<RecordKey>? Records);
}
