namespace IntegrationHub.Intake.Exchange;

public sealed class ExchangeOptions
{
    public const string Section = "Exchange";

    /// <summary>The exchange folder: departments drop files in <c>inbox/{department}/{feed}/</c>.</summary>
    public string Root { get; set; } = "exchange";

    /// <summary>A file is taken only when it has not been written to for this long: one still being copied is left alone.</summary>
    public TimeSpan StableFor { get; set; } = TimeSpan.FromSeconds(10);
}
