using IntegrationHub.Identity;
using IntegrationHub.Identity.Review;

namespace IntegrationHub.Tests.Identity.Review;

public sealed class SplitEventsTests : IntakeHarnessTests
{
    [Fact]
    public async Task Split_TwoRecordsOff_EmitsSplitForThePersonNamingTheNewPersonAndTheCount()
    {
        var id = TaxRecords.IdNumber(731);
        await hub.PostJsonAsync("tax", "wage-withholding", TaxRecords.Json("split-1", TaxRecords.Record("sp-1", id),
            TaxRecords.Record("sp-2", id), TaxRecords.Record("sp-3", id)));
        await hub.RunDeterministicLinkerAsync();
        var person = await PersonOfAsync("sp-1");

        var created = await hub.Server.Services.GetRequiredService<ReviewService>().SplitAsync(person,
            [new RecordKey("tax", "wage-withholding", "sp-2"), new RecordKey("tax", "wage-withholding", "sp-3")], "admin", Token);

        var split = Assert.Single(await SplitEventsAsync());
        Assert.Equal(Text(person), split.Subject);
        Assert.Equal(["personId", "newPersonId", "recordCount"], split.Data.Select(p => p.Key));
        Assert.Equal(Text(person), split.Data["personId"]!.GetValue<string>());
        Assert.Equal(Text(created), split.Data["newPersonId"]!.GetValue<string>());
        Assert.Equal(2, split.Data["recordCount"]!.GetValue<int>());
    }

    [Fact]
    public async Task Split_Refused_EmitsNothing()
    {
        var id = TaxRecords.IdNumber(732);
        await hub.PostJsonAsync("tax", "wage-withholding", TaxRecords.Json("split-2", TaxRecords.Record("sp-4", id)));
        await hub.RunDeterministicLinkerAsync();
        var person = await PersonOfAsync("sp-4");

        await Assert.ThrowsAsync<IdentityDecisionException>(() => hub.Server.Services.GetRequiredService<ReviewService>().SplitAsync(person,
            [new RecordKey("tax", "wage-withholding", "sp-4")], "admin", Token));

        Assert.Empty(await SplitEventsAsync());
    }

    private async Task<long> PersonOfAsync(string recordId)
    {
        await using var command = hub.DataSource.CreateCommand("SELECT person_id FROM person_link WHERE record_id = @r");
        command.Parameters.AddWithValue("r", recordId);
        return (long)(await command.ExecuteScalarAsync(Token))!;
    }

    private async Task<List<(string Subject, JsonObject Data)>> SplitEventsAsync()
    {
        await using var command = hub.DataSource.CreateCommand("SELECT subject, data::text FROM event_outbox WHERE type = @t ORDER BY position");
        command.Parameters.AddWithValue("t", EventTypes.PersonSplit);
        var events = new List<(string, JsonObject)>();
        await using var reader = await command.ExecuteReaderAsync(Token);
        while (await reader.ReadAsync(Token))
        {
            events.Add((reader.GetString(0), JsonNode.Parse(reader.GetString(1))!.AsObject()));
        }

        return events;
    }

    private static string Text(long id) => PersonId.Format(id);
}
