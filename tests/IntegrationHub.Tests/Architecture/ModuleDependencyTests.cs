using IntegrationHub.Intake;

namespace IntegrationHub.Tests.Architecture;

public sealed class ModuleDependencyTests
{
    /// <summary>Platform ← Intake ← Identity ← Labor ← Events, the flows on top of them and beside each other.</summary>
    /// <remarks>Each flow is a folder of <c>Flows</c> and a module of its own; a new flow is added to the last layer.</remarks>
    internal static readonly ModuleRules Hub = new("IntegrationHub",
        [["Platform"], ["Intake"], ["Identity"], ["Labor"], ["Events"], ["Flows.Graduates", "Flows.Policy", "Flows.Exchange", "Flows.Federation"]],
        "Flows");

    [Fact]
    public void Library_EveryModule_UsesOnlyEarlierModulesThroughTheirPublicFace()
    {
        var violations = Hub.Violations(typeof(IntakeService).Assembly);

        Assert.True(violations.Count == 0, string.Join('\n', violations));
    }

    [Fact]
    public void Library_EveryType_BelongsToAKnownModule()
    {
        var unknown = typeof(IntakeService).Assembly.GetTypes()
            .Where(t => !t.IsNested && t.Namespace?.StartsWith("IntegrationHub.", StringComparison.Ordinal) == true)
            .Select(t => Hub.ModuleOf(t)!)
            .Where(m => !Hub.Layers.Any(l => l.Contains(m)))
            .Distinct()
            .ToList();

        Assert.Empty(unknown);
    }

    [Fact]
    public void Sources_EveryModule_NamesOnlyItselfAndEarlierModules()
    {
        var library = Path.Combine(RepositoryPaths.Root, "functions", "src", "IntegrationHub");
        var violations = Directory.EnumerateFiles(library, "*.cs", SearchOption.AllDirectories)
            .Where(file => !file.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .SelectMany(file => SourceReferences.Violations(Hub, Path.GetRelativePath(library, file), File.ReadAllText(file)))
            .Concat(SourceReferences.ProjectViolations(Hub, "IntegrationHub.csproj", File.ReadAllText(Path.Combine(library, "IntegrationHub.csproj"))))
            .ToList();

        Assert.True(violations.Count == 0, string.Join('\n', violations));
    }

    [Fact]
    public void SourceViolations_ConstantOfALaterModuleAndAProjectWideUsing_AreNamed()
    {
        const string file = """
            using IntegrationHub.Labor;
            using IntegrationHub.Platform.Outbox;

            namespace IntegrationHub.Intake.Feeds;

            internal static class Probe
            {
                public const string Kind = IntegrationHub.Flows.Federation.Transfers.TransferStatus.Accepted;
            }
            """;
        const string project = """<Using Include="IntegrationHub.Platform.Time" /><Using Include="IntegrationHub.Identity" />""";

        Assert.Equal(
        [
            "Probe.cs names IntegrationHub.Flows.Federation.Transfers.TransferStatus.Accepted: Intake may not depend on Flows.Federation",
            "Probe.cs names IntegrationHub.Labor: Intake may not depend on Labor",
            "IntegrationHub.csproj gives every file IntegrationHub.Identity: only Platform may be used everywhere",
        ], SourceReferences.Violations(Hub, "Probe.cs", file).Concat(SourceReferences.ProjectViolations(Hub, "IntegrationHub.csproj", project)));
    }

    [Fact]
    public void Violations_FixtureWithForbiddenReferences_NamesEachOfThem()
    {
        var rules = new ModuleRules("IntegrationHub.Tests.Architecture.Fixture", [["Lower"], ["Upper"], ["Flows.A", "Flows.B"]], "Flows");

        var violations = rules.Violations(typeof(ModuleDependencyTests).Assembly);

        Assert.Equal(
        [
            "IntegrationHub.Tests.Architecture.Fixture.Flows.A.UsesFlowB uses IntegrationHub.Tests.Architecture.Fixture.Flows.B.Open: Flows.A may not depend on Flows.B",
            "IntegrationHub.Tests.Architecture.Fixture.Lower.UsesUpper uses IntegrationHub.Tests.Architecture.Fixture.Upper.Open: Lower may not depend on Upper",
            "IntegrationHub.Tests.Architecture.Fixture.Upper.UsesInternal uses IntegrationHub.Tests.Architecture.Fixture.Lower.Hidden, which is internal to Lower",
        ], violations);
    }
}
