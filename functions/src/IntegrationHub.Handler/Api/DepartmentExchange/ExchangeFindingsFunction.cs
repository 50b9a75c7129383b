using IntegrationHub.Flows.Exchange.Findings;
using IntegrationHub.Handler.Functions;

namespace IntegrationHub.Handler.Api.DepartmentExchange;

/// <summary>Timer: compares the persons whose records changed, within a time budget.</summary>
public sealed class ExchangeFindingsFunction(FindingsWorker worker, ILogger<ExchangeFindingsFunction> logger) : ITimerFunction
{
    private static readonly TimeSpan Budget = TimeSpan.FromSeconds(20);

    public async Task RunAsync(TimerInvocation invocation, CancellationToken cancellationToken)
    {
        var compared = await worker.RunAsync(Budget, cancellationToken);
        if (compared > 0)
        {
            logger.LogInformation("Compared {Count} persons for the department exchange", compared);
        }
    }
}
