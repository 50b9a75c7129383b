namespace IntegrationHub.Intake;

public enum IntakeChannel
{
    Http,
    Exchange,
    Queue,
}
