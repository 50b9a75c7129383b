namespace IntegrationHub.Identity.Lookup;

/// <summary>A department's record and the person it belongs to, with, per other department, only whether that department has a
/// record linked to the same person: never its values (like PIX's cross-reference).</summary>
public sealed record CrossReference(string Department, string RecordId, string PersonId, IReadOnlyDictionary<string, bool> LinkedIn);
