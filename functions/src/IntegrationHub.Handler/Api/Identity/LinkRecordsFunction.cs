using IntegrationHub.Identity.Linking;

namespace IntegrationHub.Handler.Api.Identity;

/// <summary>Timer: links what intake has stored since the last run, chunk by chunk, within a time budget: first on valid
/// numbers, then the deferred records probabilistically.</summary>
public sealed class LinkRecordsFunction(DeterministicLinker linker, ProbabilisticLinker matcher, TimeProvider time,
    ILogger<LinkRecordsFunction> logger) : ITimerFunction
{
    private static readonly TimeSpan Budget = TimeSpan.FromSeconds(20);

    public async Task RunAsync(TimerInvocation invocation, CancellationToken cancellationToken)
    {
        var started = time.GetUtcNow();
        int lines = 0, linked = 0;
        while (time.GetUtcNow() - started < Budget && await linker.LinkNextChunkAsync(cancellationToken) is { Lines: > 0 } step)
        {
            lines += step.Lines;
            linked += step.Linked;
        }

        // The probabilistic matcher runs once the numbers are in, so that it sees every person they created.
        while (time.GetUtcNow() - started < Budget && await matcher.LinkNextChunkAsync(cancellationToken) is { Lines: > 0 } step)
        {
            lines += step.Lines;
            linked += step.Linked;
        }

        if (lines > 0)
        {
            logger.LogInformation("Linked {Linked} of {Lines} lines", linked, lines);
        }
    }
}
