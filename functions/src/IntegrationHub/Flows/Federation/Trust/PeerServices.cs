namespace IntegrationHub.Flows.Federation.Trust;

/// <summary>The services one hub offers another, by the name that appears in the URL, the signed header and the agreement.</summary>
public static class PeerServices
{
    /// <summary>A person's current labor status by identity number (跨区域通办).</summary>
    public const string Status = "status";

    /// <summary>A labor record's transfer package, and the receipts that answer it.</summary>
    public const string Transfer = "transfer";

    /// <summary>Priority-group events about persons whose household registration is in the peer's region.</summary>
    public const string Events = "events";

    public static IReadOnlyList<string> All { get; } = [Status, Transfer, Events];

    /// <summary>The fields the status service can answer; an agreement names a subset.</summary>
    public static IReadOnlyList<string> StatusFields { get; } =
        ["employed", "employmentForm", "registeredUnemployedSince", "difficultyCategories", "graduateStatus"];
}
