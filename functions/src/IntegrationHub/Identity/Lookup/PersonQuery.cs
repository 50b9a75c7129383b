namespace IntegrationHub.Identity.Lookup;

/// <summary>What to search persons by: an identity number, or a name and a birth date (<c>yyyy-MM-dd</c>); never both.</summary>
public sealed record PersonQuery(string? IdNumber, string? Name, string? BirthDate);
