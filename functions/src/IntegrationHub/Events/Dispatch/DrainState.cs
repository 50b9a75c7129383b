namespace IntegrationHub.Events.Dispatch;

/// <summary>What the workers draining one subscription share: the counts, and whether one of them failed.</summary>
internal sealed class DrainState
{
    private int claimed;
    private int delivered;
    private volatile bool stopped;

    public int Claimed => Volatile.Read(ref claimed);

    public int Delivered => Volatile.Read(ref delivered);

    public bool Stopped => stopped;

    public void Add(int claimedNow, int deliveredNow)
    {
        Interlocked.Add(ref claimed, claimedNow);
        Interlocked.Add(ref delivered, deliveredNow);
    }

    public void Stop() => stopped = true;
}
