using IntegrationHub.Flows.Policy.Decisions;

namespace IntegrationHub.Handler.Api.Policy;

/// <summary>Timer: makes again the policy decisions of subjects whose facts changed or whose decisions change by the
/// calendar, and re-decides everyone a new policy version touches, within a time budget.</summary>
public sealed class PolicyDecisionsFunction(PolicyWorker worker, ILogger<PolicyDecisionsFunction> logger) : BudgetedTimerFunction(logger)
{
    protected override string DoneMessage => "Made the policy decisions of {Count} subjects";

    protected override Task<int> WorkAsync(TimeSpan budget, CancellationToken cancellationToken) => worker.RunAsync(budget, cancellationToken);
}
