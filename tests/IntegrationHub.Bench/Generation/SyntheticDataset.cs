namespace IntegrationHub.Bench.Generation;

/// <summary>
/// The population and its records for one seed: the same seed and size give byte-identical output. The population is held in
/// memory (a few hundred bytes a person); the records are produced lazily, so <see cref="Records"/> may be enumerated once.
/// </summary>
public sealed class SyntheticDataset
{
    private readonly SyntheticFeeds feeds;
    private bool enumerated;

    public SyntheticDataset(int persons, int seed, NameVariants variants)
    {
        ArgumentNullException.ThrowIfNull(variants);
        Seed = seed;
        var random = new Random(seed);
        Persons = PopulationBuilder.Build(persons, random);
        feeds = new SyntheticFeeds(random, new Corrupter(random, variants), new Population(seed, persons), Persons);
    }

    public int Seed { get; }

    public IReadOnlyList<SyntheticPerson> Persons { get; }

    public IEnumerable<GeneratedRecord> Records()
    {
        if (enumerated)
        {
            throw new InvalidOperationException("the records of a dataset can be enumerated once; create a new dataset for the same seed");
        }

        enumerated = true;
        return feeds.Records();
    }
}
