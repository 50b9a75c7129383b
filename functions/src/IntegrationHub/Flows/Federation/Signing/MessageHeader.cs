namespace IntegrationHub.Flows.Federation.Signing;

/// <summary>What a hub-to-hub message says about itself, all of it in the signature's protected header.</summary>
/// <param name="RequestHash">On a reply: <see cref="Signing.RequestHash"/> of the request it answers (X-Road's requestHash).</param>
internal sealed record MessageHeader(string MessageId, string Sender, string Receiver, string Service, DateTimeOffset Timestamp,
    string KeyId, string? RequestHash = null);
