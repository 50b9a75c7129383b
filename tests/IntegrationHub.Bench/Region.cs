namespace IntegrationHub.Bench;

/// <summary>A current GB/T 2260 county-level code with the names used to build addresses and employer names.</summary>
public sealed record Region(string Code, string Province, string City, string District);
