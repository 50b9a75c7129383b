namespace IntegrationHub.Flows.Federation.Trust;

/// <summary>A registered peer hub: its region, where it answers, its keys and the agreement with it.</summary>
/// <param name="Services">Each service the peer may call here, with the fields this hub may answer it.</param>
internal sealed record Peer(string Region, Uri BaseUrl, IReadOnlyList<PeerKey> Keys, IReadOnlyDictionary<string, IReadOnlySet<string>> Services)
{
    public PeerKey? Key(string id) => Keys.FirstOrDefault(k => k.Id == id);

    public bool MayCall(string service) => Services.ContainsKey(service);

    public IReadOnlySet<string> FieldsOf(string service) => Services.TryGetValue(service, out var fields) ? fields : new HashSet<string>();
}
