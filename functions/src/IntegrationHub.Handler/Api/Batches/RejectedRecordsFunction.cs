using IntegrationHub.Intake.Storage;

namespace IntegrationHub.Handler.Api.Batches;

/// <summary>
/// <c>GET /api/batches/{batchId}/rejected?after=&amp;limit=</c>: the department's own rejected records, as sent, with
/// their errors, so it can correct and resend them. Only the sending department: the records hold personal data.
/// </summary>
public sealed class RejectedRecordsFunction(CredentialStore credentials, IntakeQueries queries) : IHttpFunction
{
    private const int MaxLimit = 5000;

    public async Task<IResult> InvokeAsync(HttpContext context)
    {
        var principal = await BearerAuthentication.AuthenticateAsync(context, credentials);
        if (principal is null)
        {
            return ApiErrors.Unauthorized(context);
        }

        if (principal.Kind != PrincipalKind.Department)
        {
            return ApiErrors.Create(403, "forbidden", "Only the department that sent a batch may read its rejected records.");
        }

        if (!TryReadInt(context, "after", 0, out var after) || after < 0)
        {
            return ApiErrors.Create(400, "invalid-query", "after must be a non-negative whole number (a line or position).");
        }

        if (!TryReadInt(context, "limit", 1000, out var limit) || limit is < 1 or > MaxLimit)
        {
            return ApiErrors.Create(400, "invalid-query", $"limit must be a whole number from 1 to {MaxLimit}.");
        }

        var batchId = context.Request.RouteValues["batchId"]?.ToString() ?? "";
        var records = await queries.GetRejectedAsync(principal.Name, batchId, after, limit, principal.Name, context.RequestAborted);
        return records is null
            ? ApiErrors.Create(404, "unknown-batch", $"Department '{principal.Name}' has no batch '{batchId}'.")
            : TypedResults.Json(new { batchId, records, next = records.Count == limit ? records[^1].Line : (int?)null });
    }

    private static bool TryReadInt(HttpContext context, string name, int fallback, out int value)
    {
        var text = context.Request.Query[name].ToString();
        if (text.Length == 0)
        {
            value = fallback;
            return true;
        }

        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value);
    }
}
