namespace IntegrationHub.Handler.OperatorConsole.Exports;

/// <summary>How the export page tells the export runner that an export was queued, so it starts at once.</summary>
public sealed class ConsoleExportSignal
{
    private readonly SemaphoreSlim queued = new(0);

    public void Queued() => queued.Release();

    /// <summary>Waits until an export is queued or <paramref name="timeout"/> passes.</summary>
    public Task WaitAsync(TimeSpan timeout, CancellationToken cancellationToken) => queued.WaitAsync(timeout, cancellationToken);
}
