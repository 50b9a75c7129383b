global using static IntegrationHub.Tests.Infrastructure.TestCancellation;

namespace IntegrationHub.Tests.Infrastructure;

/// <summary>The running test's cancellation token, in scope as <c>Token</c> in every test file.</summary>
public static class TestCancellation
{
    public static CancellationToken Token => TestContext.Current.CancellationToken;
}
