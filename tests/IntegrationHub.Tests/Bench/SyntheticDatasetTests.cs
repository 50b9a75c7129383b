using IntegrationHub.Bench.Generation;
using IntegrationHub.Intake.Feeds;
using IntegrationHub.Intake.Rules;
using IntegrationHub.Intake.Validation;

namespace IntegrationHub.Tests.Bench;

public sealed class SyntheticDatasetTests(GeneratorFixture fixture) : IClassFixture<GeneratorFixture>
{
    private static readonly DateOnly Today = new(2026, 11, 21);

    private const Corruption IdForm = Corruption.IdLegacy15 | Corruption.IdFullWidth | Corruption.IdLowerCaseX;

    [Fact]
    public void Records_SameSeed_AreIdentical()
    {
        var first = new SyntheticDataset(500, 42, fixture.Variants).Records().ToList();
        var second = new SyntheticDataset(500, 42, fixture.Variants).Records().ToList();
        var other = new SyntheticDataset(500, 43, fixture.Variants).Records().ToList();

        Assert.Equal(first.Count, second.Count);
        for (var i = 0; i < first.Count; i++)
        {
            Assert.Equal((first[i].Department, first[i].Feed, first[i].RecordId, first[i].PersonKey),
                (second[i].Department, second[i].Feed, second[i].RecordId, second[i].PersonKey));
            Assert.Equal(first[i].Line, second[i].Line);
        }

        Assert.NotEqual(first.Select(r => Encoding.UTF8.GetString(r.Line)), other.Select(r => Encoding.UTF8.GetString(r.Line)));
    }

    [Fact]
    public void Records_EveryIdNumber_IsValidOrFailsExactlyAsItsCorruptionSays()
    {
        var areas = ReferenceData.Load(fixture.ReferenceDirectory).Areas;
        var checkedNumbers = 0;
        foreach (var record in fixture.Records)
        {
            var identity = record.Identity;
            var corruptions = identity.Corruptions;
            var written = IdNumberOf(record);
            var because = $"{record.Department}/{record.Feed} {record.RecordId}: {corruptions}";
            Assert.True(IdentityNumber.Check(identity.BaseIdNumber, areas, Today).Valid, because);
            if ((corruptions & Corruption.IdMissing) != 0)
            {
                Assert.True(written is null, because);
                continue;
            }

            Assert.NotNull(written);
            checkedNumbers++;
            Assert.Equal((corruptions & Corruption.IdLegacy15) != 0, written.Length == 15);
            Assert.Equal((corruptions & Corruption.IdFullWidth) != 0, written.Any(c => c >= '\uFF10'));
            Assert.Equal((corruptions & Corruption.IdLowerCaseX) != 0, written.EndsWith('x') || written.EndsWith('\uFF58'));

            var check = IdentityNumber.Check(written, areas, Today);
            Assert.True(check.WellFormed, because);
            var expected = identity.BaseIdNumber;
            var differences = Enumerable.Range(0, 17).Where(i => check.Value[i] != expected[i]).ToArray();
            if ((corruptions & Corruption.IdDigitMistyped) != 0)
            {
                // A mistyped check character leaves the first 17 digits alone; in a 15-digit number the hub recomputes it.
                var checkCharacterMistyped = differences.Length == 0 && check.Value[17] != expected[17];
                Assert.True(differences.Length == 1 || checkCharacterMistyped, because);
                AssertCheckCharacterFailsUnlessLegacy(check, corruptions, because);
            }
            else if ((corruptions & Corruption.IdDigitsTransposed) != 0)
            {
                Assert.Equal(2, differences.Length);
                Assert.Equal(differences[0] + 1, differences[1]);
                Assert.Equal((check.Value[differences[0]], check.Value[differences[1]]),
                    (expected[differences[1]], expected[differences[0]]));
                AssertCheckCharacterFailsUnlessLegacy(check, corruptions, because);
            }
            else
            {
                Assert.True(check.Valid, because);
                Assert.Equal(expected, check.Value);
                if ((corruptions & IdForm) == 0)
                {
                    Assert.Equal(expected, written);
                }
            }
        }

        Assert.True(checkedNumbers > 40_000, $"only {checkedNumbers} numbers checked");
    }

    [Fact]
    public void Write_Truth_ListsEveryRecordOfEveryFileExactlyOnce()
    {
        var directory = Directory.CreateTempSubdirectory("generate-").FullName;
        try
        {
            var summary = GenerateCommand.Write(new SyntheticDataset(1_500, 7, fixture.Variants), directory);
            var truth = File.ReadLines(Path.Combine(directory, "truth.csv")).Skip(1)
                .Select(line => line.Split(','))
                .ToList();
            var truthKeys = truth.Select(f => $"{f[0]}/{f[1]}/{f[2]}").ToList();
            Assert.Equal(truthKeys.Count, truthKeys.Distinct(StringComparer.Ordinal).Count());

            var fileKeys = new List<string>();
            foreach (var file in Directory.EnumerateFiles(directory, "*.ndjson", SearchOption.AllDirectories))
            {
                var department = Path.GetFileName(Path.GetDirectoryName(file))!;
                var feed = Path.GetFileNameWithoutExtension(file);
                var lines = File.ReadAllLines(file);
                using (var envelope = JsonDocument.Parse(lines[0]))
                {
                    Assert.Equal($"gen-7-{department}-{feed}", envelope.RootElement.GetProperty("batchId").GetString());
                }

                foreach (var line in lines.Skip(1))
                {
                    using var record = JsonDocument.Parse(line);
                    fileKeys.Add($"{department}/{feed}/{record.RootElement.GetProperty("recordId").GetString()}");
                }
            }

            Assert.Equal(summary.Records, truthKeys.Count);
            Assert.Equal(truthKeys.Order(StringComparer.Ordinal), fileKeys.Order(StringComparer.Ordinal));
            Assert.All(truth, f => Assert.Matches("^P[0-9]{7}$", f[3]));
            Assert.Equal(7, summary.RecordsPerFeed.Count(p => p.Value > 0));
        }
        finally
        {
            Directory.Delete(directory, true);
        }
    }

    [Fact]
    public async Task Records_ValidateAgainstTheContractSchemasAndTheHubsRules()
    {
        var catalog = await FeedCatalog.LoadAsync(Path.Combine(RepositoryPaths.Root, "contracts"), CancellationToken.None);
        using var protector = new IdentityProtector(Options.Create(new ProtectionOptions
        {
            IdentityKey = IdentityProtector.NewKey(),
            BlindIndexKey = IdentityProtector.NewKey(),
        }));
        var processor = new RecordProcessor(ReferenceData.Load(fixture.ReferenceDirectory), protector, new HashSet<string>());
        var allowedWarnings = new HashSet<string>(StringComparer.Ordinal) { "invalid-id", "birth-date-mismatch" };
        var sample = fixture.Records.Where((_, i) => i % 7 == 0).Concat(fixture.Records.Where(r => r.Feed != "social-insurance")).ToList();
        foreach (var record in sample)
        {
            Assert.True(catalog.TryGet(record.Department, record.Feed, out var feed));
            var schema = feed.Versions["1"];
            using var document = JsonDocument.Parse(record.Line);
            var errors = new List<FieldError>();
            schema.Validate(document.RootElement, "", errors);
            Assert.True(errors.Count == 0, $"{record.RecordId}: {string.Join("; ", errors)}");

            var processed = processor.Process(schema, record.Line, 2, "", Today);
            Assert.False(processed.Rejected, $"{record.RecordId}: {string.Join("; ", processed.Problems)}");
            Assert.All(processed.Problems, p => Assert.Contains(p.Code, allowedWarnings));
            var keyingError = (record.Identity.Corruptions & (Corruption.IdDigitMistyped | Corruption.IdDigitsTransposed)) != 0;
            var invalid = processed.Problems.Any(p => p.Code == "invalid-id" && p.Path == "/idNumber");
            if (!keyingError)
            {
                Assert.False(invalid, record.RecordId);
            }
            else if ((record.Identity.Corruptions & Corruption.IdLegacy15) == 0)
            {
                Assert.True(invalid, record.RecordId);
            }
        }

        Assert.True(sample.Count > 5_000, $"only {sample.Count} records validated");
    }

    [Fact]
    public void Dataset_ContainsTheHardCases()
    {
        var persons = fixture.Dataset.Persons;
        var byKey = persons.ToDictionary(p => p.Key);
        Assert.Equal(GeneratorFixture.Persons, persons.Count);
        Assert.Equal(persons.Count, persons.Select(p => p.IdNumber).Distinct(StringComparer.Ordinal).Count());

        var twins = persons.Where(p => p.TwinOf is not null).ToList();
        Assert.NotEmpty(twins);
        Assert.All(twins, t =>
        {
            var other = byKey[t.TwinOf!];
            Assert.Equal((t.Household, t.Surname, t.BirthDate), (other.Household, other.Surname, other.BirthDate));
            Assert.NotEqual(t.Name, other.Name);
        });

        var namesakes = persons.Where(p => p.NamesakeOf is not null).ToList();
        Assert.All(namesakes, n =>
        {
            var other = byKey[n.NamesakeOf!];
            Assert.Equal((n.Name, n.BirthDate, n.Household.Region), (other.Name, other.BirthDate, other.Household.Region));
            Assert.NotEqual(n.IdNumber, other.IdNumber);
        });

        Assert.Contains(persons, p => p.FormerName is not null);
        Assert.Contains(persons, p => string.CompareOrdinal(p.IdNumber, 0, "5102", 0, 4) == 0);
        Assert.Contains(fixture.Records, r => r.Feed == "household-registration"
                                              && Encoding.UTF8.GetString(r.Line).Contains("\"number-change\"", StringComparison.Ordinal));
    }

    [Fact]
    public void Records_SamePersonInDifferentFeeds_DrawCorruptionsIndependently()
    {
        var personsWithDifferentCorruptions = fixture.Records
            .GroupBy(r => r.PersonKey)
            .Count(g => g.GroupBy(r => r.Feed).Select(f => f.First().Identity.Corruptions).Distinct().Count() > 1);

        Assert.True(personsWithDifferentCorruptions > 100, $"{personsWithDifferentCorruptions}");
    }

    // ISO 7064 catches every single substitution and adjacent transposition; the 15-digit form has no check character, and its
    // upgrade computes a fresh one, so a keying error there is caught only if it breaks the date or the region.
    private static void AssertCheckCharacterFailsUnlessLegacy(IdentityNumberCheck check, Corruption corruptions, string because)
    {
        var checkCharacterRight = IdentityNumber.CheckCharacter(check.Value.AsSpan(0, 17)) == check.Value[17];
        Assert.True(checkCharacterRight == ((corruptions & Corruption.IdLegacy15) != 0), because);
        Assert.False(check.Valid && (corruptions & Corruption.IdLegacy15) == 0, because);
    }

    private static string? IdNumberOf(GeneratedRecord record)
    {
        using var document = JsonDocument.Parse(record.Line);
        return document.RootElement.TryGetProperty("idNumber", out var value) ? value.GetString() : null;
    }
}
