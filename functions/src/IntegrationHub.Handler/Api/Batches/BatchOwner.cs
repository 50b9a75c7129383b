namespace IntegrationHub.Handler.Api.Batches;

internal static class BatchOwner
{
    /// <summary>
    /// Whose batches a caller may read: a department its own; an administrator any department's, named by
    /// <c>?department=</c>; anyone else none.
    /// </summary>
    public static string? Resolve(Principal principal, HttpContext context) => principal.Kind switch
    {
        PrincipalKind.Department => principal.Name,
        PrincipalKind.Admin => context.Request.Query["department"].ToString() is { Length: > 0 } department ? department : null,
        _ => null,
    };
}
