namespace IntegrationHub.Handler.Functions;

public interface IQueueFunction
{
    Task<QueueOutcome> RunAsync(QueueMessage message, CancellationToken cancellationToken);
}
