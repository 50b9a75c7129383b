using System.IO.Compression;
using System.Text.Json;
using IntegrationHub.Handler.Api.Auth;
using IntegrationHub.Handler.Functions;
using IntegrationHub.Identity;
using IntegrationHub.Intake;
using IntegrationHub.Intake.Feeds;
using IntegrationHub.Platform.Audit;
using IntegrationHub.Platform.Credentials;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;
using Npgsql;

namespace IntegrationHub.Handler.Api.Feeds;

/// <summary><c>POST /api/feeds/{department}/{feed}</c>: a department sends a batch as JSON or streamed NDJSON, optionally gzip.</summary>
public sealed class SubmitFeedFunction(
    CredentialStore credentials,
    FeedCatalogProvider catalogs,
    IntakeService intake,
    IncrementalLinker linker,
    AuditLog audit,
    NpgsqlDataSource dataSource,
    IOptions<IntakeOptions> options) : IHttpFunction
{
    public async Task<IResult> InvokeAsync(HttpContext context)
    {
        var cancellationToken = context.RequestAborted;
        var department = context.Request.RouteValues["department"]?.ToString() ?? "";
        var feed = context.Request.RouteValues["feed"]?.ToString() ?? "";
        var principal = await BearerAuthentication.AuthenticateAsync(context, credentials);
        if (principal is null)
        {
            await RefuseAsync("anonymous", department, feed, 401, cancellationToken);
            return ApiErrors.Unauthorized(context);
        }

        var catalog = await catalogs.GetAsync(cancellationToken);
        if (!catalog.IsDepartment(department))
        {
            return ApiErrors.Create(404, "unknown-feed", $"There is no department '{department}'. Departments: hr, edu, ps, ca, tax.");
        }

        if (!principal.IsDepartment(department))
        {
            await RefuseAsync(principal.Name, department, feed, 403, cancellationToken);
            return ApiErrors.Create(403, "forbidden", $"The credential of '{principal.Name}' may not send feeds of department '{department}'.");
        }

        if (!TryGetFormat(context.Request.ContentType, out var format))
        {
            return ApiErrors.Create(415, "unsupported-media-type",
                $"Content-Type '{context.Request.ContentType}' is not accepted: send application/json or application/x-ndjson.");
        }

        var encoding = context.Request.Headers.ContentEncoding.ToString().Trim().ToLowerInvariant();
        if (encoding is not ("" or "identity" or "gzip"))
        {
            return ApiErrors.Create(415, "unsupported-encoding", $"Content-Encoding '{encoding}' is not accepted: send gzip or none.");
        }

        if (format == BatchFormat.Json && encoding != "gzip" && context.Request.ContentLength > options.Value.MaxJsonBodyBytes)
        {
            return ApiErrors.Create(413, "body-too-large",
                $"An application/json batch may be at most {options.Value.MaxJsonBodyBytes} bytes. Send larger batches as application/x-ndjson, which is streamed.");
        }

        // NDJSON batches are unbounded streams; the intake enforces its own limits as it reads.
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = null;
        }

        await using var body = encoding == "gzip"
            ? new GZipStream(context.Request.Body, CompressionMode.Decompress, leaveOpen: true)
            : context.Request.Body;
        var outcome = await intake.ReceiveAsync(new IntakeSubmission(principal.Name, department, feed, IntakeChannel.Http, format, body),
            cancellationToken);
        if (outcome.Error is { } error)
        {
            if (error.Status is 400 or 404 or 409)
            {
                await RefuseAsync(principal.Name, department, feed, error.Status, cancellationToken);
            }

            return outcome.Report is { } partial
                ? TypedResults.Json(new { error.Status, error.Code, error.Message, report = partial }, statusCode: error.Status)
                : ApiErrors.From(error);
        }

        // A small batch is linked before the reply (when it was new, as it was stored), so the sender's records are in the
        // person store when it hears back.
        if (!outcome.ArrivalDone)
        {
            await linker.LinkIfSmallAsync(department, outcome.Report!.BatchId, outcome.Report.Received, cancellationToken);
        }

        return TypedResults.Json(outcome.Report);
    }

    private static bool TryGetFormat(string? contentType, out BatchFormat format)
    {
        format = BatchFormat.Json;
        if (!MediaTypeHeaderValue.TryParse(contentType, out var media))
        {
            return false;
        }

        if (media.MediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        format = BatchFormat.Ndjson;
        return media.MediaType.Equals("application/x-ndjson", StringComparison.OrdinalIgnoreCase);
    }

    private Task RefuseAsync(string actor, string department, string feed, int status, CancellationToken cancellationToken) =>
        audit.AppendAsync(dataSource, new AuditEntry(actor, "feed.refused", "intake", $"{department}/{feed}",
            JsonSerializer.Serialize(new { status })), cancellationToken);
}
