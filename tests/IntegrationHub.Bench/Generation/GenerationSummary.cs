namespace IntegrationHub.Bench.Generation;

/// <summary>Counts of what <see cref="GenerateCommand"/> wrote: records per feed and each corruption applied.</summary>
public sealed class GenerationSummary
{
    public static readonly IReadOnlyList<(string Name, Func<CorruptionProfile, double> Rate)> RateColumns =
    [
        ("id missing", p => p.IdMissing), ("id digit mistyped", p => p.IdDigitMistyped),
        ("id adjacent digits transposed", p => p.IdDigitsTransposed), ("id 15-digit legacy form *", p => p.IdLegacy15),
        ("id full-width digits", p => p.IdFullWidth), ("id lower-case x *", p => p.IdLowerCaseX),
        ("id former number used *", p => p.FormerIdNumber), ("name homophone", p => p.NameHomophone),
        ("name traditional form", p => p.NameTraditional), ("name stray space", p => p.NameStraySpace),
        ("name middle-dot variant *", p => p.NameMiddleDotVariant), ("former name used *", p => p.FormerNameUsed),
        ("birth day/month swapped *", p => p.BirthDateDayMonthSwapped), ("phone +86 form *", p => p.PhoneInternational),
    ];

    private static readonly Corruption[] Kinds = Enum.GetValues<Corruption>().Where(c => c != Corruption.None).ToArray();

    public Dictionary<string, long> RecordsPerFeed { get; } = new(StringComparer.Ordinal);

    public Dictionary<Corruption, long> Corruptions { get; } = Kinds.ToDictionary(k => k, _ => 0L);

    public long Records { get; private set; }

    public long CorruptedRecords { get; private set; }

    public void Add(string feedPath, Corruption corruptions)
    {
        RecordsPerFeed[feedPath] = RecordsPerFeed.GetValueOrDefault(feedPath) + 1;
        Records++;
        if (corruptions == Corruption.None)
        {
            return;
        }

        CorruptedRecords++;
        foreach (var kind in Kinds)
        {
            if ((corruptions & kind) != 0)
            {
                Corruptions[kind]++;
            }
        }
    }

    public string Describe(SyntheticDataset dataset)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        var persons = dataset.Persons;
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"""
            generate: seed {dataset.Seed}, {persons.Count} persons in {persons.Select(p => p.Household).Distinct().Count()} households
              namesakes made on purpose: {persons.Count(p => p.NamesakeOf is not null)},
              twins: {persons.Count(p => p.TwinOf is not null)} persons,
              number changes: {persons.Count(p => p.FormerIdNumber is not null)},
              former names: {persons.Count(p => p.FormerName is not null)},
              registered in another province: {persons.Count(p => !p.Household.Local)}
              records: {Records} ({CorruptedRecords} with at least one corruption)

            """);
        foreach (var (feed, count) in RecordsPerFeed)
        {
            text.Append(CultureInfo.InvariantCulture, $"    {feed,-28} {count,10}\n");
        }

        text.Append("  corruptions applied (records):\n");
        foreach (var (kind, count) in Corruptions)
        {
            text.Append(CultureInfo.InvariantCulture, $"    {kind,-28} {count,10}\n");
        }

        return text.ToString();
    }
}
