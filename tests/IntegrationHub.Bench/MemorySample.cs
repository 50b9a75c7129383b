namespace IntegrationHub.Bench;

/// <summary>The hub's resident memory in kilobytes: before the run, the highest sampled, and the kernel's own peak (VmHWM).</summary>
public sealed record MemorySample(long BeforeKb, long PeakRssKb, long HighWaterMarkKb, int Samples);
