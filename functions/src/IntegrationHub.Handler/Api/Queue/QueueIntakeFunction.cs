using IntegrationHub.Intake;

namespace IntegrationHub.Handler.Api.Queue;

/// <summary>
/// serviceBusTrigger: one batch per message, JSON envelope as the body, the feed in the message's <c>feed</c> application
/// property or its subject. Each department has its own queue (<c>intake-{department}</c>) and Send rights on it alone,
/// so the queue a message came from says who sent it.
/// </summary>
public sealed class QueueIntakeFunction(
    IntakeService intake, AuditLog audit, NpgsqlDataSource dataSource, ILogger<QueueIntakeFunction> logger) : IQueueFunction
{
    public const string QueuePrefix = "intake-";

    public async Task<QueueOutcome> RunAsync(QueueMessage message, CancellationToken cancellationToken)
    {
        if (!message.Entity.StartsWith(QueuePrefix, StringComparison.Ordinal))
        {
            return QueueOutcome.Rejected($"Queue '{message.Entity}' is not an intake queue ({QueuePrefix}{{department}}).");
        }

        var department = message.Entity[QueuePrefix.Length..];
        var feed = message.ApplicationProperties.TryGetValue("feed", out var named) ? named : message.Subject;
        if (string.IsNullOrEmpty(feed))
        {
            return await RefuseAsync(department, message, "feed-missing", "The message names no feed (application property 'feed' or subject).",
                cancellationToken);
        }

        IntakeOutcome outcome;
        try
        {
            await using var body = new MemoryStream(Encoding.UTF8.GetBytes(message.Body));
            outcome = await intake.ReceiveAsync(new IntakeSubmission(department, department, feed, IntakeChannel.Queue, BatchFormat.Json, body),
                cancellationToken);
        }
        catch (NpgsqlException exception)
        {
            return QueueOutcome.Transient($"database unavailable: {exception.Message}");
        }

        if (outcome.Error?.Kind is RefusalKind.Unavailable or RefusalKind.Busy)
        {
            return QueueOutcome.Transient($"{outcome.Error!.Code}: {outcome.Error.Message}");
        }

        if (outcome.Error is { } error)
        {
            return await RefuseAsync(department, message, error.Code, error.Message, cancellationToken);
        }

        var report = outcome.Report!;
        return QueueOutcome.Done($"batch {report.BatchId}: received {report.Received}, accepted {report.Accepted}, rejected {report.Rejected}");
    }

    // A malformed message cannot succeed on redelivery: it is completed, and the refusal audited for the department to see.
    private async Task<QueueOutcome> RefuseAsync(string department, QueueMessage message, string code, string reason,
        CancellationToken cancellationToken)
    {
        logger.LogWarning("Queue message {MessageId} from {Department} refused: {Code}", message.MessageId, department, code);
        await audit.AppendAsync(dataSource, new AuditEntry(department, "feed.refused", "intake", $"queue/{message.MessageId}",
            JsonSerializer.Serialize(new { code, reason })), cancellationToken);
        return QueueOutcome.Rejected($"{code}: {reason}");
    }
}
