namespace IntegrationHub.Handler.Api.Json;

/// <summary>A request body refused before any endpoint looked at it: 400 <c>json</c> (or 413 <c>too-large</c>), with the one
/// place at fault.</summary>
public sealed class JsonBodyException(int status, string code, FieldError error) : Exception(error.Message)
{
    public int Status { get; } = status;

    public string Code { get; } = code;

    public FieldError Error { get; } = error;
}
