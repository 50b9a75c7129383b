namespace IntegrationHub.Flows.Federation.Messaging;

/// <summary>A body and the detached JWS that signs it, as it goes on the wire.</summary>
public sealed record SignedMessage(byte[] Body, string Signature);
