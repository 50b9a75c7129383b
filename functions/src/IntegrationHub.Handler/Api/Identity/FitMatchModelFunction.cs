using IntegrationHub.Identity.Matching;

namespace IntegrationHub.Handler.Api.Identity;

/// <summary>Timer: re-estimates the matcher's m and u by EM when enough new records have been linked since the last fit.</summary>
public sealed class FitMatchModelFunction(MatchModelFitter fitter, ILogger<FitMatchModelFunction> logger) : ITimerFunction
{
    public async Task RunAsync(TimerInvocation invocation, CancellationToken cancellationToken)
    {
        if (await fitter.FitIfDueAsync(cancellationToken) is { } fit)
        {
            logger.LogInformation("Match model fit {FitId}: {Pairs} candidate pairs from {Records} records, match share {Share:F4}", fit.FitId,
                fit.Pairs, fit.Records, fit.MatchShare);
        }
    }
}
