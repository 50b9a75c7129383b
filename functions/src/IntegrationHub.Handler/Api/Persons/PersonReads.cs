using IntegrationHub.Identity.Lookup;

namespace IntegrationHub.Handler.Api.Persons;

/// <summary>The frame of every read of persons' data: the bearer token, who may ask, the purpose (<c>X-Purpose</c>) and the
/// statuses of the library's refusals.</summary>
/// <remarks>The purpose is plain text, percent-encoded UTF-8 when it is not ASCII. A refused purpose or query is audited (codes only) under <see cref="RefusedPurpose"/>, since the purpose given was
/// not one to record.</remarks>
internal static class PersonReads
{
    public const string RefusedPurpose = "refused-read";

    /// <summary>The administrator, or human resources (人社), whose operators look persons up.</summary>
    public static bool AdminOrHr(Principal principal) => principal.IsAdmin || principal.IsDepartment("hr");

    public static Task<IResult> RunAsync(HttpContext context, CredentialStore credentials, Func<Principal, bool> allowed,
        string forbidden, Func<PersonReader, string, Task<IResult>> read) =>
        ApiGate.RunAsync<LookupRefusedException>(context, credentials, allowed, forbidden, async principal =>
        {
            var purpose = RequestPurpose.Stated(context);
            if (RequestPurpose.Refusal(purpose) is { } refusal)
            {
                await AuditAsync(context, principal, refusal);
                return ApiErrors.From(refusal);
            }

            var reader = principal.IsAdmin ? PersonReader.Administrator(principal.Name) : PersonReader.Department(principal.Name);
            return await read(reader, purpose);
        }, Refusal, (principal, refusal) => AuditAsync(context, principal, refusal));

    /// <summary>A read of the one person the route names (<c>{personId}</c>), by the administrator or human resources.</summary>
    public static Task<IResult> RunForPersonAsync(HttpContext context, CredentialStore credentials, string forbidden,
        Func<long, PersonReader, string, Task<IResult>> read) =>
        RunAsync(context, credentials, AdminOrHr, forbidden, (reader, purpose) =>
            read(PersonLookup.ParsePersonId(context.Request.RouteValues["personId"]?.ToString(), "/personId"), reader, purpose));

    private static ApiError Refusal(LookupRefusedException refusal) => new(refusal.Refusal switch
    {
        LookupRefusal.NotFound => 404,
        LookupRefusal.Ambiguous => 409,
        _ => 400,
    }, refusal.Code, refusal.Message, refusal.Errors);

    private static Task AuditAsync(HttpContext context, Principal principal, ApiError refusal) =>
        RefusalAudit.AppendAsync(context, principal.Name, "person.read.refused", RefusedPurpose, null, refusal.Status, refusal.Code,
            refusal.Errors);

    /// <summary>An optional whole-number query parameter within a range; a refusal with its pointer otherwise.</summary>
    public static long Number(HttpContext context, string name, long fallback, long min, long max)
    {
        var text = context.Request.Query[name].ToString();
        if (text.Length == 0)
        {
            return fallback;
        }

        return long.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var value)
            && value >= min && value <= max
            ? value
            : throw new LookupRefusedException(LookupRefusal.InvalidInput, "range", $"{name} is a whole number from {min} to {max}.",
                [new FieldError("/" + name, "range", $"{name} is a whole number from {min} to {max}.")]);
    }

    /// <summary>An optional finite number query parameter (a score); a refusal with its pointer otherwise.</summary>
    public static double? Score(HttpContext context, string name)
    {
        var text = context.Request.Query[name].ToString();
        if (text.Length == 0)
        {
            return null;
        }

        return double.TryParse(text, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var value)
            && double.IsFinite(value)
            ? value
            : throw new LookupRefusedException(LookupRefusal.InvalidInput, "type", $"{name} is a number.",
                [new FieldError("/" + name, "type", $"{name} is a number.")]);
    }
}
