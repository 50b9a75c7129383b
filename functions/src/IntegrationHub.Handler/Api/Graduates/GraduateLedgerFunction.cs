using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;
using System.Text.Json;
using IntegrationHub.Flows.Graduates.Ledger;
using IntegrationHub.Handler.Functions;
using IntegrationHub.Labor.Graduates;
using IntegrationHub.Platform.Credentials;

namespace IntegrationHub.Handler.Api.Graduates;

/// <summary><c>GET /api/graduates/ledger?cohort=&amp;region=&amp;school=&amp;status=</c> (admin or hr, X-Purpose): the ledger as JSON,
/// or as NDJSON (one entry a line) when the client accepts <c>application/x-ndjson</c> or asks <c>format=ndjson</c>. Phones are
/// whole for hr (the follow-up service calls them) and masked for the administrator.</summary>
public sealed class GraduateLedgerFunction(GraduateReadAccess access, GraduateLedger ledger, IOptions<JsonOptions> json) : IHttpFunction
{
    private static readonly ReadOnlyMemory<byte> NewLine = "\n"u8.ToArray();

    public Task<IResult> InvokeAsync(HttpContext context)
    {
        var cohort = 0;
        string? region = null, school = null;
        var status = GraduateStatuses.NotYetPlaced;
        return access.RunAsync(context, "graduates.ledger.read", p => p.IsAdmin || p.IsDepartment("hr"), "an administrator or hr",
            _ => GraduateReadRequest.Cohort(context, out cohort)
                 ?? GraduateReadRequest.Digits(context, "region", 2, 6, out region)
                 ?? GraduateReadRequest.Digits(context, "school", 10, 10, out school)
                 ?? GraduateReadRequest.OneOf(context, "status", GraduateStatuses.All, GraduateStatuses.NotYetPlaced, out status),
            principal =>
            {
                var query = new LedgerQuery(cohort, region, school, status, PhoneEntitled: principal.IsDepartment("hr"));
                var options = json.Value.SerializerOptions;
                var ndjson = context.Request.Query["format"] == "ndjson"
                             || context.Request.Headers.Accept.ToString().Contains("application/x-ndjson", StringComparison.OrdinalIgnoreCase);
                if (ndjson)
                {
                    return Task.FromResult<IResult>(TypedResults.Stream(async stream =>
                    {
                        await foreach (var entry in ledger.ReadAsync(query, context.RequestAborted))
                        {
                            await JsonSerializer.SerializeAsync(stream, entry, options, context.RequestAborted);
                            await stream.WriteAsync(NewLine, context.RequestAborted);
                        }
                    }, "application/x-ndjson"));
                }

                return ReadAllAsync(query);
            });

        async Task<IResult> ReadAllAsync(LedgerQuery query)
        {
            var items = new List<LedgerEntry>();
            await foreach (var entry in ledger.ReadAsync(query, context.RequestAborted))
            {
                items.Add(entry);
            }

            return TypedResults.Json(new { cohort = query.Cohort, status = query.Status, count = items.Count, items });
        }
    }
}
