namespace IntegrationHub.Identity;

public sealed class IdentityOptions
{
    public const string Section = "Identity";

    /// <summary>Batch lines linked per transaction.</summary>
    public int ChunkSize { get; set; } = 2000;
}
