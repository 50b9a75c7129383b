namespace IntegrationHub.Handler.Functions;

/// <summary>One function as its <c>function.json</c> declares it: the folder name is the function name.</summary>
public sealed record FunctionDefinition(
    string Name,
    TriggerKind Trigger,
    string TriggerBindingName,
    string? Route,
    IReadOnlyList<string> Methods,
    string? Schedule,
    bool RunOnStartup,
    string? QueueOrTopic);
