namespace IntegrationHub.Intake.Rules;

public enum AreaCodeStatus
{
    Unknown,
    Current,
    Retired,
}
