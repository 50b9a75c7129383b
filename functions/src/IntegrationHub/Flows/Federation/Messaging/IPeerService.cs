namespace IntegrationHub.Flows.Federation.Messaging;

/// <summary>A service this hub offers its peers: answers one verified message with the body of the signed reply.</summary>
internal interface IPeerService
{
    string Name { get; }

    /// <summary>The reply's body; throws <see cref="PeerRefusalException"/> for what the message may not ask.</summary>
    Task<byte[]> AnswerAsync(VerifiedMessage message, CancellationToken cancellationToken);
}
