namespace IntegrationHub.Handler.Functions;

public enum QueueOutcomeKind
{
    Done,
    Rejected,
    Transient,
}
