namespace IntegrationHub.Intake.Validation;

/// <summary>One compiled schema (or sub-schema): the draft-07 keywords the contracts use, checked over System.Text.Json.</summary>
internal sealed class SchemaNode
{
    public JsonObjectType Type { get; init; }

    public Dictionary<string, SchemaNode> Properties { get; } = new(StringComparer.Ordinal);

    public List<string> Required { get; } = [];

    public bool AllowAdditionalProperties { get; init; } = true;

    public SchemaNode? AdditionalProperties { get; init; }

    public List<JsonElement>? Enumeration { get; init; }

    public Regex? Pattern { get; init; }

    /// <summary>The pattern as the schema wrote it, for messages (the compiled one is translated to .NET's dialect).</summary>
    public string? PatternSource { get; init; }

    public int? MinLength { get; init; }

    public int? MaxLength { get; init; }

    public decimal? Minimum { get; init; }

    public decimal? Maximum { get; init; }

    public SchemaNode? Items { get; init; }

    public int? MinItems { get; init; }

    public int? MaxItems { get; init; }

    public string? Format { get; init; }

    public List<SchemaNode> AllOf { get; } = [];

    public List<(SchemaNode If, SchemaNode? Then, SchemaNode? Else)> Conditionals { get; } = [];
}
