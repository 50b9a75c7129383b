namespace IntegrationHub.Handler.Api;

/// <summary>Writes a refused API request to the audit log: who asked, what, the status and the codes, never a value.</summary>
/// <remarks>The errors are kept as codes only: a pointer can hold a member name as sent, and a sender may have put
/// anything there, an identity number included.</remarks>
internal static class RefusalAudit
{
    public static Task AppendAsync(HttpContext context, string actor, string action, string purpose, string? subject, int status,
        string code, IReadOnlyList<FieldError>? errors)
    {
        var detail = JsonSerializer.Serialize(new
        {
            method = context.Request.Method,
            status,
            code,
            errors = errors?.Select(e => e.Code).Distinct().ToArray() ?? [],
        });
        var services = context.RequestServices;
        return services.GetRequiredService<AuditLog>().AppendAsync(services.GetRequiredService<NpgsqlDataSource>(),
            new AuditEntry(actor, action, purpose, subject, detail), context.RequestAborted);
    }
}
