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
