using IntegrationHub.Flows.Exchange.Delivery;
using IntegrationHub.Handler.Functions;

namespace IntegrationHub.Handler.Api.DepartmentExchange;

/// <summary>Timer (every minute): delivers each department's findings files whose schedule came due, and retries failed ones.</summary>
public sealed class ExchangeDeliveriesFunction(FindingsDelivery delivery) : ITimerFunction
{
    public Task RunAsync(TimerInvocation invocation, CancellationToken cancellationToken) => delivery.RunDueAsync(cancellationToken);
}
