using IntegrationHub.Bench.Generation;
using IntegrationHub.Tests.Intake.Rules;

namespace IntegrationHub.Tests.Bench;

/// <summary>One generated dataset, records and metadata held in memory, shared by the generator tests.</summary>
public sealed class GeneratorFixture
{
    public const int Persons = 4_000;
    public const int Seed = 20261121;

    public GeneratorFixture()
    {
        ReferenceDirectory = Intake.Rules.ReferenceDirectory.Locate();
        Variants = NameVariants.Load(ReferenceDirectory, TextWriter.Null);
        Dataset = new SyntheticDataset(Persons, Seed, Variants);
        Records = Dataset.Records().ToList();
    }

    public string ReferenceDirectory { get; }

    public NameVariants Variants { get; }

    public SyntheticDataset Dataset { get; }

    public IReadOnlyList<GeneratedRecord> Records { get; }
}
