namespace IntegrationHub.Intake.Validation;

/// <summary>A batch stopped because too large a share of its records were rejected; <see cref="Summary"/> says why, by field and code.</summary>
internal sealed class TooManyRejectionsException(string message, IReadOnlyList<FieldError> summary) : Exception(message)
{
    public IReadOnlyList<FieldError> Summary { get; } = summary;
}
