namespace IntegrationHub.Platform.Operators;

/// <summary>How long an unused console session lives and how wrong passwords lock an account (<c>Console</c> section).</summary>
public sealed class OperatorOptions
{
    public const string Section = "Console";

    /// <summary>Minutes without a request after which a session is gone.</summary>
    public int IdleMinutes { get; set; } = 20;

    /// <summary>Wrong passwords in a row that lock the account.</summary>
    public int LockAfterFailures { get; set; } = 5;

    /// <summary>Minutes a locked account stays locked.</summary>
    public int LockMinutes { get; set; } = 15;
}
