namespace IntegrationHub.Platform.Protection;

/// <summary>Keys for identity numbers, base64 of 32 random bytes each; from configuration (Key Vault on Azure).</summary>
public sealed class ProtectionOptions
{
    public const string Section = "Protection";

    public string? IdentityKey { get; set; }

    public string? BlindIndexKey { get; set; }
}
