namespace IntegrationHub.Tests.Flows.Policy.Simulation;

/// <summary>Simulating a policy over 100,000 persons: counts by district as computed independently from the seed, and
/// nothing stored.</summary>
public sealed class LargeSimulationTests() : PolicyScenarioTests()
{
    private const int Persons = 100_000;
    private static readonly string[] Regions = ["500103", "500106", "500112", "510104"];

    [Fact]
    public async Task Simulate_PolicyTouching100000Persons_CountsByDistrictAndStoresNothing()
    {
        await SeedAsync();
        var policy = PolicyFolder.Minimal("young-residents");
        policy["regions"] = new JsonArray("500103", "500106", "500112");
        policy["rule"] = new JsonObject
        {
            ["all"] = new JsonArray(new JsonObject { ["fact"] = "person.age", ["ge"] = 16 }, new JsonObject { ["fact"] = "person.age", ["le"] = 24 }),
        };
        var before = await StoredAsync();

        var response = await scenario.PostAsync("/api/policies/simulate", policy.ToJsonString());

        Assert.Equal(200, response.Status);
        var result = JsonNode.Parse(response.Body)!;
        var today = DateOnly.ParseExact(result["decidedOn"]!.GetValue<string>(), "yyyy-MM-dd", CultureInfo.InvariantCulture);
        var expected = Expected(today);
        Assert.Equal(Persons, result["subjects"]!.GetValue<int>());
        Assert.Equal(expected.Values.Sum(), result["eligible"]!.GetValue<int>());
        Assert.Equal(expected.OrderBy(e => e.Key, StringComparer.Ordinal),
            result["byDistrict"]!.AsObject().Select(d => KeyValuePair.Create(d.Key, d.Value!.GetValue<int>())));
        Assert.True(expected.Values.Sum() is > 0 and < Persons);
        Assert.Equal(before, await StoredAsync());
    }

    /// <summary>Person i: hukou region Regions[i % 4], born on 1 July of 1960 + i % 50. Written set-wise, with triggers off
    /// (no person events, no policy marks) so that the seed takes seconds, as linking and labor would leave it.</summary>
    private async Task SeedAsync()
    {
        await using var connection = await scenario.Hub.DataSource.OpenConnectionAsync(Token);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            SET session_replication_role = replica;
            WITH seeded AS (
                INSERT INTO person (golden, created_at, updated_at)
                SELECT jsonb_build_object('hukouRegion', jsonb_build_object('value', (@regions::text[])[1 + i % 4],
                           'source', jsonb_build_object('department', 'ps', 'feed', 'household-registration', 'recordId', 'sim-' || i,
                                                        'version', 1))), now(), now()
                FROM generate_series(1, @persons) i
                RETURNING person_id, substr(golden -> 'hukouRegion' -> 'source' ->> 'recordId', 5)::int AS i
            )
            INSERT INTO labor_person (person_id, birth_date, gender, employed, in_study, sources, updated_at)
            SELECT person_id, make_date(1960 + i % 50, 7, 1), '1', false, false, '[]', now() FROM seeded;
            SET session_replication_role = origin;
            """;
        command.Parameters.AddWithValue("regions", Regions);
        command.Parameters.AddWithValue("persons", Persons);
        await command.ExecuteNonQueryAsync(Token);
    }

    /// <summary>Eligible persons by district, computed from the seed's rule: in one of the policy's three districts (not 510104), aged 16 to 24 today.</summary>
    private static Dictionary<string, int> Expected(DateOnly today)
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 1; i <= Persons; i++)
        {
            var region = Regions[i % 4];
            var born = new DateOnly(1960 + i % 50, 7, 1);
            var age = today.Year - born.Year - (today < born.AddYears(today.Year - born.Year) ? 1 : 0);
            if (region != "510104" && age is >= 16 and <= 24)
            {
                counts[region] = counts.GetValueOrDefault(region) + 1;
            }
        }

        return counts;
    }

    private async Task<(long Decisions, long Events, long Marks)> StoredAsync() => (
        await scenario.Hub.CountAsync("SELECT count(*) FROM policy_decision"),
        await scenario.Hub.CountAsync("SELECT count(*) FROM event_outbox"),
        await scenario.Hub.CountAsync("SELECT count(*) FROM policy_dirty"));
}
