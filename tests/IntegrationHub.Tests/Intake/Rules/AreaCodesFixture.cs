using IntegrationHub.Intake.Rules;

namespace IntegrationHub.Tests.Intake.Rules;

/// <summary>Loads the real GB/T 2260 table once per test class.</summary>
public sealed class AreaCodesFixture
{
    public AreaCodes Areas { get; } = AreaCodes.Load(System.IO.Path.Combine(ReferenceDirectory.Locate(), ReferenceData.AreaCodesFileName));
}
