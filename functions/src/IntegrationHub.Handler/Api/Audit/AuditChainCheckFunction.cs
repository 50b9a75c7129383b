using IntegrationHub.Handler.Functions;
using IntegrationHub.Platform.Audit;
using Npgsql;

namespace IntegrationHub.Handler.Api.Audit;

/// <summary>Timer: seals what is pending, then walks the audit log's hash chain and raises an error if any row was altered.</summary>
public sealed class AuditChainCheckFunction(NpgsqlDataSource dataSource, ILogger<AuditChainCheckFunction> logger) : ITimerFunction
{
    public async Task RunAsync(TimerInvocation invocation, CancellationToken cancellationToken)
    {
        await AuditLog.SealAsync(dataSource, cancellationToken);
        var broken = await AuditLog.VerifyAsync(dataSource, cancellationToken);
        if (broken is { } seq)
        {
            logger.LogCritical("The audit log's hash chain is broken at row {Seq}", seq);
            throw new InvalidOperationException($"The audit log's hash chain is broken at row {seq}.");
        }

        logger.LogInformation("Audit log hash chain verified");
    }
}
