using IntegrationHub.Bench;

// The first Ctrl+C asks a benchmark to stop and report what it measured; a second ends a command that does not listen.
using var cancellation = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = !cancellation.IsCancellationRequested;
    cancellation.Cancel();
};
return await BenchCommandLine.RunAsync(args, Console.Out, Console.Error, cancellation.Token);
