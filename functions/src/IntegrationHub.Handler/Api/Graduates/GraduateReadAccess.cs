namespace IntegrationHub.Handler.Api.Graduates;

/// <summary>
/// The door of every graduate read: a bearer token (401), a reader the route allows (403), a purpose in <c>X-Purpose</c> (400),
/// valid parameters (400 with the parameter's pointer); the read is audited with reader, purpose and parameters before it runs.
/// </summary>
public sealed class GraduateReadAccess(CredentialStore credentials, AuditLog audit, NpgsqlDataSource dataSource)
{
    public async Task<IResult> RunAsync(HttpContext context, string action, GraduateReaders readers,
        Func<Principal, FieldError?> parse, Func<Principal, Task<IResult>> read)
    {
        var (principal, denied) = await BearerAuthentication.AuthorizeAsync(context, credentials, readers.Allowed,
            $"Only {readers.Who} may read this.");
        if (principal is null)
        {
            return denied!;
        }

        var purpose = RequestPurpose.Stated(context);
        if (RequestPurpose.Refusal(purpose) is { } refused)
        {
            return ApiErrors.From(refused);
        }

        if (parse(principal) is { } error)
        {
            return GraduateReadRequest.Invalid(error);
        }

        var detail = JsonSerializer.Serialize(context.Request.Query.ToDictionary(q => q.Key, q => q.Value.ToString()));
        await audit.AppendAsync(dataSource, new AuditEntry(principal.Name, action, purpose, null, detail), context.RequestAborted);
        return await read(principal);
    }
}
