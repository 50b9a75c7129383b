namespace IntegrationHub.Handler.Functions;

public enum TriggerKind
{
    Http,
    Timer,
    ServiceBus,
}
