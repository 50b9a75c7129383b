using IntegrationHub.Identity;
using IntegrationHub.Identity.Linking;

namespace IntegrationHub.Tests.Handler.Api.Identity;

/// <summary>One form of a person id wherever it leaves the hub: the answer to a person action, the link export, and the
/// events (subject and every id in the data) all say <c>P</c> and nine digits, the same string for the same person.</summary>
public sealed class PersonIdFormatTests : IntakeHarnessTests
{
    private const string Formatted = "^P[0-9]{9}$";

    [Fact]
    public async Task Merge_ShortIdInTheRequest_AnswerExportAndEventsSayTheSameFormattedIds()
    {
        var away = await PersonAsync(851, "冯莉");
        var survivor = await PersonAsync(852, "冯丽");

        var merged = await hub.PostAdminAsync($"/api/persons/P{away}/merge", $$"""{"into": "P{{survivor}}"}""");

        Assert.Equal(200, merged.Status);
        ResponseCapture.Save("PersonChange", merged.Body);
        Assert.Equal(PersonId.Format(away), merged.Json.GetProperty("personId").GetString());
        Assert.Equal(PersonId.Format(survivor), merged.Json.GetProperty("mergedInto").GetString());
        Assert.Matches(Formatted, merged.Json.GetProperty("mergedInto").GetString());

        var export = await hub.GetAsync("/api/admin/links", hub.Tokens["admin"]);
        var linked = export.Body.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement)
            .Single(l => l.GetProperty("recordId").GetString() == "hh-852").GetProperty("personId").GetString();
        Assert.Equal(PersonId.Format(survivor), linked);

        var events = await EventsAsync();
        Assert.NotEmpty(events);
        Assert.All(events, e =>
        {
            Assert.Matches(Formatted, e.Subject);
            Assert.Equal(e.Subject, e.Data.GetProperty("personId").GetString());
        });
        Assert.Contains(events, e => e.Type == "cn.gov.hrss.hub.person.created.v1" && e.Subject == PersonId.Format(survivor));
        var mergedEvent = Assert.Single(events, e => e.Type == "cn.gov.hrss.hub.person.merged.v1");
        Assert.Equal(PersonId.Format(away), mergedEvent.Subject);
        Assert.Equal(PersonId.Format(survivor), mergedEvent.Data.GetProperty("mergedInto").GetString());
    }

    private async Task<long> PersonAsync(int n, string name)
    {
        var id = TaxRecords.IdNumber(n);
        await hub.PostJsonAsync("ps", "household-registration", Households.Batch($"ps-{n}", $"hh-{n}", id, name, Households.BirthDate(id)));
        await hub.Server.Services.GetRequiredService<DeterministicLinker>().LinkAllAsync(Token);
        return await hub.PersonOfAsync($"hh-{n}");
    }

    private async Task<List<(string Type, string Subject, JsonElement Data)>> EventsAsync()
    {
        await using var command = hub.DataSource.CreateCommand("SELECT type, subject, data::text FROM event_outbox ORDER BY position");
        await using var reader = await command.ExecuteReaderAsync(Token);
        var events = new List<(string, string, JsonElement)>();
        while (await reader.ReadAsync(Token))
        {
            events.Add((reader.GetString(0), reader.GetString(1), JsonDocument.Parse(reader.GetString(2)).RootElement.Clone()));
        }

        return events;
    }
}
