namespace IntegrationHub.Flows.Federation.Transfers;

/// <summary>Why an operator's transfer request or decision is refused; the handler maps each kind to its HTTP status.</summary>
public enum TransferRefusalKind
{
    BadRequest,
    NotFound,
    Conflict,
}

/// <summary>A refused transfer request or decision: its kind, a stable code, a message and the field at fault.</summary>
public sealed class TransferException(TransferRefusalKind kind, string code, string message, FieldError? field = null)
    : RefusedRequestException<TransferRefusalKind>(kind, code, message, field);
