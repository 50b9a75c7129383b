namespace IntegrationHub.Intake.Rules;

public enum Sex
{
    Male = 1,
    Female = 2,
}
