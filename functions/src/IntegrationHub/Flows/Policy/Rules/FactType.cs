namespace IntegrationHub.Flows.Policy.Rules;

/// <summary>The type of a named fact, which decides the comparisons a rule may make on it.</summary>
public enum FactType
{
    /// <summary>true or false: <c>eq</c>, <c>ne</c>.</summary>
    Boolean,

    /// <summary>A whole number: <c>eq</c>, <c>ne</c>, <c>lt</c>, <c>le</c>, <c>gt</c>, <c>ge</c>, <c>in</c>.</summary>
    Number,

    /// <summary>A code or text: <c>eq</c>, <c>ne</c>, <c>in</c>, <c>startsWith</c>.</summary>
    Text,

    /// <summary>A set of codes: <c>includes</c> (one code), <c>intersects</c> (any of a list), <c>isEmpty</c> (true/false).</summary>
    TextSet,
}
