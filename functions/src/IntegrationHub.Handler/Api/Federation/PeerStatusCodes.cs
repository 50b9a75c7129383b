using IntegrationHub.Flows.Federation.Messaging;

namespace IntegrationHub.Handler.Api.Federation;

/// <summary>The HTTP status of each refusal of a peer's message.</summary>
/// <remarks>A timestamp outside the window is 401, like the other failures to authenticate a message: a stale or future
/// message cannot prove it is fresh, whatever its signature. A replay is 409, the message itself being authentic.</remarks>
internal static class PeerStatusCodes
{
    public static int Of(PeerRefusalKind kind) => kind switch
    {
        PeerRefusalKind.BadSignature or PeerRefusalKind.UnknownSender or PeerRefusalKind.KeyNotValid or PeerRefusalKind.OutsideWindow => 401,
        PeerRefusalKind.NotAgreed => 403,
        PeerRefusalKind.Replay => 409,
        PeerRefusalKind.BadBody => 400,
        PeerRefusalKind.NotFound or PeerRefusalKind.FederationOff => 404,
        _ => 400,
    };
}
