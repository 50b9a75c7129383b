namespace IntegrationHub.Flows.Federation.Messaging;

/// <summary>Why a hub refuses a peer's message; the handler maps each kind to its HTTP status.</summary>
public enum PeerRefusalKind
{
    /// <summary>No signature, or one that is malformed or does not verify (a tampered body or header, a wrong key).</summary>
    BadSignature,

    /// <summary>The sender is not a registered peer, or the message is addressed to another hub.</summary>
    UnknownSender,

    /// <summary>The key is not one of the sender's, or the message's time is outside the key's validity.</summary>
    KeyNotValid,

    /// <summary>The timestamp is further from this hub's clock than the window allows.</summary>
    OutsideWindow,

    /// <summary>The agreement does not give the sender this service, or a field it asked for.</summary>
    NotAgreed,

    /// <summary>The message id was seen before.</summary>
    Replay,

    /// <summary>The signed body is not what the service takes.</summary>
    BadBody,

    /// <summary>What the body names does not exist here (a transfer for an unknown person).</summary>
    NotFound,

    /// <summary>This hub federates with nobody (no <c>Federation:Region</c>).</summary>
    FederationOff,
}

/// <summary>A refusal of a peer's message: its kind, a stable code, a message and, where known, the field at fault.</summary>
public sealed class PeerRefusalException(PeerRefusalKind kind, string code, string message, FieldError? field = null)
    : RefusedRequestException<PeerRefusalKind>(kind, code, message, field);
