namespace IntegrationHub.Flows.Policy.Catalogue;

/// <summary>Why a policy file was refused: the file, the JSON Pointer in it, a stable code and the reason.</summary>
public sealed record PolicyLoadError(string File, string Pointer, string Code, string Reason)
{
    public override string ToString() => $"{File}#{Pointer}: {Code}: {Reason}";
}
