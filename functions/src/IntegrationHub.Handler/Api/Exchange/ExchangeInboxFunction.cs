using IntegrationHub.Intake.Exchange;

namespace IntegrationHub.Handler.Api.Exchange;

/// <summary>Timer: takes the files departments dropped in the exchange inbox.</summary>
public sealed class ExchangeInboxFunction(ExchangeInbox inbox) : ITimerFunction
{
    public Task RunAsync(TimerInvocation invocation, CancellationToken cancellationToken) => inbox.ScanAsync(cancellationToken);
}
