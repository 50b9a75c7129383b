using IntegrationHub.Labor.Difficulty;
using IntegrationHub.Labor.Employment;
using IntegrationHub.Labor.Evidence;
using IntegrationHub.Labor.Facts;
using IntegrationHub.Labor.Graduates;
using IntegrationHub.Labor.Households;
using IntegrationHub.Labor.Unemployment;

namespace IntegrationHub.Labor.Worker;

/// <summary>
/// Recomputes the facts of a chunk of persons, either those marked dirty or those due for re-evaluation, and writes the
/// changed facts with their events in one transaction. The persons are claimed with <see cref="LaborLock"/>, skipping those
/// another worker holds or a merge or split is changing, so two workers never recompute one person at once, and linkers
/// never wait for a chunk. A dirty mark is removed only if nobody marked the person again meanwhile.
/// </summary>
public sealed class PersonPass(NpgsqlDataSource dataSource, EvidenceLoader loader, HubCalendar calendar, IOptions<LaborOptions> options)
{
    private const string DueCandidates =
        "SELECT person_id, NULL::text AS mark FROM labor_person WHERE reevaluate_at <= @now ORDER BY person_id LIMIT @n";

    private const string DirtyCandidates = "SELECT person_id, mark::text AS mark FROM labor_dirty ORDER BY person_id LIMIT @n";

    /// <summary>A candidate whose person a merge or split is changing (its row locked) is skipped like one another worker holds.</summary>
    private static readonly string Claim = $"""
        SELECT c.person_id, c.mark FROM candidate c JOIN person p ON p.person_id = c.person_id
        WHERE {LaborLock.Try("c.person_id")}
        FOR KEY SHARE OF p SKIP LOCKED
        """;

    /// <summary>Runs one chunk; returns how many persons it recomputed.</summary>
    public async Task<int> RunChunkAsync(bool due, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var now = calendar.Now;
        var today = calendar.Today;
        var claimed = await MarkedClaims.ClaimAsync(connection, transaction, due ? DueCandidates : DirtyCandidates, Claim, now,
            settings.ChunkSize, reader => reader.GetInt64(0), cancellationToken);
        if (claimed.Count == 0)
        {
            return 0;
        }

        var ids = claimed.Keys.ToArray();
        var evidence = await loader.LoadAsync(connection, transaction, ids, cancellationToken);
        var stored = await FactStore.LoadAsync(connection, transaction, ids, cancellationToken);
        var away = await AwayPersons.LoadAsync(connection, transaction, ids, cancellationToken);
        var storedMembers = await MemberStore.LoadAsync(connection, transaction, "person_id = ANY(@ids)", p => p.AddWithValue("ids", ids),
            cancellationToken);
        var standings = await StandingsAsync(connection, transaction,
            evidence.Values.Select(e => e.Profile.HouseholdNumber).OfType<string>().Distinct().ToArray(), cancellationToken);

        var changes = new FactChanges();
        var members = new List<(MemberStatus, DateTimeOffset?)>();
        var verifications = new List<VerificationRow>();
        var households = new List<string>();
        foreach (var person in ids.Order())
        {
            if (!evidence.TryGetValue(person, out var facts))
            {
                continue;
            }

            var next = new NextChange(today);
            MemberStatus member;
            if (facts.MergedAway)
            {
                // A merged-away person's facts now belong to the survivor; subscribers heard of the merge itself.
                changes.Deletes.AddRange(stored[person].Select(f => (person, f.Kind, f.Key)));
                member = new MemberStatus(person, null, null, null, null, false, false, []);
            }
            else
            {
                var spells = SpellBuilder.Build(facts, settings, next);
                var employment = EmploymentFacts.From(spells, stored[person], () => Guid.CreateVersion7(now).ToString());
                var episodes = UnemploymentBuilder.Build(facts, next);
                member = MemberStatusBuilder.Build(facts, employment, settings, next);
                var standing = member.HouseholdNumber is { } number && standings.TryGetValue(number, out var found) ? found : HouseholdStanding.None;
                var difficulty = DifficultyBuilder.Build(facts, episodes, standing, settings, calendar, next);
                var (graduates, verified) = GraduateBuilder.Build(facts, episodes, stored[person], settings, next);
                verifications.AddRange(verified);
                List<LaborFact> computed = [.. UnemploymentBuilder.Facts(episodes), .. employment, .. difficulty, .. graduates];
                FactDiff.Compare(person, away.TryGetValue(person, out var since) ? AwayPersons.Close(computed, since) : computed,
                    stored[person], today, now, changes);
            }

            members.Add((member, next.Day is { } day ? calendar.StartOf(day) : null));
            var before = storedMembers.GetValueOrDefault(person);
            if (member.DiffersForHousehold(before) && (member.HouseholdNumber is not null || before?.HouseholdNumber is not null))
            {
                households.AddRange(new[] { member.HouseholdNumber, before?.HouseholdNumber }.OfType<string>());
            }
        }

        await FactStore.SaveAsync(connection, transaction, changes, now, cancellationToken);
        await VerificationStore.SaveAsync(connection, transaction, verifications, now, changes.Events, cancellationToken);
        await MemberStore.SaveAsync(connection, transaction, members, now, cancellationToken);
        await MemberStore.MarkHouseholdsAsync(connection, transaction, households, cancellationToken);
        await EventOutbox.AppendAsync(connection, transaction, changes.Events, cancellationToken);
        await UnmarkAsync(connection, transaction, claimed.Where(c => c.Value is not null).ToList(), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return claimed.Count;
    }

    private static async Task<Dictionary<string, HouseholdStanding>> StandingsAsync(NpgsqlConnection connection, NpgsqlTransaction transaction,
        string[] households, CancellationToken cancellationToken)
    {
        var standings = new Dictionary<string, HouseholdStanding>(StringComparer.Ordinal);
        if (households.Length == 0)
        {
            return standings;
        }

        await using var command = new NpgsqlCommand(
            "SELECT household_number, zero_employment, as_of, sources::text FROM labor_household WHERE household_number = ANY(@h)",
            connection, transaction);
        command.Parameters.AddWithValue("h", households);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            standings[reader.GetString(0)] = new HouseholdStanding(reader.GetBoolean(1), reader.IsDBNull(2) ? null : reader.GetFieldValue<DateOnly>(2),
                SourceRef.ListFromJson(JsonNode.Parse(reader.GetString(3))));
        }

        return standings;
    }

    /// <summary>Removes the dirty marks read at the claim, unless the person was marked again since (the mark differs) or
    /// is being marked right now (the row is locked: never wait on a linker).</summary>
    private static async Task UnmarkAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, List<KeyValuePair<long, string?>> marks,
        CancellationToken cancellationToken)
    {
        if (marks.Count == 0)
        {
            return;
        }

        await using var command = new NpgsqlCommand("""
            DELETE FROM labor_dirty WHERE person_id IN (
                SELECT d.person_id FROM labor_dirty d JOIN unnest(@ids, @marks) AS u(person_id, mark)
                    ON d.person_id = u.person_id AND d.mark::text = u.mark
                FOR UPDATE OF d SKIP LOCKED)
            """, connection, transaction);
        command.Parameters.AddWithValue("ids", marks.Select(m => m.Key).ToArray());
        command.Parameters.AddWithValue("marks", marks.Select(m => m.Value!).ToArray());
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
