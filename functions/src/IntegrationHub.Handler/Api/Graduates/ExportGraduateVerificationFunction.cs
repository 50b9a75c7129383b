using IntegrationHub.Flows.Graduates.Verification;

namespace IntegrationHub.Handler.Api.Graduates;

/// <summary>Timer (every five minutes): writes each cohort's verification for education to the exchange outbox once the day's
/// configured time (<c>verificationExport.at</c> of the graduate rules, default 02:00) has passed.</summary>
public sealed class ExportGraduateVerificationFunction(VerificationExport export, ILogger<ExportGraduateVerificationFunction> logger)
    : ITimerFunction
{
    public async Task RunAsync(TimerInvocation invocation, CancellationToken cancellationToken)
    {
        var written = await export.RunDueAsync(cancellationToken);
        if (written.Count > 0)
        {
            logger.LogInformation("Wrote the graduate verification of cohorts {Cohorts} for education", string.Join(", ", written));
        }
    }
}
