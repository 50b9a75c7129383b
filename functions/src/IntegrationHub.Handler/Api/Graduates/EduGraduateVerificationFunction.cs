using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;
using System.Text.Json;
using IntegrationHub.Flows.Graduates.Verification;
using IntegrationHub.Handler.Functions;

namespace IntegrationHub.Handler.Api.Graduates;

/// <summary><c>GET /api/departments/edu/graduate-verification?cohort=</c> (edu's token or admin; X-Purpose): one line per roster
/// record, JSON or NDJSON (Accept: application/x-ndjson or format=ndjson).</summary>
public sealed class EduGraduateVerificationFunction(GraduateReadAccess access, EduVerificationReport report, IOptions<JsonOptions> json)
    : IHttpFunction
{
    private static readonly ReadOnlyMemory<byte> NewLine = "\n"u8.ToArray();

    public Task<IResult> InvokeAsync(HttpContext context)
    {
        var cohort = 0;
        return access.RunAsync(context, "graduates.verification.read", p => p.IsAdmin || p.IsDepartment("edu"), "edu or an administrator",
            _ => GraduateReadRequest.Cohort(context, out cohort),
            async _ =>
            {
                var options = json.Value.SerializerOptions;
                if (context.Request.Query["format"] == "ndjson"
                    || context.Request.Headers.Accept.ToString().Contains("application/x-ndjson", StringComparison.OrdinalIgnoreCase))
                {
                    return TypedResults.Stream(async stream =>
                    {
                        await foreach (var line in report.ReadAsync(cohort, context.RequestAborted))
                        {
                            await JsonSerializer.SerializeAsync(stream, line, options, context.RequestAborted);
                            await stream.WriteAsync(NewLine, context.RequestAborted);
                        }
                    }, "application/x-ndjson");
                }

                var items = new List<EduVerificationLine>();
                await foreach (var line in report.ReadAsync(cohort, context.RequestAborted))
                {
                    items.Add(line);
                }

                return TypedResults.Json(new { cohort, count = items.Count, items });
            });
    }
}
