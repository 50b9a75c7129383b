namespace IntegrationHub.Intake;

public enum BatchFormat
{
    Json,
    Ndjson,
}
