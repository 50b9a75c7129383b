using IntegrationHub.Flows.Exchange.Delivery;
using IntegrationHub.Flows.Exchange.Employers;
using IntegrationHub.Flows.Exchange.Feeds;
using IntegrationHub.Flows.Exchange.Quality;

namespace IntegrationHub.Handler.Api.DepartmentExchange;

/// <summary>Timer (every minute): watches the feeds (overdue, anomalous) and the monitored employers (layoff warnings), then delivers each department's findings files whose
/// schedule came due and retries failed ones, and last month's quality summaries once the month is over.</summary>
public sealed class ExchangeDeliveriesFunction(FeedWatch watch, FindingsDelivery delivery, QualityDelivery quality, LayoffWatch layoffs, ILogger<ExchangeDeliveriesFunction> logger) : ITimerFunction
{
    public async Task RunAsync(TimerInvocation invocation, CancellationToken cancellationToken)
    {
        foreach (var alert in await watch.RunAsync(cancellationToken))
        {
            logger.LogWarning("ALERT feed {Department}/{Feed} {Kind} ({Key})", alert.Department, alert.Feed, alert.Kind, alert.Key);
        }

        foreach (var warning in await layoffs.RunAsync(cancellationToken))
        {
            logger.LogWarning("ALERT layoff warning: employer {Employer} {Month}: {Separations} separations", warning.CreditCode, warning.Month,
                warning.Separations);
        }

        await delivery.RunDueAsync(cancellationToken);
        await quality.RunDueAsync(cancellationToken);
    }
}
