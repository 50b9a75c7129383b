using IntegrationHub.Intake;
using IntegrationHub.Intake.Feeds;
using IntegrationHub.Intake.Parsing;
using IntegrationHub.Intake.Rules;
using Microsoft.Net.Http.Headers;
using MediaTypeHeaderValue = Microsoft.Net.Http.Headers.MediaTypeHeaderValue;

namespace IntegrationHub.Handler.Api.Feeds;

/// <summary><c>POST /api/feeds/{department}/{feed}</c>: a department sends a batch as JSON or streamed NDJSON, optionally gzip.</summary>
/// <remarks>Every refusal, whatever its status, is audited with the actor, the feed, the status and the code.</remarks>
public sealed class SubmitFeedFunction(
    CredentialStore credentials,
    FeedCatalogProvider catalogs,
    IntakeService intake,
    AuditLog audit,
    NpgsqlDataSource dataSource,
    IOptions<IntakeOptions> options,
    ILogger<SubmitFeedFunction> logger) : IHttpFunction
{
    public async Task<IResult> InvokeAsync(HttpContext context)
    {
        var cancellationToken = context.RequestAborted;
        var department = context.Request.RouteValues["department"]?.ToString() ?? "";
        var feed = context.Request.RouteValues["feed"]?.ToString() ?? "";
        var principal = await BearerAuthentication.AuthenticateAsync(context, credentials);
        if (principal is null)
        {
            await AuditRefusalAsync("anonymous", department, feed, 401, "unauthorized", cancellationToken);
            return ApiErrors.Unauthorized(context);
        }

        var catalog = await catalogs.GetAsync(cancellationToken);
        if (!catalog.IsDepartment(department))
        {
            return await RefuseAsync(principal.Name, department, feed, new ApiError(404, "unknown-feed",
                $"There is no department '{department}'. Departments: {Departments.Listed}."), cancellationToken);
        }

        if (!principal.IsDepartment(department))
        {
            return await RefuseAsync(principal.Name, department, feed, new ApiError(403, "forbidden",
                $"The credential of '{principal.Name}' may not send feeds of department '{department}'."), cancellationToken);
        }

        if (!TryGetFormat(context.Request.ContentType, out var format))
        {
            return await RefuseAsync(principal.Name, department, feed, new ApiError(415, "unsupported-media-type",
                $"Content-Type '{context.Request.ContentType}' is not accepted: send application/json or application/x-ndjson."), cancellationToken);
        }

        var encoding = context.Request.Headers.ContentEncoding.ToString().Trim().ToLowerInvariant();
        if (encoding is not ("" or "identity" or "gzip"))
        {
            return await RefuseAsync(principal.Name, department, feed, new ApiError(415, "unsupported-encoding",
                $"Content-Encoding '{encoding}' is not accepted: send gzip or none."), cancellationToken);
        }

        if (format == BatchFormat.Json && encoding != "gzip" && context.Request.ContentLength > options.Value.MaxJsonBodyBytes)
        {
            return await RefuseAsync(principal.Name, department, feed, new ApiError(413, "body-too-large",
                $"An application/json batch may be at most {options.Value.MaxJsonBodyBytes} bytes. Send larger batches as application/x-ndjson, which is streamed."),
                cancellationToken);
        }

        // NDJSON batches are unbounded streams; the intake enforces its own limits as it reads.
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = null;
        }

        IntakeOutcome outcome;
        try
        {
            await using var body = encoding == "gzip" ? BoundedGzipStream.For(context.Request.Body, options.Value) : context.Request.Body;
            outcome = await intake.ReceiveAsync(new IntakeSubmission(principal.Name, department, feed, IntakeChannel.Http, format, body),
                cancellationToken);
        }
        catch (Exception exception) when (!cancellationToken.IsCancellationRequested)
        {
            // Only the exception's type is logged: its message may quote what was sent.
            logger.LogError("Intake of {Department}/{Feed} failed unexpectedly ({Exception})", department, feed, exception.GetType().FullName);
            return await RefuseAsync(principal.Name, department, feed, new ApiError(500, "internal-error",
                "The hub failed while reading this batch. Records stored before this point are kept; the failure is logged and audited. " +
                "Send the same batch again later to complete it."), cancellationToken);
        }

        if (outcome.Error is { } error)
        {
            var refusal = IntakeStatusCodes.ApiError(error);
            await AuditRefusalAsync(principal.Name, department, feed, refusal.Status, refusal.Code, cancellationToken);
            return outcome.Report is { } partial
                ? TypedResults.Json(new { refusal.Status, refusal.Code, refusal.Message, report = partial }, statusCode: refusal.Status)
                : ApiErrors.From(refusal);
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

    private async Task<IResult> RefuseAsync(string actor, string department, string feed, ApiError error,
        CancellationToken cancellationToken)
    {
        await AuditRefusalAsync(actor, department, feed, error.Status, error.Code, cancellationToken);
        return ApiErrors.From(error);
    }

    /// <remarks>
    /// When the database is down the refusal cannot be audited either: it is logged instead, so the reply the department
    /// needs is never replaced by a 500.
    /// </remarks>
    private async Task AuditRefusalAsync(string actor, string department, string feed, int status, string code, CancellationToken cancellationToken)
    {
        try
        {
            await audit.AppendAsync(dataSource, new AuditEntry(actor, "feed.refused", "intake", $"{Target(department)}/{Target(feed)}",
                JsonSerializer.Serialize(new { status, code })), cancellationToken);
        }
        catch (NpgsqlException exception)
        {
            logger.LogWarning("The refusal ({Status} {Code}) of {Actor}'s batch could not be audited: {Reason}", status, code, actor,
                exception.SqlState ?? exception.GetType().Name);
        }
    }

    /// <summary>A route value as it may go into the audit log: what an unknown department or feed was called, without personal data.</summary>
    private static string Target(string value) => IdentityNumber.AppearsIn(value) || value.Length > 64 ? "(withheld)" : value;
}
