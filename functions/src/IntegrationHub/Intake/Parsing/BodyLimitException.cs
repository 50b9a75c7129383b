namespace IntegrationHub.Intake.Parsing;

/// <summary>A body that passed one of intake's size limits while it was being read; the batch is refused with its code (413).</summary>
internal sealed class BodyLimitException(string code, string message) : IOException(message)
{
    public string Code { get; } = code;
}
