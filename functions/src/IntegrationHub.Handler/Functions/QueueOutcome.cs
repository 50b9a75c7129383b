namespace IntegrationHub.Handler.Functions;

/// <summary>
/// What became of a message. <see cref="Transient"/> fails the invocation so the broker redelivers it;
/// a permanent rejection completes it, because redelivering a malformed message cannot help.
/// </summary>
public sealed record QueueOutcome(QueueOutcomeKind Kind, string Message)
{
    public static QueueOutcome Done(string message) => new(QueueOutcomeKind.Done, message);

    public static QueueOutcome Rejected(string message) => new(QueueOutcomeKind.Rejected, message);

    public static QueueOutcome Transient(string message) => new(QueueOutcomeKind.Transient, message);
}
