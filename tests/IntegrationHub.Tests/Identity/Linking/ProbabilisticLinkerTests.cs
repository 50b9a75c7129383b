using IntegrationHub.Identity.Matching;

namespace IntegrationHub.Tests.Identity.Linking;

public sealed class ProbabilisticLinkerTests : IntakeHarnessTests
{
    [Fact]
    public async Task Link_MistypedNumberOfAKnownPerson_LinksToThatPerson()
    {
        var id = await KnownPersonAsync(701, "陈伟");
        var mistyped = id[..9] + (id[9] == '5' ? '6' : '5') + id[10..];

        await hub.PostJsonAsync("tax", "wage-withholding", TaxRecords.Json("prob-typo", TaxRecords.Record("typo-1", mistyped, name: "陈玮")));
        await hub.RunLinkersAsync();

        Assert.Equal(1, await hub.LinksToPersonOfAsync("hh-p-701", "typo-1", "probabilistic"));
    }

    [Fact]
    public async Task Link_NoNumberButTraditionalNameAndBirthDate_LinksToThePerson()
    {
        var id = await KnownPersonAsync(702, "李静怡");
        var record = GraduateRecord("hr-702", "李靜怡", Households.BirthDate(id), Gender(id));

        await hub.PostJsonAsync("edu", "graduate-roster", record);
        await hub.RunLinkersAsync();

        Assert.Equal(1, await hub.LinksToPersonOfAsync("hh-p-702", "hr-702"));
    }

    [Fact]
    public async Task Link_NamesakesWithTheSameBirthDate_GoesToReviewNotToEither()
    {
        var first = TaxRecords.IdNumber(703);
        var second = first[..14] + "999";
        second += IntegrationHub.Intake.Rules.IdentityNumber.CheckCharacter(second);
        await Person("p-703a", first, "张伟");
        await Person("p-703b", second, "张伟");

        await hub.PostJsonAsync("edu", "graduate-roster", GraduateRecord("hr-703", "张伟", Households.BirthDate(first), Gender(first)));
        await hub.RunLinkersAsync();

        Assert.Equal(0, await hub.LinksAsync("hr-703"));
        Assert.Equal(1, await hub.CountAsync("SELECT count(*) FROM review_item WHERE record_id = 'hr-703'"));
    }

    [Fact]
    public async Task Link_NobodyLikeIt_BecomesANewPerson()
    {
        await hub.PostJsonAsync("edu", "graduate-roster", GraduateRecord("hr-704", "欧阳娜娜", "1999-09-09"));
        await hub.RunLinkersAsync();

        Assert.Equal(1, await hub.LinksAsync("hr-704", "new-person"));
    }

    [Fact]
    public async Task Link_NumberArrivesAfterANumberlessPersonWasMade_TheNumberJoinsThatPerson()
    {
        var id = TaxRecords.IdNumber(705);
        await hub.PostJsonAsync("edu", "graduate-roster", GraduateRecord("grad-705", "冯雪", Households.BirthDate(id), Gender(id)));
        await hub.RunLinkersAsync();

        await Person("p-705", id, "冯雪");
        await hub.RunLinkersAsync();

        Assert.Equal(1, await hub.PersonsOfAsync("grad-705", "hh-p-705"));
        Assert.Equal(1, await hub.CountAsync(
            "SELECT count(*) FROM person p JOIN person_link l USING (person_id) WHERE l.record_id = 'grad-705' AND p.id_number_index IS NOT NULL"));
    }

    [Fact]
    public async Task Link_NumberArrivesForSomeoneElseWithTheSameName_FoundsItsOwnPerson()
    {
        var id = TaxRecords.IdNumber(706);
        await hub.PostJsonAsync("edu", "graduate-roster", GraduateRecord("grad-706", "刘洋", "1999-12-31", Gender(id)));
        await hub.RunLinkersAsync();

        await Person("p-706", id, "刘洋");
        await hub.RunLinkersAsync();

        Assert.Equal(0, await hub.LinksToPersonOfAsync("hh-p-706", "grad-706"));
    }

    [Fact]
    public async Task Link_PersonChangedWhileTheMatchWaitsForIt_KeepsTheChange()
    {
        var token = TestContext.Current.CancellationToken;
        var id = await KnownPersonAsync(709, "郑秀文");
        await hub.PostJsonAsync("edu", "graduate-roster", GraduateRecord("grad-709", "郑秀文", Households.BirthDate(id), Gender(id)));
        await hub.RunDeterministicLinkerAsync();
        var person = await hub.PersonOfAsync("hh-p-709");

        // Another linker folding a record into the person: the row locked and its golden record changed, not yet committed.
        await using var other = await hub.DataSource.OpenConnectionAsync(token);
        await using var transaction = await other.BeginTransactionAsync(token);
        await using (var command = new Npgsql.NpgsqlCommand("""
            UPDATE person SET golden = golden || '{"phone":{"value":"13800000709","rank":2,
                "source":{"department":"hr","feed":"employment-registration","recordId":"other","version":1}}}'::jsonb
            WHERE person_id = @p
            """, other, transaction))
        {
            command.Parameters.AddWithValue("p", (long)person);
            await command.ExecuteNonQueryAsync(token);
        }

        var matching = hub.RunProbabilisticLinkerAsync();
        while (await hub.CountAsync("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'") == 0)
        {
            Assert.False(matching.IsCompleted);
            await Task.Delay(20, token);
        }

        await transaction.CommitAsync(token);
        await matching;

        Assert.Equal(1, await hub.CountAsync($"""
            SELECT count(*) FROM person_link l JOIN person p USING (person_id)
            WHERE l.record_id = 'grad-709' AND l.rule = 'probabilistic' AND p.person_id = {person}
              AND p.golden->'phone'->>'value' = '13800000709' AND p.golden->'schoolCode'->>'value' = '4150010611'
            """));
    }

    [Fact]
    public async Task Link_StoredFitTrustsNamesMore_LinksWhatTheDefaultModelSentToReview()
    {
        var id = await KnownPersonAsync(707, "钱多多");
        var otherDay = Households.BirthDate(id)[..5] + "12-28";
        await hub.PostJsonAsync("edu", "graduate-roster", GraduateRecord("grad-707a", "钱多多", otherDay, Gender(id)));
        await hub.RunLinkersAsync();
        Assert.Equal(1, await hub.CountAsync("SELECT count(*) FROM review_item WHERE record_id = 'grad-707a' AND decided_at IS NULL"));

        await StoreFitAsync(hub, NamesAreRare());
        await hub.PostJsonAsync("edu", "graduate-roster", GraduateRecord("grad-707b", "钱多多", otherDay, Gender(id)));
        await hub.RunLinkersAsync();

        Assert.Equal(1, await hub.LinksToPersonOfAsync("hh-p-707", "grad-707b", "probabilistic"));
    }

    [Fact]
    public async Task Link_ConfiguredNameProbabilities_WinOverTheStoredFit()
    {
        var defaults = MatchModel.Default();
        var settings = new Dictionary<string, string?>();
        for (var level = 0; level < defaults.U[MatchField.Name].Length; level++)
        {
            settings[$"Identity:Matching:Overrides:Name:U:{level}"] = defaults.U[MatchField.Name][level].ToString("R", CultureInfo.InvariantCulture);
        }

        await using var configured = await IntakeHarness.StartAsync(nameof(ProbabilisticLinkerTests) + "Overrides", settings);
        var id = TaxRecords.IdNumber(708);
        await configured.PostJsonAsync("ps", "household-registration", Households.Batch("ps-p-708", "hh-p-708", id, "钱多多", Households.BirthDate(id)));
        await StoreFitAsync(configured, NamesAreRare());

        await configured.PostJsonAsync("edu", "graduate-roster",
            GraduateRecord("grad-708", "钱多多", Households.BirthDate(id)[..5] + "12-28", Gender(id)));
        await configured.RunLinkersAsync();

        Assert.Equal(0, await configured.LinksAsync("grad-708"));
        Assert.Equal(1, await configured.CountAsync("SELECT count(*) FROM review_item WHERE record_id = 'grad-708'"));
    }

    /// <summary>A fit that found same names rare among different people: an exact name is worth about 23 bits, not 9.</summary>
    private static MatchModel NamesAreRare()
    {
        var model = MatchModel.Default();
        model.U[MatchField.Name] = [0.0000001, 0.0000001, 0.003, 0.004, 0.9929998];
        return model;
    }

    private static async Task StoreFitAsync(IntakeHarness harness, MatchModel model)
    {
        await using (var command = harness.DataSource.CreateCommand(
            "INSERT INTO match_model_fit (fitted_at, pairs, records, links_seen, match_share, iterations, model) " +
            "VALUES (now(), 5000, 1000, 1000, 0.2, 40, @model::jsonb)"))
        {
            command.Parameters.AddWithValue("model", MatchModelJson.Write(model));
            await command.ExecuteNonQueryAsync(TestContext.Current.CancellationToken);
        }

        harness.Server.Services.GetRequiredService<MatchModelProvider>().Invalidate();
    }

    /// <summary>A person public security knows: household record <c>hh-p-{n}</c> of <see cref="TaxRecords.IdNumber"/>(n),
    /// born on the day the number says. Returns the number.</summary>
    private async Task<string> KnownPersonAsync(int n, string name)
    {
        var id = TaxRecords.IdNumber(n);
        await Person($"p-{n}", id, name);
        return id;
    }

    private async Task Person(string key, string id, string name) =>
        await hub.PostJsonAsync("ps", "household-registration", Households.Batch("ps-" + key, "hh-" + key, id, name, Households.BirthDate(id)));

    private static string Gender(string id) => (id[16] - '0') % 2 == 1 ? "1" : "2";

    // A graduate record without an identity number: name, sex, birth date and hukou region to match on.
    private static string GraduateRecord(string recordId, string name, string birthDate, string gender = "2") =>
        $$"""
        {"batchId":"b-{{recordId}}","schemaVersion":"1","extractedAt":"2026-11-20T18:00:00+08:00","region":"500000","records":[
          {"recordId":"{{recordId}}","name":"{{name}}","gender":"{{gender}}","birthDate":"{{birthDate}}","schoolCode":"4150010611",
           "schoolName":"重庆大学","majorCode":"080901","majorName":"计算机科学与技术","educationLevel":"21","graduationDate":"2026-06-30",
           "destination":"not-yet-placed","hukouRegion":"500103","hardshipFamily":false,"disabled":false}]}
        """;
}
