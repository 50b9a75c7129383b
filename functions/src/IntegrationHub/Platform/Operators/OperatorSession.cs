namespace IntegrationHub.Platform.Operators;

/// <summary>A signed-in operator: who, in what role, and the anti-forgery token this session's forms carry.</summary>
public sealed record OperatorSession(string Operator, OperatorRole Role, string FormToken)
{
    /// <summary>The operator as the audit log names the one who acted: <c>operator:NAME</c>, apart from departments' principals.</summary>
    public string Actor => OperatorStore.ActorOf(Operator);
}
