using IntegrationHub.Intake.Storage;

namespace IntegrationHub.Handler.Api.Batches;

/// <summary><c>GET /api/batches/{batchId}</c>: the report of one of the caller's own batches.</summary>
public sealed class BatchReportFunction(CredentialStore credentials, IntakeQueries queries) : IHttpFunction
{
    public async Task<IResult> InvokeAsync(HttpContext context)
    {
        var principal = await BearerAuthentication.AuthenticateAsync(context, credentials);
        if (principal is null)
        {
            return ApiErrors.Unauthorized(context);
        }

        var batchId = context.Request.RouteValues["batchId"]?.ToString() ?? "";
        if (BatchOwner.Resolve(principal, context) is not { } department)
        {
            return ApiErrors.Create(403, "forbidden", "Only a department (its own batches) or an administrator (?department=) may read batch reports.");
        }

        var found = await queries.GetReportAsync(department, batchId, context.RequestAborted);
        return found switch
        {
            null => ApiErrors.Create(404, "unknown-batch", $"Department '{department}' has no batch '{batchId}'."),
            ({ } report, _) => TypedResults.Json(report),
            (null, var lines) => TypedResults.Json(new { batchId, department, status = "incomplete", linesStored = lines }),
        };
    }
}
