namespace IntegrationHub.Labor.Published;

/// <summary>One labor fact of a person as later modules read it: its kind (<c>employment</c>, <c>unemployment</c>,
/// <c>difficulty</c>), key, whether it is open, its public fields (the period among them) and the records behind it.</summary>
public sealed record PersonFact(string Kind, string Key, bool Open, JsonObject Data, JsonArray Sources);
