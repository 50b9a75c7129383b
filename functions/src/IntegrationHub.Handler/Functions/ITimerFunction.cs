namespace IntegrationHub.Handler.Functions;

public interface ITimerFunction
{
    Task RunAsync(TimerInvocation invocation, CancellationToken cancellationToken);
}
