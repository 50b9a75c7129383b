namespace IntegrationHub.Handler.Api.Health;

/// <summary><c>GET /api/health</c>: 200 when the database is reachable and migrated, 503 with the reason otherwise.</summary>
public sealed class HealthFunction(HealthProbe probe) : IHttpFunction
{
    public async Task<IResult> InvokeAsync(HttpContext context)
    {
        var report = await probe.CheckAsync(context.RequestAborted);
        return TypedResults.Json(report, statusCode: report.Healthy ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable);
    }
}
