using IntegrationHub.Bench;

// Ctrl+C asks a benchmark that listens for it to stop and report what it measured; other commands end at once, as usual.
using var cancellation = new CancellationTokenSource();
if (BenchCommandLine.StopsOnCancel(args))
{
    Console.CancelKeyPress += (_, e) =>
    {
        e.Cancel = true;
        cancellation.Cancel();
    };
}

return await BenchCommandLine.RunAsync(args, Console.Out, Console.Error, cancellation.Token);
