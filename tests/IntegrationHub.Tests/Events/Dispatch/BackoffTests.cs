using IntegrationHub.Events.Dispatch;

namespace IntegrationHub.Tests.Events.Dispatch;

public sealed class BackoffTests
{
    [Fact]
    public void After_AttemptsGrow_DelayDoublesWithinTheJitterBandAndStopsAtTheCap()
    {
        var baseDelay = TimeSpan.FromSeconds(2);
        var cap = TimeSpan.FromMinutes(10);
        for (var attempt = 1; attempt <= 12; attempt++)
        {
            var nominal = Math.Min(2 * Math.Pow(2, attempt - 1), 600);
            Assert.Equal(nominal * 0.5, Backoff.After(attempt, baseDelay, cap, 0).TotalSeconds, 6);
            Assert.True(Backoff.After(attempt, baseDelay, cap, 0.999).TotalSeconds < nominal * 1.5);
        }
    }
}
