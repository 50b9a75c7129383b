namespace IntegrationHub.Tests.Infrastructure;

/// <summary>Protection keys for one test run: fresh each run, so no test can depend on a key written down anywhere.</summary>
public static class TestKeys
{
    public static string IdentityKey { get; } = IdentityProtector.NewKey();

    public static string BlindIndexKey { get; } = IdentityProtector.NewKey();
}
