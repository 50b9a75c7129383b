using IntegrationHub.Labor.Evidence;

namespace IntegrationHub.Labor.Published;

/// <summary>One stored labor fact as the modules after labor read it: kind, key, open, its public fields and sources.</summary>
/// <remarks>Kinds: <c>employment</c>, <c>unemployment</c>, <c>difficulty</c>, and <c>graduate</c> once labor derives it.</remarks>
public sealed record LaborFactView(string Kind, string Key, bool Open, JsonObject Data, IReadOnlyList<SourceRef> Sources);
