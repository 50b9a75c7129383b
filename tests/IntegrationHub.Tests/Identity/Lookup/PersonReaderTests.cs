using IntegrationHub.Identity.Lookup;
using IntegrationHub.Labor.Lookup;
using IntegrationHub.Tests.Handler.Api.Persons;

namespace IntegrationHub.Tests.Identity.Lookup;

/// <summary>Who sees identity numbers when the console calls the library: its admin and reviewer operators whole, a viewer (or a
/// role the hub does not know) masked; each read audited under the operator's name.</summary>
public sealed class PersonReaderTests : PersonReadScenarioTests
{
    [Theory]
    [InlineData("admin", false)]
    [InlineData("reviewer", false)]
    [InlineData("viewer", true)]
    [InlineData("auditor", true)]
    public async Task Operator_ReadsAPersonAndSearches_NumberMaskedUnlessEntitled(string role, bool masked)
    {
        var services = scenario.Hub.Server.Services;
        var reader = PersonReader.Operator("operator:王敏", role);
        var shown = masked ? IdentityProtector.Mask(PersonReadScenario.Worker) : PersonReadScenario.Worker;

        var dossier = await services.GetRequiredService<PersonDossierReader>().GetAsync(scenario.WorkerPerson, reader, "console check",
            TestContext.Current.CancellationToken);
        var found = await services.GetRequiredService<PersonLookup>().SearchAsync(new PersonQuery(PersonReadScenario.Worker, null, null), reader,
            "console check", TestContext.Current.CancellationToken);

        Assert.Equal((shown, masked), (dossier.Person.IdNumber, dossier.Person.IdNumberMasked));
        Assert.Equal((shown, masked), (Assert.Single(found).IdNumber, found[0].IdNumberMasked));
        Assert.Equal(("operator:王敏", "console check"), (Assert.Single(await scenario.AuditAsync("person.read")).Actor,
            (await scenario.AuditAsync("person.search"))[0].Purpose));
    }
}
