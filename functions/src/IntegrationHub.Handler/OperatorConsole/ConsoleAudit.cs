namespace IntegrationHub.Handler.OperatorConsole;

/// <summary>Audits what an operator does or reads in the console, under the operator's name (<c>operator:NAME</c>).</summary>
public sealed class ConsoleAudit(AuditLog audit, NpgsqlDataSource dataSource)
{
    /// <summary>One entry in a transaction of its own; <paramref name="detail"/> is serialized as JSON.</summary>
    public Task AppendAsync(ConsoleRequest request, string action, string purpose, string? subject, object detail) =>
        audit.AppendAsync(dataSource, new AuditEntry(request.Session!.Actor, action, purpose, subject, JsonSerializer.Serialize(detail)),
            request.Aborted);
}
