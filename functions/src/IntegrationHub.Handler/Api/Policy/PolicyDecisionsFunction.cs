using IntegrationHub.Flows.Policy.Decisions;
using IntegrationHub.Handler.Functions;

namespace IntegrationHub.Handler.Api.Policy;

/// <summary>Timer: makes again the policy decisions of subjects whose facts changed or whose decisions change by the
/// calendar, and re-decides everyone a new policy version touches, within a time budget.</summary>
public sealed class PolicyDecisionsFunction(PolicyWorker worker, ILogger<PolicyDecisionsFunction> logger) : ITimerFunction
{
    private static readonly TimeSpan Budget = TimeSpan.FromSeconds(20);

    public async Task RunAsync(TimerInvocation invocation, CancellationToken cancellationToken)
    {
        var decided = await worker.RunAsync(Budget, cancellationToken);
        if (decided > 0)
        {
            logger.LogInformation("Made the policy decisions of {Count} subjects", decided);
        }
    }
}
