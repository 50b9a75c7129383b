using IntegrationHub.Flows.Federation.Messaging;
using IntegrationHub.Flows.Federation.Trust;

namespace IntegrationHub.Flows.Federation.Overview;

/// <summary>Each registered peer as an operator checks it (<c>GET /api/peers</c>, <c>./hub status</c>): where it is, whether
/// it answers now, its circuit in this process, the last message each way and the transfers with it not done yet.</summary>
public sealed class PeerOverview
{
    private readonly PeerSurvey survey;

    internal PeerOverview(PeerSurvey survey) => this.survey = survey;

    /// <summary>This hub's region (null without federation) and its peers, in region order.</summary>
    public Task<(string? Region, IReadOnlyList<PeerState> Peers)> ReadAsync(CancellationToken cancellationToken) => survey.ReadAsync(cancellationToken);
}

/// <summary>Reads what <see cref="PeerOverview"/> shows: the registry, a probe of each peer, the message log and transfers.</summary>
internal sealed class PeerSurvey(NpgsqlDataSource dataSource, TrustSettings trust, PeerCircuits circuits, IHttpClientFactory httpClients)
{
    private static readonly TimeSpan ProbeTimeout = TimeSpan.FromSeconds(3);

    public async Task<(string? Region, IReadOnlyList<PeerState> Peers)> ReadAsync(CancellationToken cancellationToken)
    {
        var peers = trust.Peers.OrderBy(p => p.Region, StringComparer.Ordinal).ToList();
        var probes = peers.Select(p => ProbeAsync(p.BaseUrl, cancellationToken)).ToList();
        var states = new List<PeerState>();
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        for (var i = 0; i < peers.Count; i++)
        {
            var peer = peers[i];
            var (sent, received) = await LastMessagesAsync(connection, peer.Region, cancellationToken);
            var transfers = await TransfersAsync(connection, peer.Region, cancellationToken);
            var (reachable, problem) = await probes[i];
            states.Add(new PeerState(peer.Region, peer.BaseUrl.ToString(), reachable, problem, circuits.StateOf(peer.Region), sent, received,
                transfers));
        }

        return (trust.Signer?.Region, states);
    }

    /// <summary>Whether the peer's health endpoint answers 200 within a few seconds; else why not.</summary>
    private async Task<(bool Reachable, string? Problem)> ProbeAsync(Uri baseUrl, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(ProbeTimeout);
        try
        {
            using var response = await httpClients.CreateClient(PeerClient.HttpClientName).GetAsync(new Uri(baseUrl, "api/health"), timeout.Token);
            return response.IsSuccessStatusCode ? (true, null) : (false, $"health answered {(int)response.StatusCode}");
        }
        catch (HttpRequestException e)
        {
            return (false, e.Message);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return (false, $"no answer within {ProbeTimeout.TotalSeconds:0} s");
        }
    }

    private static async Task<(DateTimeOffset? Sent, DateTimeOffset? Received)> LastMessagesAsync(NpgsqlConnection connection, string peer,
        CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("""
            SELECT (SELECT max(logged_at) FROM peer_message WHERE direction = 'out' AND receiver = @peer),
                   (SELECT max(logged_at) FROM peer_message WHERE direction = 'in' AND sender = @peer)
            """, connection);
        command.Parameters.AddWithValue("peer", peer);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return (reader.IsDBNull(0) ? null : reader.GetFieldValue<DateTimeOffset>(0), reader.IsDBNull(1) ? null : reader.GetFieldValue<DateTimeOffset>(1));
    }

    private static async Task<PeerTransfers> TransfersAsync(NpgsqlConnection connection, string peer, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("""
            SELECT count(*) FILTER (WHERE status NOT IN ('accepted', 'rejected')),
                   count(*) FILTER (WHERE role = 'destination' AND status = 'received' AND outbound IS NULL),
                   count(*) FILTER (WHERE outbound IS NOT NULL),
                   count(*) FILTER (WHERE outbound IS NOT NULL AND last_error IS NOT NULL)
            FROM transfer WHERE peer = @peer
            """, connection);
        command.Parameters.AddWithValue("peer", peer);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return new PeerTransfers((int)reader.GetInt64(0), (int)reader.GetInt64(1), (int)reader.GetInt64(2), (int)reader.GetInt64(3));
    }
}

/// <summary>A peer as <see cref="PeerOverview"/> sees it.</summary>
/// <param name="Circuit">The circuit of this process's calls to the peer; null when it has not called the peer since it started.</param>
public sealed record PeerState(string Region, string BaseUrl, bool Reachable, string? Problem, string? Circuit, DateTimeOffset? LastSent,
    DateTimeOffset? LastReceived, PeerTransfers Transfers);

/// <summary>The transfers with a peer not done yet.</summary>
/// <param name="UnderWay">Neither accepted nor rejected yet, either role.</param>
/// <param name="AwaitingDecision">Received here, waiting for an operator's decision.</param>
/// <param name="Queued">With a step this hub still has to send or do (a package, an acceptance, a decision).</param>
/// <param name="Retrying">Of those, the ones whose last attempt failed and wait for a retry.</param>
public sealed record PeerTransfers(int UnderWay, int AwaitingDecision, int Queued, int Retrying);
