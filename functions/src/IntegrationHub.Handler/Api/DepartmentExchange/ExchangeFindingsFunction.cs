using IntegrationHub.Flows.Exchange.Findings;

namespace IntegrationHub.Handler.Api.DepartmentExchange;

/// <summary>Timer: compares the persons whose records changed, within a time budget.</summary>
public sealed class ExchangeFindingsFunction(FindingsWorker worker, ILogger<ExchangeFindingsFunction> logger) : BudgetedTimerFunction(logger)
{
    protected override string DoneMessage => "Compared {Count} persons for the department exchange";

    protected override Task<int> WorkAsync(TimeSpan budget, CancellationToken cancellationToken) => worker.RunAsync(budget, cancellationToken);
}
