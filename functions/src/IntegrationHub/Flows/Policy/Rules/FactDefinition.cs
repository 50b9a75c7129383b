namespace IntegrationHub.Flows.Policy.Rules;

/// <summary>A fact a rule may name: its name, type, whose it is and what it means.</summary>
public sealed record FactDefinition(string Name, FactType Type, FactScope Scope, string Meaning);
