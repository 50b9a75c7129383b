namespace IntegrationHub.Identity;

/// <summary>A configured m and/or u for one field, one probability per agreement level; it wins over the estimate.</summary>
public sealed class FieldProbabilities
{
    public double[]? M { get; set; }

    public double[]? U { get; set; }
}
