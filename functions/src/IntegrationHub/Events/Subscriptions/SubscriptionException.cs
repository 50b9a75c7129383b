namespace IntegrationHub.Events.Subscriptions;

/// <summary>A refused subscription request: the HTTP status, a stable code, a message and the fields at fault.</summary>
public sealed class SubscriptionException(int status, string code, string message, IReadOnlyList<FieldError>? errors = null)
    : RefusedRequestException(code, message, errors)
{
    public int Status { get; } = status;
}
