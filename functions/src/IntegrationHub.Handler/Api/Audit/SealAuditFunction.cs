namespace IntegrationHub.Handler.Api.Audit;

/// <summary>Timer: chains the audit entries appended since the last run into the hash chain.</summary>
public sealed class SealAuditFunction(NpgsqlDataSource dataSource) : ITimerFunction
{
    public Task RunAsync(TimerInvocation invocation, CancellationToken cancellationToken) => AuditLog.SealAsync(dataSource, cancellationToken);
}
