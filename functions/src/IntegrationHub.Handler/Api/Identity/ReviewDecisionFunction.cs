using IntegrationHub.Identity.Review;

namespace IntegrationHub.Handler.Api.Identity;

/// <summary><c>POST /api/review/{reviewId}/accept</c> or <c>/reject</c> (admin).</summary>
public sealed class ReviewDecisionFunction(CredentialStore credentials, ReviewService review) : IHttpFunction
{
    public Task<IResult> InvokeAsync(HttpContext context) => AdminOnly.RunAsync(context, credentials, async principal =>
    {
        if (!long.TryParse(context.Request.RouteValues["reviewId"]?.ToString(), NumberStyles.None, CultureInfo.InvariantCulture, out var id))
        {
            return ApiErrors.Create(400, "review-id", "The review id must be a whole number.");
        }

        switch (context.Request.RouteValues["decision"]?.ToString())
        {
            case "accept":
                await review.AcceptAsync(id, principal.Name, context.RequestAborted);
                break;
            case "reject":
                await review.RejectAsync(id, principal.Name, context.RequestAborted);
                break;
            default:
                return ApiErrors.Create(404, "unknown-decision", "Decide with /accept or /reject.");
        }

        return TypedResults.Json(new { reviewId = id, decision = context.Request.RouteValues["decision"]!.ToString() + "ed" });
    });
}
