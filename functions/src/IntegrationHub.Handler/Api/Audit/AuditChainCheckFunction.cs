namespace IntegrationHub.Handler.Api.Audit;

/// <summary>Timer: seals what is pending, then walks the audit log's hash chain and raises an error if any row was altered.</summary>
public sealed class AuditChainCheckFunction(NpgsqlDataSource dataSource, AuditChainWatch watch, ILogger<AuditChainCheckFunction> logger)
    : ITimerFunction
{
    public async Task RunAsync(TimerInvocation invocation, CancellationToken cancellationToken)
    {
        await AuditLog.SealAsync(dataSource, cancellationToken);
        // Through the watch, so that the console's dashboard, which verifies only what is new, learns what the whole walk found.
        var status = await watch.VerifyAllAsync(cancellationToken);
        if (status.BrokenSeq is { } seq)
        {
            logger.LogCritical("The audit log's hash chain is broken at row {Seq}", seq);
            throw new InvalidOperationException($"The audit log's hash chain is broken at row {seq}.");
        }

        logger.LogInformation("Audit log hash chain verified");
    }
}
