namespace IntegrationHub.Flows.Exchange.Rules;

/// <summary>One comparison rule as its file in <c>contracts/comparison-rules</c> says (checked against its schema).</summary>
public sealed record ComparisonRule(
    string Id,
    string Title,
    IReadOnlyList<string> Departments,
    string Kind,
    string LegalBasis,
    IReadOnlyList<RuleEvidence> Evidence,
    IReadOnlyList<string> MayShow,
    RuleParameters Parameters,
    bool Enabled)
{
    public bool Shows(string value) => MayShow.Contains(value);
}

/// <summary>A feed of another department whose records a rule compares against.</summary>
public sealed record RuleEvidence(string Department, string Feed);

/// <summary>A rule's parameters; what a kind does not use is ignored.</summary>
public sealed record RuleParameters(
    int ConsecutiveMonths,
    IReadOnlyList<string> IncomeBands,
    IReadOnlyList<string> IncomeTypes,
    IReadOnlyList<string> AssistanceTypes,
    bool EmployerInsurance,
    IReadOnlyList<string> VerificationStatuses);
