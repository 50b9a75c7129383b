namespace IntegrationHub.Flows.Exchange.Rules;

/// <summary>The comparisons the hub can run; a rule names one and sets its parameters.</summary>
public static class RuleKinds
{
    public const string UnemployedWhilePaid = "unemployed-while-paid";
    public const string AssistanceWhileWages = "assistance-while-wages";
    public const string DeceasedWithOpenCase = "deceased-with-open-case";
    public const string NumberChange = "number-change";
    public const string InvalidIdMatched = "invalid-id-matched";
    public const string DestinationContradicted = "destination-contradicted";
}
