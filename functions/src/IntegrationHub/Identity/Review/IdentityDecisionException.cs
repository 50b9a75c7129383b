namespace IntegrationHub.Identity.Review;

/// <summary>A review or person operation that cannot be done as asked: an HTTP status, a stable code and why.</summary>
public sealed class IdentityDecisionException(int status, string code, string message) : Exception(message)
{
    public int Status { get; } = status;

    public string Code { get; } = code;
}
