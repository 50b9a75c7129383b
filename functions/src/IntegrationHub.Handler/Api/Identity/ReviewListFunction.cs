using IntegrationHub.Identity.Review;

namespace IntegrationHub.Handler.Api.Identity;

/// <summary><c>GET /api/review?limit=</c> (admin): the open doubts, strongest first, each with both sides to judge by.</summary>
public sealed class ReviewListFunction(CredentialStore credentials, ReviewService review) : IHttpFunction
{
    public Task<IResult> InvokeAsync(HttpContext context) => AdminOnly.RunAsync(context, credentials, async principal =>
    {
        var text = context.Request.Query["limit"].ToString();
        var limit = 100;
        if (text.Length > 0 && (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out limit) || limit is < 1 or > 1000))
        {
            return ApiErrors.Create(400, "invalid-query", "limit must be a whole number from 1 to 1000.");
        }

        return TypedResults.Json(new { items = await review.ListAsync(limit, principal.Name, context.RequestAborted) });
    });
}
