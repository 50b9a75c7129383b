namespace IntegrationHub.Flows.Policy;

/// <summary>Configuration of the policy flow (section <c>Policy</c>).</summary>
public sealed class PolicyOptions
{
    public const string Section = "Policy";

    /// <summary>The policy catalogue folder; by default <c>contracts/policies</c> in the nearest folder above the app.</summary>
    public string? CatalogueDirectory { get; set; }

    /// <summary>Subjects (persons or employers) decided per transaction.</summary>
    public int ChunkSize { get; set; } = 200;

    /// <summary>How many explanations a simulation returns.</summary>
    public int SimulationSamples { get; set; } = 5;
}
