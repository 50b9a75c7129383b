namespace IntegrationHub.Platform.Operators;

/// <summary>What a sign-in came to: a session (with its cookie token), a wrong name or password, or a locked account.</summary>
public sealed record SignInOutcome(SignInResult Result, string? Token, OperatorSession? Session, DateTimeOffset? LockedUntil);

public enum SignInResult
{
    SignedIn,
    Wrong,
    Locked,
}
