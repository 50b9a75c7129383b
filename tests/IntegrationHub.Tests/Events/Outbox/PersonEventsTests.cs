using IntegrationHub.Identity.Review;

namespace IntegrationHub.Tests.Events.Outbox;

public sealed class PersonEventsTests : IntakeHarnessTests
{
    [Fact]
    public async Task Linking_NewPersonFilledInOneTransaction_EmitsOneCreatedWithTheGoldenValuesAndNoNumber()
    {
        var id = TaxRecords.IdNumber(701);
        await hub.PostJsonAsync("ps", "household-registration", Households.Batch("ev-ps-1", "hh-ev-1", id, "陈静", Households.BirthDate(id)));

        await hub.RunDeterministicLinkerAsync();

        var events = await EventsOfAsync("hh-ev-1");
        var created = Assert.Single(events);
        Assert.Equal(EventTypes.PersonCreated, created.Type);
        Assert.Equal(1, created.Sequence);
        Assert.Equal("陈静", created.Data["name"]!.GetValue<string>());
        Assert.Equal(created.Subject, created.Data["personId"]!.GetValue<string>());
        Assert.DoesNotContain(id, created.Data.ToJsonString(), StringComparison.Ordinal);
        Assert.True(created.HasCipher);
    }

    [Fact]
    public async Task Linking_CorrectionChangesName_EmitsUpdatedNamingTheChangedAttributeOnly()
    {
        var id = TaxRecords.IdNumber(702);
        await hub.PostJsonAsync("ps", "household-registration", Households.Batch("ev-ps-2", "hh-ev-2", id, "周玮", Households.BirthDate(id)));
        await hub.RunDeterministicLinkerAsync();

        await hub.PostJsonAsync("ps", "household-registration", Households.Batch("ev-ps-3", "hh-ev-2", id, "周伟", Households.BirthDate(id)));
        await hub.RunDeterministicLinkerAsync();

        var events = await EventsOfAsync("hh-ev-2");
        Assert.Equal([EventTypes.PersonCreated, EventTypes.PersonUpdated], events.Select(e => e.Type));
        Assert.Equal([1L, 2L], events.Select(e => e.Sequence));
        Assert.Equal("周伟", events[1].Data["name"]!.GetValue<string>());
        Assert.Equal(["name"], events[1].Data["changed"]!.AsArray().Select(n => n!.GetValue<string>()));
    }

    [Fact]
    public async Task Linking_SameRecordAgain_EmitsNothingMore()
    {
        var id = TaxRecords.IdNumber(703);
        var batch = Households.Batch("ev-ps-4", "hh-ev-4", id, "黄芳", Households.BirthDate(id));
        await hub.PostJsonAsync("ps", "household-registration", batch);
        await hub.RunDeterministicLinkerAsync();
        await hub.PostJsonAsync("ps", "household-registration", Households.Batch("ev-ps-5", "hh-ev-4b", id, "黄芳", Households.BirthDate(id)));

        await hub.RunDeterministicLinkerAsync();

        Assert.Single(await EventsOfAsync("hh-ev-4"));
    }

    [Fact]
    public async Task Merge_EmitsMergedForTheMergedAwayPersonPointingAtTheSurvivor()
    {
        var first = TaxRecords.IdNumber(704);
        var second = TaxRecords.IdNumber(705);
        await hub.PostJsonAsync("ps", "household-registration", Households.Batch("ev-ps-6", "hh-ev-6", first, "刘洋", Households.BirthDate(first)));
        await hub.PostJsonAsync("ps", "household-registration", Households.Batch("ev-ps-7", "hh-ev-7", second, "刘阳", Households.BirthDate(second)));
        await hub.RunDeterministicLinkerAsync();
        var away = (await EventsOfAsync("hh-ev-6"))[0].Subject;
        var survivor = (await EventsOfAsync("hh-ev-7"))[0].Subject;

        await hub.Server.Services.GetRequiredService<ReviewService>().MergeAsync(ReviewService.ParsePersonId(away), ReviewService.ParsePersonId(survivor), "admin", Token);

        var merged = (await EventsOfAsync("hh-ev-6"))[^1];
        Assert.Equal(EventTypes.PersonMerged, merged.Type);
        Assert.Equal(survivor, merged.Data["mergedInto"]!.GetValue<string>());
    }

    [Fact]
    public async Task AppendAsync_RolledBackTransaction_LeavesNoEventAndNoSequenceGap()
    {
        await using var connection = await hub.DataSource.OpenConnectionAsync(Token);
        await using (var rolledBack = await connection.BeginTransactionAsync(Token))
        {
            await EventOutbox.AppendAsync(connection, rolledBack, [Draft("P000900001")], Token);
            await rolledBack.RollbackAsync(Token);
        }

        await using var committed = await connection.BeginTransactionAsync(Token);
        await EventOutbox.AppendAsync(connection, committed, [Draft("P000900001"), Draft("P000900001")], Token);
        await committed.CommitAsync(Token);

        Assert.Equal(2, await hub.CountAsync("SELECT count(*) FROM event_outbox WHERE subject = 'P000900001'"));
        Assert.Equal(2, await hub.CountAsync("SELECT max(sequence) FROM event_outbox WHERE subject = 'P000900001'"));
    }

    private static EventDraft Draft(string subject) =>
        new(EventTypes.EmploymentStarted, subject, DateTimeOffset.UnixEpoch, new JsonObject
        {
            ["personId"] = subject,
            ["spellId"] = "spell-1",
            ["employerCreditCode"] = null,
            ["employmentForm"] = "flexible",
            ["from"] = "2026-01",
            ["sources"] = new JsonArray(new JsonObject
            {
                ["department"] = "hr", ["feed"] = "social-insurance", ["recordId"] = "si-1", ["version"] = 1,
            }),
        });

    private async Task<List<OutboxRow>> EventsOfAsync(string recordId)
    {
        await using var command = hub.DataSource.CreateCommand("""
            SELECT type, subject, sequence, data::text, id_number_cipher IS NOT NULL FROM event_outbox
            WHERE subject = (SELECT hub_person_id(person_id) FROM person_link WHERE record_id = @r ORDER BY version DESC LIMIT 1)
            ORDER BY sequence
            """);
        command.Parameters.AddWithValue("r", recordId);
        var rows = new List<OutboxRow>();
        await using var reader = await command.ExecuteReaderAsync(Token);
        while (await reader.ReadAsync(Token))
        {
            rows.Add(new OutboxRow(reader.GetString(0), reader.GetString(1), reader.GetInt64(2),
                JsonNode.Parse(reader.GetString(3))!.AsObject(), reader.GetBoolean(4)));
        }

        return rows;
    }

    private sealed record OutboxRow(string Type, string Subject, long Sequence, JsonObject Data, bool HasCipher);
}
