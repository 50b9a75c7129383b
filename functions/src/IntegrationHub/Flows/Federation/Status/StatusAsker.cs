using IntegrationHub.Flows.Federation.Messaging;
using IntegrationHub.Flows.Federation.Trust;

namespace IntegrationHub.Flows.Federation.Status;

/// <summary>Asks a peer for a person's status on an operator's behalf; audited here with the purpose, as the peer audits it.</summary>
public sealed class StatusAsker
{
    private readonly PeerClient client;
    private readonly TrustSettings trust;
    private readonly AuditLog audit;
    private readonly NpgsqlDataSource dataSource;

    internal StatusAsker(PeerClient client, TrustSettings trust, AuditLog audit, NpgsqlDataSource dataSource)
    {
        this.client = client;
        this.trust = trust;
        this.audit = audit;
        this.dataSource = dataSource;
    }

    /// <summary>Whether <paramref name="region"/> is a registered peer.</summary>
    public bool Knows(string region) => trust.Peer(region) is not null;

    /// <summary>The peer's reply (signed and verified when 2xx); throws <see cref="PeerUnavailableException"/>.</summary>
    public async Task<PeerReply> AskAsync(string region, StatusQuestion question, string actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(question);
        var reply = await client.SendAsync(region, PeerServices.Status, question.ToBody(), cancellationToken);
        var detail = new JsonObject { ["peer"] = region, ["legalBasis"] = question.LegalBasis, ["status"] = reply.Status };
        await audit.AppendAsync(dataSource, new AuditEntry(actor, "peer.status.asked", question.Purpose, null, detail.ToJsonString()),
            cancellationToken);
        return reply;
    }
}
