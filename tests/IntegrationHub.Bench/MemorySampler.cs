namespace IntegrationHub.Bench;

/// <summary>Samples another process's VmRSS from /proc every 100 ms while the benchmark runs.</summary>
public sealed class MemorySampler : IDisposable
{
    private readonly int pid;
    private readonly CancellationTokenSource stop = new();
    private readonly long beforeKb;
    private Task? loop;
    private long peakKb;
    private int samples;

    public MemorySampler(int pid)
    {
        this.pid = pid;
        beforeKb = ReadKb(pid, "VmRSS:") ?? throw new InvalidOperationException($"cannot read /proc/{pid}/status: is the hub running?");
        peakKb = beforeKb;
    }

    public void Start() => loop = SampleAsync(stop.Token);

    public async Task<MemorySample> StopAsync()
    {
        await stop.CancelAsync();
        if (loop is not null)
        {
            await loop;
        }

        Sample();
        return new MemorySample(beforeKb, peakKb, ReadKb(pid, "VmHWM:") ?? 0, samples);
    }

    public void Dispose() => stop.Dispose();

    private static long? ReadKb(int pid, string field)
    {
        try
        {
            foreach (var line in File.ReadLines($"/proc/{pid}/status"))
            {
                if (line.StartsWith(field, StringComparison.Ordinal))
                {
                    // "VmRSS:\t  123456 kB"
                    return long.Parse(line.AsSpan(field.Length).Trim().TrimEnd("kB").Trim(), CultureInfo.InvariantCulture);
                }
            }
        }
        catch (IOException)
        {
            // The process has gone; the caller reports what it has.
        }

        return null;
    }

    private async Task SampleAsync(CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(100));
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken))
            {
                Sample();
            }
        }
        catch (OperationCanceledException)
        {
            // Stopped.
        }
    }

    private void Sample()
    {
        if (ReadKb(pid, "VmRSS:") is { } rss)
        {
            peakKb = Math.Max(peakKb, rss);
            samples++;
        }
    }
}
