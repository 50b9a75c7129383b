using IntegrationHub.Identity.Lookup;

namespace IntegrationHub.Labor.Lookup;

/// <summary>The person page: what identity knows of the person and the labor facts derived from their records.</summary>
public sealed record PersonDossier(PersonView Person, PersonLaborFacts Labor);
